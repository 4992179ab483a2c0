"""The weekly digest: the week's agenda, relationships at risk and thanks owed, by e-mail.

Sent by ``coltiva digest`` (a daily cron line): each opted-in user receives it on their
chosen weekday, in their language and time zone, at most once that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from coltiva import address
from coltiva.accounts.models import User
from coltiva.agenda.presenters import shown
from coltiva.agenda.services import agenda_for
from coltiva.domain.vcp import Stage
from coltiva.people.models import Relationship
from coltiva.referrals.models import Referral

SALT = "coltiva.digest.unsubscribe"
AT_RISK = 5


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=SALT)


def user_for_unsubscribe(token: str) -> User | None:
    """The account a digest's unsubscribe link names, while the link is fresh (it only
    ever turns the digest off, so an old e-mail left around cannot do more)."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.UNSUBSCRIBE_LINK_DAYS))
        return User.objects.filter(pk=int(pk)).first()
    except (signing.BadSignature, TypeError, ValueError):
        return None


def is_due(user: User) -> bool:
    today = user.local_today()
    return (
        user.digest_enabled
        and user.is_active
        and today.weekday() == user.digest_weekday
        and user.digest_sent_on != today
    )


@dataclass(frozen=True)
class Sent:
    users: int
    skipped: int
    not_opted_in: tuple[str, ...] = ()


def _context(user: User) -> dict[str, object]:
    base_url = address.base_url()
    agenda = agenda_for(user)
    at_risk = list(
        Relationship.objects.filter(
            owner=user,
            stage_rank__gte=Stage.CREDIBILITY.rank,
            health__in=["withering", "dormant"],
            person__deleted_at__isnull=True,
        )
        .select_related("person")
        .order_by("last_contact_on", "person_id")[:AT_RISK]
    )
    items = shown(agenda.items, user.time_zone)
    thanks = [i for i in items if i.code == "say_thank_you"]
    # A referral received and won is also a "say thank you" on the agenda: list each
    # person's thanks once.
    unthanked = list(
        Referral.objects.filter(
            owner=user,
            direction=Referral.RECEIVED,
            status="won",
            thanked_touch__isnull=True,
            person__deleted_at__isnull=True,
        )
        .exclude(person_id__in=[i.person_id for i in thanks])
        .select_related("person")[:AT_RISK]
    )
    return {
        "user": user,
        "items": items,
        "count": len(items),
        "at_risk": at_risk,
        "thanks": thanks,
        "unthanked": unthanked,
        "base_url": base_url,
        "unsubscribe_url": base_url
        + reverse("reminders:unsubscribe", args=[unsubscribe_token(user)]),
    }


def send_digest(user: User) -> None:
    with translation.override(user.language or "en"):
        context = _context(user)
        count = context["count"]
        assert isinstance(count, int)
        subject = ngettext(
            "Your week in Coltiva: %(n)d thing to tend",
            "Your week in Coltiva: %(n)d things to tend",
            count,
        ) % {"n": count}
        text = render_to_string("reminders/digest.txt", context)
        html = render_to_string("reminders/digest.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    message.send()
    user.digest_sent_on = user.local_today()
    user.save(update_fields=["digest_sent_on"])


def send_due_digests(users: Iterable[User] | None = None, *, force: bool = False) -> Sent:
    """Send to the users whose digest is due; ``force`` ignores the weekday and the
    once-a-day rule, never the opt-in (the e-mails of users not opted in are returned)."""
    candidates = users if users is not None else User.objects.filter(digest_enabled=True)
    sent = skipped = 0
    not_opted_in: list[str] = []
    for user in candidates:
        if not user.digest_enabled:
            not_opted_in.append(user.email)
            skipped += 1
        elif user.is_active and (force or is_due(user)):
            send_digest(user)
            sent += 1
        else:
            skipped += 1
    return Sent(users=sent, skipped=skipped, not_opted_in=tuple(not_opted_in))
