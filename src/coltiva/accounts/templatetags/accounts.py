"""Words for the profile's sessions and the security log."""

from __future__ import annotations

from functools import lru_cache

import ua_parser
from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coltiva.accounts import audit

register = template.Library()

EVENT_LABELS = {
    audit.LOGIN: gettext_lazy("Logged in"),
    audit.LOGIN_FAILED: gettext_lazy("Failed log-in"),
    audit.LOCKED_OUT: gettext_lazy("Log-in locked after repeated failures"),
    audit.LOGOUT: gettext_lazy("Logged out"),
    audit.PASSWORD_CHANGED: gettext_lazy("Password changed"),
    audit.PASSWORD_RESET_REQUESTED: gettext_lazy("Password reset link sent"),
    audit.PASSWORD_RESET: gettext_lazy("Password reset"),
    audit.SIGNUP_REQUESTED: gettext_lazy("Sign-up asked for"),
    audit.EMAIL_CONFIRMED: gettext_lazy("E-mail address confirmed"),
    audit.SESSION_ENDED: gettext_lazy("Other sessions logged out"),
    audit.EXPORT: gettext_lazy("Book exported"),
    audit.ACCOUNT_DELETED: gettext_lazy("Account deleted"),
    audit.TWO_FACTOR_ENROLLED: gettext_lazy("Two-factor log-in turned on"),
    audit.TWO_FACTOR_DISABLED: gettext_lazy("Two-factor log-in turned off"),
    audit.RECOVERY_CODE_USED: gettext_lazy("Recovery code used"),
    audit.PASSKEY_ADDED: gettext_lazy("Passkey added"),
    audit.PASSKEY_REMOVED: gettext_lazy("Passkey removed"),
    audit.BACKUP_MADE: gettext_lazy("Installation backed up"),
}


@register.filter
def audit_event(code: str) -> str:
    label = EVENT_LABELS.get(code)
    return str(label) if label is not None else code


@lru_cache(maxsize=256)
def _parse(user_agent: str) -> tuple[str, str]:
    parsed = ua_parser.parse(user_agent).with_defaults()
    return parsed.user_agent.family, parsed.os.family


@register.filter
def device(user_agent: str) -> str:
    """ "Firefox on Windows" from a User-Agent header; "Unknown browser" when it says
    nothing we know."""
    if not user_agent:
        return _("Unknown browser")
    browser, system = _parse(user_agent[:300])
    if browser == "Other" and system == "Other":
        return _("Unknown browser")
    if system == "Other":
        return browser
    return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
