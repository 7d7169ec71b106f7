"""Roder's one settings module. Every deployment choice comes from an environment variable.

Development (DEBUG=true, the default outside production) runs on SQLite in var/. Production sets
RODER_ENV=production, which turns DEBUG off, demands a real SECRET_KEY and ALLOWED_HOSTS, and turns
on the secure-cookie, HSTS and SSL settings that `manage.py check --deploy` asks for.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

PLACEHOLDER_SECRET_KEY = "roder-development-key-never-use-in-production"

PRODUCTION = env_str("RODER_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = env_str("SECRET_KEY", PLACEHOLDER_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == PLACEHOLDER_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Production needs SECRET_KEY: a random value of at least 50 characters."
    )
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when RODER_ENV=production.")

# Demo mode lists the demo accounts on the login page. Never on in production.
DEMO = env_bool("RODER_DEMO", False) and not PRODUCTION

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Roder's apps come first so that their registration/ templates win over the admin's.
INSTALLED_APPS = [
    "roder.core",
    "roder.accounts",
    "roder.organisation",
    "roder.periods",
    "roder.notices",
    "roder.wheel",
    "roder.planning",
    "roder.indicators",
    "roder.followup",
    "roder.actions",
    "roder.surveys",
    "roder.control",
    "roder.economy",
    "roder.selfassessment",
    "roder.complaints",
    "roder.kolada",
    "roder.quality",
    "roder.reports",
    "roder.documents",
    "roder.home",
    "roder.demo",
    "roder.api",
    # After roder.api (whose templates/ninja/swagger.html replaces its page): its static files
    # are the docs page's Swagger UI, served by Roder instead of a CDN.
    "ninja",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the web server itself (compressed, hashed names, cached for a year):
    # no separate file server is needed in front of gunicorn.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session middleware, so that it sees the session cookie being set.
    "roder.core.middleware.PrivateCacheMiddleware",
    "roder.core.middleware.HtmxVaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "roder.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "roder.core.context_processors.roder",
                "roder.organisation.context_processors.organisations",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/roder.sqlite3"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "roder.accounts.validators.DistinctCharactersValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitations use the same link: three days

# Rate limits (log-in, password reset) count clients by address. Behind a reverse proxy every
# request comes from the proxy: list its addresses or networks here, and the client's address is
# then read from X-Forwarded-For (roder/core/README.md).
RODER_TRUSTED_PROXIES = env_list("RODER_TRUSTED_PROXIES", [])

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# In production `manage.py collectstatic` writes each file under a hashed name with gzip and
# Brotli copies, and whitenoise serves them with a year's cache ("immutable"). Development and
# the tests use the plain storage and need no collectstatic.
_STATIC_MANIFEST = env_bool("RODER_STATIC_MANIFEST", PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Outgoing e-mail (invitations, password resets). Development prints mail to the console.
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = env_str(
    "EMAIL_BACKEND", _SMTP if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": _mail_backend,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
        if _mail_backend == _SMTP
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "roder@localhost")
# The address people reach Roder at: links in mail sent outside a request (notifications,
# reminders from `manage.py send_reminders`) begin with it. The default suits `make demo`.
RODER_BASE_URL = env_str("RODER_BASE_URL", "http://127.0.0.1:8000")
# `manage.py send_reminders` reminds units this many days before a report's due date.
RODER_REMINDER_DAYS_BEFORE = env_int("RODER_REMINDER_DAYS_BEFORE", 5)
# …and of the annual wheel's events that ask for it (roder/wheel) this many days before each.
RODER_WHEEL_REMINDER_DAYS = env_int("RODER_WHEEL_REMINDER_DAYS", 2)
# The public complaint form (roder/complaints): at most this many attachments of at most this
# many megabytes each (images and PDF, checked by content), and the proof-of-work challenge's
# largest number (the browser tries half of them on average: about a second on a phone).
RODER_COMPLAINT_ATTACHMENTS = env_int("RODER_COMPLAINT_ATTACHMENTS", 3)
RODER_COMPLAINT_ATTACHMENT_MB = env_int("RODER_COMPLAINT_ATTACHMENT_MB", 5)
RODER_COMPLAINT_CHALLENGE_MAX = env_int("RODER_COMPLAINT_CHALLENGE_MAX", 50_000)
# Kolada's open API (v3). A mirror or a local test server may stand in; tests never reach it.
RODER_KOLADA_URL = env_str("RODER_KOLADA_URL", "https://api.kolada.se/v3")
# Whether mail really reaches people. Off (the console and in-memory backends, or
# RODER_MAIL_DELIVERED=false) the people pages show invitation links to copy instead.
RODER_MAIL_DELIVERED = env_bool(
    "RODER_MAIL_DELIVERED",
    _mail_backend
    not in (
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    ),
)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Joining the browsers' HSTS preload list binds the whole domain for years: the municipality's
# domain owner decides that (SECURE_HSTS_PRELOAD=true), not Roder's defaults.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Logs go to stdout (the process manager or container collects them): one JSON object per line
# in production (RODER_LOG_FORMAT=json: time, level, logger, message and the record's extras,
# for Loki, Elastic or journald), plain lines in development.
_LOG_JSON = env_str("RODER_LOG_FORMAT", "json" if PRODUCTION else "text") == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if _LOG_JSON else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # gunicorn's error log through the same handler (its access log: config/gunicorn.conf.py).
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Long document runs go through Django's task framework. The database backend keeps the queue
# in Roder's own database, so any app server may enqueue and a worker (`manage.py db_worker`,
# started by `make demo`) produces the files. RODER_TASK_BACKEND=immediate runs tasks inside the
# request instead (the tests, and a one-process installation).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("RODER_TASK_BACKEND", "database")]}}

# Imported files (outcome workbooks, ledger files): size, rows and columns are checked before a
# file is parsed; above IMPORT_TASK_ROWS rows the check and the import run as a task.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 10)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 50)
IMPORT_TASK_ROWS = env_int("IMPORT_TASK_ROWS", 2_000)
