"""The right to leave: take everything with you, then delete the account and its book.

Nothing is kept for anyone (no soft delete, no copy for administrators): every row the
user owns goes with the account (the owner foreign keys cascade), and what lives outside
the database goes too: uploaded files waiting to be imported, sessions (and their cached
copies), log-in attempts recorded under the e-mail address, the cached network index.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from importlib import import_module
from typing import IO, Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from coltiva.accounts import audit
from coltiva.accounts.models import User
from coltiva.imports import conf as import_conf
from coltiva.imports import exports
from coltiva.imports.models import ImportJob
from coltiva.network import book as network_book

ACCOUNT_FIELDS = (
    "email", "name", "time_zone", "language", "phone_region", "currency", "is_staff",
    "date_joined", "last_login", "agenda_size", "weekly_meetings", "digest_enabled",
    "digest_weekday",
)  # fmt: skip


def account_data(user: User) -> dict[str, Any]:
    """What the installation knows of the account itself (never a secret: no password
    hash, no token, no second-factor key)."""
    data: dict[str, Any] = {}
    for name in ACCOUNT_FIELDS:
        value = getattr(user, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["calendar_feed_on"] = bool(user.calendar_token)
    data["two_factor"] = {
        "authenticator_app": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "recovery_codes": StaticDevice.objects.filter(user=user).exists(),
        "passkeys": [
            {"name": key.name, "created_at": key.created_at.isoformat()}
            for key in WebAuthnCredential.objects.filter(user=user)
        ],
    }
    return data


def download_everything(user: User) -> IO[bytes]:
    """A zip of ``book.json`` (the JSON export, which restores into an empty account)
    and ``account.json``, spooled to disk past a few megabytes."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115  # returned open
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("book.json", "w") as out:
            for chunk in exports.export(user, "json"):
                out.write(chunk.encode("utf-8"))
        account = json.dumps(account_data(user), ensure_ascii=False, indent=2)
        archive.writestr("account.json", account)
    spool.seek(0)
    audit.record(audit.EXPORT, user=user, detail={"what": "everything"})
    return spool


def delete_account(user: User) -> None:
    """Delete the account and every row of its book, and what it left outside the
    database. The files and caches go after the rows are committed."""
    pk, email = user.pk, user.email
    files = [job.stored_file for job in ImportJob.objects.filter(owner=user) if job.stored_file]
    with transaction.atomic():
        _delete_sessions(pk)
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username__iexact=email).delete()
        user.delete()
    uploads = import_conf.uploads_dir()
    for name in files:
        (uploads / name).unlink(missing_ok=True)
    network_book.forget(pk)
    # The row outlives the account on purpose (kept 90 days): its number, never the e-mail.
    audit.record(audit.ACCOUNT_DELETED, detail={"user_id": pk})


def _delete_sessions(pk: int) -> None:
    """Every session signed in as the user, from the database and the shared cache."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(pk):
            store(session.session_key).delete()
    Session.objects.filter(expire_date__lte=timezone.now()).delete()
