"""Mamori's one settings module.

Everything comes from environment variables through the small typed helpers
below; each rejects a malformed value instead of guessing. Defaults are safe
for a local desk: SQLite in the data directory and DEBUG off unless the dev
script turns it on. Production (DEBUG off) refuses to start without a
SECRET_KEY.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (Docker/systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(env_str("MAMORI_DATA_DIR", str(BASE_DIR / "var"))).resolve()

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("MAMORI_ALLOW_INSECURE_KEY", False):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) in production, "
            "or DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

# Field-level encryption keys (newest first); see mamori/crypto.py for rotation.
FIELD_ENCRYPTION_KEYS = [
    key.strip() for key in env_secret("FIELD_ENCRYPTION_KEYS").split(",") if key.strip()
]
ALLOW_DERIVED_ENCRYPTION_KEY = env_bool("MAMORI_ALLOW_INSECURE_KEY", False)
if not FIELD_ENCRYPTION_KEYS and not DEBUG and not ALLOW_DERIVED_ENCRYPTION_KEY:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS is not set. Create a key with `mamori generate-key` and set "
        "FIELD_ENCRYPTION_KEYS (or FIELD_ENCRYPTION_KEYS_FILE)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "mamori.accounts",
    "mamori.orgs",
    "mamori.cases",
    "mamori.assessments",
    "mamori.plans",
    "mamori.reports",
    "mamori.policy",
    "mamori.consult",
    "mamori.notify",
    "mamori.care",
    "mamori.measures",
    "mamori.compliance",
    "mamori.search",
    "mamori.dashboards",
    "mamori.api",
    "mamori.audit",
    "mamori.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "mamori.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "mamori.urls"
WSGI_APPLICATION = "mamori.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mamori" / "templates"],
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

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'mamori.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while the task worker writes. Each
    # request opens a fresh connection with an empty page cache; memory-mapped
    # reads let it share the operating system's cache instead of copying
    # every page through read() (docs/performance.md; 0 turns it off).
    _sqlite_mmap = env_int("SQLITE_MMAP_BYTES", 256 * 1024 * 1024)
    if _sqlite_mmap < 0:
        raise ImproperlyConfigured("SQLITE_MMAP_BYTES must be 0 or more")
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size={_sqlite_mmap};"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Web requests are many short queries at once: parallel workers for one
    # search only take cores from the other requests (measured in
    # docs/performance.md). Reports and exports run in the worker either way.
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _parallel = env_int("DATABASE_PARALLEL_WORKERS", 0)
    if _parallel < 0:
        raise ImproperlyConfigured("DATABASE_PARALLEL_WORKERS must be 0 or more")
    _pg_options["options"] = (
        f"{_pg_options.get('options', '')} -c max_parallel_workers_per_gather={_parallel}"
    ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds during which further views of a case by the same reader add no audit row.
VIEW_AUDIT_WINDOW = env_int("VIEW_AUDIT_WINDOW", 600)
if VIEW_AUDIT_WINDOW < 0:
    raise ImproperlyConfigured("VIEW_AUDIT_WINDOW must be 0 (record every view) or more seconds")

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("MAMORI_FAST_PASSWORD_HASHER", False):
    # Tests only: PBKDF2's deliberate slowness would dominate the suite's run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Login throttling: after AXES_FAILURE_LIMIT failures the username is locked for
# AXES_COOLOFF_TIME hours; an HR admin unlocks it (accounts › unlock) earlier.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_HOURS", 1)
# Per username (against distributed guessing) and per username+address.
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# TOTP two-factor authentication is required for these roles (response team and
# admins hold the most sensitive records); MAMORI_REQUIRE_2FA=0 turns it off for demos.
REQUIRE_TWO_FACTOR = env_bool("MAMORI_REQUIRE_2FA", True)
TWO_FACTOR_ROLES = ["response_team", "hr_admin"]
OTP_TOTP_ISSUER = "Mamori"

# No inline script or style anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:mine"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "ja")
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "mamori" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "mamori" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Evidence files live outside the web root and are served only by access-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "files")))
# Evidence files on object storage (django-storages, installed separately: docs/deployment.md).
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "s3":
    if not env_str("S3_BUCKET"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET")
    _sse = env_str("S3_SERVER_SIDE_ENCRYPTION", "AES256")
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("S3_BUCKET"),
                "region_name": env_str("S3_REGION") or None,
                "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
                "access_key": env_secret("S3_ACCESS_KEY_ID") or None,
                "secret_key": env_secret("S3_SECRET_ACCESS_KEY") or None,
                "location": env_str("S3_PREFIX", "mamori"),
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
                "object_parameters": {"ServerSideEncryption": _sse} if _sse else {},
            },
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
elif STORAGE_BACKEND != "filesystem":
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be filesystem or s3, got {STORAGE_BACKEND!r}")
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024

# Retention: years after closing before a case's content is deleted (a tombstone
# and the audit trail stay). Legal hold blocks deletion.
RETENTION_YEARS = {
    "client_complaint": env_int("RETENTION_YEARS_CLIENT_COMPLAINT", 5),
    "customer_harassment": env_int("RETENTION_YEARS_CUSTOMER_HARASSMENT", 5),
    "consultation": env_int("RETENTION_YEARS_CONSULTATION", 3),
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "mamori@localhost")

# Sessions are read on every request: served from the cache, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every login at INFO; lockouts are in our audit log anyway.
    "loggers": {"axes": {"level": "WARNING"}},
}
