"""Django settings, read from the environment.

Every setting a deployment changes comes from an environment variable (see README "Configuration"), so one
wheel runs the demo, a test and a municipality's production server. ``DEBUG`` is off unless asked for.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KANSRIJK_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("KANSRIJK_DEMO"):
        SECRET_KEY = "kansrijk-demo-only-not-secret"  # noqa: S105 - only used with DEBUG/demo, refused by check-deploy
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY (a long random string) in the environment.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "kansrijk.web",
    "kansrijk.accounts",
    "kansrijk.fieldwork",
    "kansrijk.results",
    "kansrijk.cycle",
    "kansrijk.api",
]

MIDDLEWARE = [
    "kansrijk.web.health.ProbeMiddleware",  # /healthz and /readyz: any Host, plain HTTP, no session
    # Pupil routes (/start/, /k/…) skip the staff middleware below (sessions, auth, OTP, messages, axes)
    "kansrijk.web.middleware.PupilRouteMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kansrijk.accounts.security.forget_user_agent",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kansrijk.web.csp.ContentSecurityPolicyMiddleware",  # django-csp, skipping @csp_exempt answers
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kansrijk.api.adr.ApiVersionMiddleware",  # API-Version on every /api/ answer (NL API Design Rules)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kansrijk.web.urls"
WSGI_APPLICATION = "kansrijk.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kansrijk.web.context.site",
            ],
        },
    },
]


def database_from_url(url: str) -> dict[str, object]:
    """Database settings from a URL; SQLite gets the options that keep web server and worker from locking.

    WAL lets readers proceed while one writer writes; ``IMMEDIATE`` transactions take the write lock at BEGIN,
    so two writers queue on the busy timeout instead of failing with "database is locked" halfway through.
    """
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config["CONN_MAX_AGE"] = int(os.environ.get("KANSRIJK_CONN_MAX_AGE", "60"))
        config["CONN_HEALTH_CHECKS"] = True
        # Pupil saves (fieldwork.intake) run as server-side prepared statements, planned once per persistent
        # connection (Django's own queries bind on the client and are never prepared). Switch off behind a
        # transaction-pooling PgBouncer older than 1.21, which cannot keep them.
        prepared = env_bool("KANSRIJK_DB_PREPARED_STATEMENTS", True)
        options = config.get("OPTIONS")
        config["OPTIONS"] = {
            **(options if isinstance(options, dict) else {}),
            "prepare_threshold": 5 if prepared else None,
        }
    return config


DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kansrijk.sqlite3'}")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (OpenID Connect), one identity provider per database row: docs/operations/sso.md
    "kansrijk.accounts.oidc.OIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

# Brute-force protection: lock out by username (a school NAT must not lock out a whole school), and never
# keep client addresses: the callable returns a constant so django-axes stores no IP address.
AXES_FAILURE_LIMIT = int(os.environ.get("KANSRIJK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "kansrijk.accounts.security.no_client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

SESSION_COOKIE_AGE = int(os.environ.get("KANSRIJK_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
# A container image collects static files at build time into a read-only folder: KANSRIJK_STATIC_ROOT.
STATIC_ROOT = Path(os.environ.get("KANSRIJK_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = VAR_DIR / "media"
# Closed waves (Snapshot v1) and stored results: default <var>/snapshots and <media>/results; in production a
# shared file store. Only set when asked, so the defaults follow VAR_DIR / MEDIA_ROOT (also in tests).
if os.environ.get("KANSRIJK_SNAPSHOT_DIR"):
    KANSRIJK_SNAPSHOT_DIR = os.environ["KANSRIJK_SNAPSHOT_DIR"]
if os.environ.get("KANSRIJK_RESULTS_DIR"):
    KANSRIJK_RESULTS_DIR = os.environ["KANSRIJK_RESULTS_DIR"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kansrijk@localhost")

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Security headers from day one. Behind TLS (KANSRIJK_TLS=true) also HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` on form posts and
# Django's CSRF check (Origin, and Referer on HTTPS) refuses every form. same-origin sends nothing to
# other sites, which is the privacy point.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("KANSRIJK_TLS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

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
    }
}

# Logging never records client addresses or user agents: Django's request logger only logs the path and
# status, and the production server (Granian) logs requests only when asked (KANSRIJK_ACCESS_LOG), in a format
# without them (kansrijk.cli.ACCESS_LOG_FORMAT).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KANSRIJK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

KANSRIJK = {
    "SITE_NAME": "Kansrijk",
    "DEMO": env_bool("KANSRIJK_DEMO"),
    # `kansrijk serve --prod` writes an access log (no client address, no user agent) only when this is set;
    # the ingress or proxy in front usually logs requests already.
    "ACCESS_LOG": env_bool("KANSRIJK_ACCESS_LOG"),
    # Microdata (view/export) needs a verified second factor (TOTP); switch off only for a closed demo.
    "REQUIRE_2FA": env_bool("KANSRIJK_REQUIRE_2FA", True),
    # API requests per token (or per signed-in user, or per anonymous client) per window.
    "API_RATE_LIMIT": int(os.environ.get("KANSRIJK_API_RATE_LIMIT", "300")),
    "API_RATE_WINDOW_SECONDS": int(os.environ.get("KANSRIJK_API_RATE_WINDOW", "60")),
    # Who answers for this installation's API: info.contact of the OpenAPI document (NL API Design Rules).
    "API_CONTACT_NAME": os.environ.get("KANSRIJK_API_CONTACT_NAME", "Kansrijk"),
    "API_CONTACT_EMAIL": os.environ.get("KANSRIJK_API_CONTACT_EMAIL", "kansrijk@example.invalid"),
    "API_CONTACT_URL": os.environ.get("KANSRIJK_API_CONTACT_URL", "https://example.invalid/kansrijk"),
}
# The policy cycle reads published figures through one interface (kansrijk.cycle.indicators.ResultsSource);
# this names the callable that returns its implementation. Empty: the cycle pages say "no published wave".
KANSRIJK_CYCLE_RESULTS_SOURCE = "kansrijk.results.cycle_source.PublishedResults"
# The analysis a results run calls (signature of kansrijk.analysis.pipeline.run_analysis): a dotted path or
# the callable itself (tests give hand-made result tables this way: tests/results/stand_in.py).
KANSRIJK_ANALYSIS_PIPELINE = "kansrijk.analysis.pipeline.run_analysis"
# Roles apps above accounts grant at a single sign-on login (kansrijk.accounts.oidc.SsoGrants): a GGD group
# becomes the regional role of a region.
KANSRIJK_SSO_GRANTS = ["kansrijk.results.region_sso.RegionGrants"]

# Rate limits (class codes, API) count in the cache. The default per-process memory cache counts per worker;
# with several workers set KANSRIJK_CACHE_URL to redis://… or "database" (then run `createcachetable`).
_cache_url = os.environ.get("KANSRIJK_CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url == "database":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kansrijk_cache"}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kansrijk"}}
# Several installations (or test runs) may share one Redis: each keeps its keys apart under its own prefix.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("KANSRIJK_CACHE_KEY_PREFIX", "")
# Staff sessions live in the database (Django's default engine), so every web server behind a load balancer
# sees the same sessions without sticky routing; pupils' resume tokens are hashed in the database too.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The name an authenticator app shows next to the six-digit code.
OTP_TOTP_ISSUER = "Kansrijk"
