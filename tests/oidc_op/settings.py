"""A real OpenID Connect provider for the tests: django-oidc-provider in its own small Django project, started as a
separate process (``serve.py``) with its own SQLite database. Not a mock: discovery, keys, authorization code flow
with PKCE, signed ID tokens and the userinfo endpoint are the library's own."""

import os
from pathlib import Path

BASE = Path(__file__).resolve().parent
SECRET_KEY = "test-provider-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.oidc_op.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OP_DATABASE"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/login/"
SITE_URL = os.environ["OP_SITE_URL"]
OIDC_USERINFO = "tests.oidc_op.claims.userinfo"
OIDC_EXTRA_SCOPE_CLAIMS = "tests.oidc_op.claims.OrganisationScopeClaims"
OIDC_IDTOKEN_INCLUDE_CLAIMS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
