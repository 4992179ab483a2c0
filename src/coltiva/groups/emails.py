"""The invitation e-mail: a signed link, valid 14 days, in the inviter's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from coltiva import address
from coltiva.groups import services
from coltiva.groups.models import Invitation


def send_invitation(invitation: Invitation, language: str) -> None:
    link = address.base_url() + reverse(
        "groups:invitation", args=[services.invitation_token(invitation)]
    )
    inviter = invitation.invited_by
    context = {
        "group": invitation.group.name,
        "inviter": (inviter.name or inviter.email) if inviter else "",
        "link": link,
        "days": services.INVITATION_DAYS,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("groups/invitation_subject.txt", context).strip()
        body = render_to_string("groups/invitation_email.txt", context)
    send_mail(subject, body, None, [invitation.email])
