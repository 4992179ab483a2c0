"""Django settings for Coltiva, read from ``COLTIVA_*`` environment variables (see README)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from coltiva import config
from coltiva.domain.vcp import Stage

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

DEBUG = config.env_bool("DEBUG", False)
SECRET_KEY = config.secret_key(DATA_DIR)
HTTPS = config.env_bool("HTTPS", False)
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    # Two-factor log-in: TOTP apps, one-time recovery codes, passkeys (README, Accounts).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    "coltiva.accounts",
    "coltiva.people",
    "coltiva.events",
    "coltiva.referrals",
    "coltiva.agenda",
    "coltiva.network",
    "coltiva.review",
    "coltiva.reminders",
    "coltiva.imports",
    "coltiva.groups",
    "coltiva.web",
    "coltiva.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "coltiva.web.middleware.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "coltiva.accounts.middleware.SecondFactorMiddleware",
    "coltiva.web.middleware.SessionEndedMiddleware",
    "coltiva.web.middleware.NoStoreMiddleware",
    "coltiva.accounts.middleware.UserPreferencesMiddleware",
    "coltiva.accounts.middleware.SessionSeenMiddleware",
    "coltiva.people.middleware.FreshBookMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "coltiva.web.busy.BusyDatabaseMiddleware",
]

ROOT_URLCONF = "coltiva.urls"
WSGI_APPLICATION = "coltiva.wsgi.application"

# Form widgets render through Jinja2 (Django ships its widget templates for it), the
# select from one template of coltiva/fragments/: the Django engine renders each
# <option> through three templates, which made the touch form's selects most of the
# person page's time (bench/README.md).
FORM_RENDERER = "coltiva.edge.widgets.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coltiva.edge.undo.context_processor",
                "coltiva.web.context.navigation",
            ],
        },
    },
    {
        # Rows, fields, badges and the menu (coltiva.web.fragments): .html files, so
        # makemessages and editors treat them like the rest, in their own directory.
        "NAME": "fragments",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "fragments"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "coltiva.web.fragments.environment", "autoescape": True},
    },
]

# --- Caches -------------------------------------------------------------------------------
# "default" is per process (the network's match index, rebuilt when missing). "shared" is
# files in the data directory, seen by every web worker and the task worker alike:
# sessions and signed-in users, whose entries must disappear everywhere when they change.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "TIMEOUT": 14 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}

# --- Database -----------------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "coltiva.sqlite3"
# WAL lets readers go on while one writer writes. SQLite folds the log back into the
# database every 1,000 pages, but never shrinks the file while a connection stays open
# (ours stay open): after an import it held 455 MB. journal_size_limit cuts it back to
# 64 MB after each checkpoint; the daily refresh empties it (coltiva.dbfiles).
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
    "PRAGMA cache_size=-32768;PRAGMA wal_autocheckpoint=1000;"
    "PRAGMA journal_size_limit=67108864;"
)
_database_url = config.env("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            # Keep each worker's connection: opening one runs the PRAGMAs below and
            # registers Django's SQL functions, about a millisecond per request.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # IMMEDIATE makes a write transaction take the lock up front instead of
                # failing half-way through.
                "init_command": SQLITE_PRAGMAS,
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Production server (`coltiva serve --production`) -------------------------------------
# Threads per gunicorn worker: a long download takes one thread, not the whole worker.
SERVE_THREADS = config.env_int("THREADS", 4)
# Seconds a worker process may go without reporting to gunicorn's master before it is
# killed and replaced. With threaded workers it bounds a hung process, never the length
# of one request (a large export may stream for minutes).
SERVE_WORKER_TIMEOUT = config.env_int("WORKER_TIMEOUT", 30)
if SERVE_THREADS < 1 or SERVE_WORKER_TIMEOUT < 1:
    raise config.ConfigError("COLTIVA_THREADS and COLTIVA_WORKER_TIMEOUT must be at least 1")

# --- Accounts and security ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with the signed-in user read from the shared cache (accounts.backends).
    "coltiva.accounts.backends.CachedModelBackend",
    # A passkey logs in on its own (it is something you have, unlocked by something
    # you know or are); the library marks the session as verified by a second factor.
    "django_otp_webauthn.backends.WebAuthnBackend",
]
# Sessions are read from the shared cache and written through to the database, so a
# request reads neither the session nor the user row (bench/README.md, Today's queries).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "shared"
# Proxies whose X-Forwarded-For names the client (coltiva.accounts.clientip): addresses
# or networks. Anyone else's header is ignored, so nobody can pose as another address.
TRUSTED_PROXIES = config.env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise config.ConfigError(
            f"COLTIVA_TRUSTED_PROXIES: {_proxy!r} is not an address or a network"
        ) from None
# Log-in rate limits (coltiva.accounts.lockout): five failures for one account from one
# address lock it from that address for 15 minutes; fifty failures from one address,
# whatever the accounts, lock that address. Correct log-ins never count.
AXES_FAILURE_LIMIT = config.env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = config.env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "coltiva.accounts.lockout.AddressAwareHandler"
AXES_CLIENT_IP_CALLABLE = "coltiva.accounts.clientip.client_address"
# Sign-up and password-reset e-mails, per hour (counted in the audit log).
SIGNUP_LIMIT_PER_ADDRESS = config.env_int("SIGNUP_LIMIT_PER_ADDRESS", 10)
SIGNUP_LIMIT_PER_EMAIL = config.env_int("SIGNUP_LIMIT_PER_EMAIL", 3)
RESET_LIMIT_PER_ACCOUNT = config.env_int("RESET_LIMIT_PER_ACCOUNT", 3)
RESET_LIMIT_PER_ADDRESS = config.env_int("RESET_LIMIT_PER_ADDRESS", 20)
# How long the link of a sign-up's confirmation e-mail works, and a digest's unsubscribe.
EMAIL_CONFIRMATION_DAYS = 3
UNSUBSCRIBE_LINK_DAYS = 60
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Two-factor log-in. When on, an administrator must enrol a second factor before doing
# anything else, and every administrator's session must have passed it.
REQUIRE_2FA_ADMIN = config.env_bool("REQUIRE_2FA_ADMIN", False)
OTP_TOTP_ISSUER = "Coltiva"
# Passkeys belong to the address the browser used (the request's host, which
# ALLOWED_HOSTS has vetted), so one installation works on localhost and behind a proxy.
OTP_WEBAUTHN_HELPER_CLASS = "coltiva.accounts.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "coltiva.accounts.passkeys.relying_party"
OTP_WEBAUTHN_RP_NAME = "Coltiva"
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "coltiva.passkeys"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "coltiva.web.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["coltiva.formats"]
LANGUAGES = [("en", _("English")), ("it", _("Italiano"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files and uploads -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Whitenoise serves straight from the apps' static folders, so `make run` needs no
# collectstatic step and works with DEBUG off.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "uploads"
IMPORT_MAX_BYTES = config.env_int("IMPORT_MAX_MB", 20) * 1024 * 1024
# The first request of a user's day refreshes at most this much of the book inline; a
# background task does the rest.
REFRESH_INLINE_ROWS = config.env_int("REFRESH_INLINE_ROWS", 500)
REFRESH_INLINE_MS = config.env_int("REFRESH_INLINE_MS", 200)
# A running import or undo silent this long, with its worker gone, is closed as failed.
JOB_STALE_SECONDS = config.env_int("JOB_STALE_SECONDS", 120)
# More than any LinkedIn network (capped at 30,000) or phone book, and few enough that
# one import's staged rows stay reasonable.
IMPORT_MAX_ROWS = config.env_int("IMPORT_MAX_ROWS", 100_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Every upload is bounded by bytes: kept up to the import limit, the rest only counted.
FILE_UPLOAD_HANDLERS = ["coltiva.imports.uploads.BoundedUploadHandler"]

# --- E-mail -------------------------------------------------------------------------------
EMAIL_HOST = config.env("EMAIL_HOST")
EMAIL_PORT = config.env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = config.env("EMAIL_USER")
EMAIL_HOST_PASSWORD = config.env("EMAIL_PASSWORD")
EMAIL_USE_TLS = config.env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = config.env("EMAIL_FROM", "Coltiva <coltiva@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ---------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Logging: never personal data, never secrets --------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secrets in URLs (the calendar feed's token, reset and unsubscribe links) never
    # reach the log, whichever logger writes the line.
    "filters": {"secrets": {"()": "coltiva.web.logfilter.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["secrets"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        # Request lines carry search terms (names): keep them out of the log.
        "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# The method's tunables (DOMAIN.md defaults); see coltiva.domain.vcp.Params.
VCP_HALF_LIFE_VISIBILITY = config.env_int("HALF_LIFE_VISIBILITY", 90)
VCP_HALF_LIFE_CREDIBILITY = config.env_int("HALF_LIFE_CREDIBILITY", 180)
VCP_HALF_LIFE_PROFITABILITY = config.env_int("HALF_LIFE_PROFITABILITY", 365)
VCP_SCORE_FLOOR = config.env_int("SCORE_FLOOR", 10)

# Matching and introductions (coltiva.network.conf). The method: you vouch only for
# people you know to be reliable, so credibility by default.
NETWORK_VOUCH_MIN_STAGE = config.env_choice(
    "VOUCH_MIN_STAGE", [stage.value for stage in Stage], Stage.CREDIBILITY.value
)
NETWORK_MATCH_INLINE_MAX = config.env_int("MATCH_INLINE_MAX", 2000)
NETWORK_FOLLOW_UP_DAYS = config.env_int("INTRODUCTION_FOLLOW_UP_DAYS", 14)

# gunicorn workers of `coltiva serve --production` (its --workers overrides it).
WORKERS = config.env_int("WORKERS", 2)

# Where the installation is reached: absolute links in e-mails and the calendar feed.
# Empty: the address `coltiva serve` last listened on (coltiva.address.base_url).
BASE_URL = config.env("BASE_URL").rstrip("/")
# Only for django-otp-webauthn's start-up check: PasskeyHelper accepts the origin of the
# request itself (its host vetted by ALLOWED_HOSTS).
OTP_WEBAUTHN_ALLOWED_ORIGINS = [BASE_URL if BASE_URL.startswith("https://") else "http://localhost"]

PAGE_SIZE = 50
TRASH_DAYS = 30
