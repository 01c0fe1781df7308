"""Django settings for Éclaire: one module, typed environment helpers, loud failure.

Every setting read from the environment is listed in ``eclaire.web.env.REGISTRY`` with its
meaning and default; ``docs/settings.md`` is generated from it and a test checks they agree.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from eclaire.web.env import (
    ConfigurationError,
    env_bool,
    env_database,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("ECLAIRE_DEBUG")
DATABASES = {"default": env_database("DATABASE_URL", default_path=Path.cwd() / "eclaire.sqlite3")}
SECRET_KEY = env_secret("ECLAIRE_SECRET_KEY", debug=DEBUG, database=DATABASES["default"])
ALLOWED_HOSTS = env_list("ECLAIRE_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "eclaire.web.organizations",
    "eclaire.web.campaigns",
    "eclaire.web.responses",
    "eclaire.web.accounts",
    "eclaire.web.collection",
    "eclaire.web.survey",
    "eclaire.web.results",
    "eclaire.web.comments",
    "eclaire.web.plans",
    "eclaire.web.signals",
    "eclaire.web.notifications",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "eclaire.web.publicurl.RequestOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as axes asks: turns a lockout flagged during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eclaire.web.urls"
WSGI_APPLICATION = "eclaire.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first: new and re-saved passwords use it; older hashes are upgraded at next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("ECLAIRE_TIME_ZONE", "Europe/Paris")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("ECLAIRE_STATIC_ROOT", str(Path.cwd() / ".static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 8 * 3600  # an absolute limit: the session is not extended by activity
SESSION_SAVE_EVERY_REQUEST = False
# Coaches and HR often work on shared or borrowed computers: closing the browser ends the session.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool(
    "ECLAIRE_SECURE_COOKIES",
    default=not DEBUG and env_str("ECLAIRE_BASE_URL", "").startswith("https://"),
)
PASSWORD_RESET_TIMEOUT = 24 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Production behind a reverse proxy (docs/deploy.md): how many there are, whether their
# X-Forwarded-Proto is believed, HTTPS redirect and HSTS.
ECLAIRE_TRUSTED_PROXIES = env_int("ECLAIRE_TRUSTED_PROXIES", 0, minimum=0)
if env_bool("ECLAIRE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("ECLAIRE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env_int("ECLAIRE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("ECLAIRE_HSTS_PRELOAD")  # a commitment an operator makes

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = env_str("ECLAIRE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("ECLAIRE_FROM_EMAIL", "eclaire@localhost")

TASKS = {"default": {"BACKEND": env_str("ECLAIRE_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

# The smallest group shown anywhere (respondents); core refuses anything below 3.
ECLAIRE_MIN_GROUP = int(env_str("ECLAIRE_MIN_GROUP", "5"))
# Submitted answers reach the responses table by batches of at least this many per unit, so that
# no response shares its PostgreSQL xmin with the one invitation finished beside it (1: at once).
ECLAIRE_RESPONSE_BATCH = int(env_str("ECLAIRE_RESPONSE_BATCH", str(ECLAIRE_MIN_GROUP)))

# Free-text comments are shown only for groups at least this large (never below ECLAIRE_MIN_GROUP).
ECLAIRE_COMMENT_MIN_GROUP = env_int("ECLAIRE_COMMENT_MIN_GROUP", 10, minimum=3)
if ECLAIRE_COMMENT_MIN_GROUP < ECLAIRE_MIN_GROUP:
    raise ConfigurationError(
        f"ECLAIRE_COMMENT_MIN_GROUP={ECLAIRE_COMMENT_MIN_GROUP} is below "
        f"ECLAIRE_MIN_GROUP={ECLAIRE_MIN_GROUP}: comments need at least as large a group."
    )

# Login throttling (django-axes). Only the login view authenticates, so only login attempts are
# recorded: survey traffic never reaches axes and no respondent address is stored or logged.
AXES_FAILURE_LIMIT = env_int("ECLAIRE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ECLAIRE_LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
# Never the account alone (anyone could lock a user out) nor the address alone (everyone behind
# one proxy or NAT would be locked out together): the pair, with the client address seen through
# the trusted proxies (eclaire.web.clientip).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "eclaire.web.clientip.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no record (address, browser) of successful logins
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "eclaire.web.accounts.lockout.locked_out"
AXES_USERNAME_CALLABLE = "eclaire.web.accounts.lockout.username_of"

# Public address of the site: the start of every survey link, e-mail and poster QR code.
# Empty: links are built from the request's host (see eclaire.web.publicurl).
ECLAIRE_BASE_URL = env_str("ECLAIRE_BASE_URL", "").rstrip("/")
ECLAIRE_UPLOAD_MAX_BYTES = env_int("ECLAIRE_UPLOAD_MAX_MB", 5, minimum=1) * 1024 * 1024
# Uploads stay in memory, up to the limit above, and are never written to a temporary file.
FILE_UPLOAD_HANDLERS = ["eclaire.web.uploads.handler.MemoryOnlyUploadHandler"]
CSRF_FAILURE_VIEW = "eclaire.web.errors.csrf_failure"

# Days after closing before a campaign's invitations, codes and drafts are deleted (retention).
ECLAIRE_RETENTION_DAYS = env_int("ECLAIRE_RETENTION_DAYS", 90)
ECLAIRE_ANALYSIS_PROCESSES = env_int("ECLAIRE_ANALYSIS_PROCESSES", 2, minimum=1, maximum=2)

# The survey's hot statements are prepared on PostgreSQL (eclaire.web.survey.compiled).
ECLAIRE_PG_PREPARE = env_bool("ECLAIRE_PG_PREPARE", default=True)

# One JSON line per event on stderr, cleaned of anything personal first (docs/operations.md).
# Django's own handlers are replaced, so every record goes through the one cleaned handler.
LOGGING_CONFIG = "eclaire.web.operations.logs.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "eclaire.web.operations.logs.RedactPersonalData"}},
    "formatters": {"json_lines": {"()": "eclaire.web.operations.logs.JsonLinesFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["personal_data"],
            "formatter": "json_lines",
        }
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "eclaire": {"handlers": [], "level": "INFO", "propagate": True},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
