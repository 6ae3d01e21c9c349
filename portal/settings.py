"""Settings of the portal: one module, driven by environment variables.

The defaults are the embedded demo shape (SQLite, tasks in-process, e-mails written to files) and
are secure: with DEBUG off and SECRET_KEY and ALLOWED_HOSTS set, `check --deploy` passes.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Without SECRET_KEY, commands that serve nobody (migrations, checks) still run: the web and
# worker processes refuse to start (portal.wsgi, portal.celery) and the system check
# portal.E001 reports it, as Django reports its other configuration errors.
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = (
        "insecure-development-key-only-for-debug-mode" if DEBUG else secrets.token_urlsafe(50)
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The reverse proxies in front of the portal (addresses or networks, e.g. 10.0.0.5,10.1.0.0/24):
# X-Forwarded-For is read only when a request comes from one of them (portal/client.py). Empty:
# the TCP peer is the client, whatever headers say.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# The public address of the portal (scheme, host and any path prefix, e.g.
# https://portal.rantala.fi): every absolute link (e-mails, feeds, calendars, QR slips, the
# sitemap, canonical links) is built on it, never on a request's Host header. Required when DEBUG
# is off: the web and worker processes refuse to start without it, and the system check
# portal.E002 reports it.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "")
PORTAL_BASE_URL = PORTAL_BASE_URL.strip().rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
# The admin's and the authenticator app's name for the portal, in both official languages;
# residents' pages, feeds and e-mails name it in their own language from the site settings.
WAGTAIL_SITE_NAME = os.environ.get("PORTAL_SITE_NAME", "Avoin kunta – Öppen kommun")

INSTALLED_APPS = [
    "modeltranslation",
    "portal",
    "accounts",
    "cms",
    "cases",
    "decisions",
    "participation",
    "indicators",
    "finance",
    "maturity",
    "notifications",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session and everything that reads the database: an anonymous visitor's public
    # page is answered from the cache without a query (portal/pagecache.py).
    "portal.pagecache.PageCacheMiddleware",
    # Inside the page cache, which keeps the compressed page and serves it as it is.
    "portal.pagecache.CompressionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, except under /api/: `lang` or Accept-Language, JSON errors.
    "portal.api.language.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which is the first to read a form's body.
    "portal.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffMFAMiddleware",
    # Old application addresses → their translated ones, for requests that would be a 404;
    # before Wagtail's redirects so that an editor's redirect for the same address wins.
    "portal.moved.MovedPathsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Remembers the browsers an account has signed in with (accounts/signin.py).
    "accounts.signin.DeviceCookieMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, tasks --------------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")

# Processes that share a prefix share the caches; clearing one leaves other prefixes' keys alone.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX") or "portal"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Short timeouts, and a cache miss instead of an error, so that pages keep working
            # when Redis is away.
            "OPTIONS": {
                "CLIENT_CLASS": "portal.cache.PrefixedClient",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    # Rate limits count here (portal/ratelimit.py): errors are not ignored, so that the limits
    # notice Redis is away and count in the web process instead of counting nothing.
    CACHES["ratelimit"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {
            "CLIENT_CLASS": "portal.cache.PrefixedClient",
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# How long an anonymous visitor's public page is kept (portal/pagecache.py); publishing anything
# such pages show makes them stale at once, the clock (scheduled publication, a survey's closing
# time) within this time. 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without Redis, tasks run in the calling process (the embedded demo shape).
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 1.0
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "max_retries": 1,
    "visibility_timeout": 3600,
}
CELERY_TIMEZONE = "Europe/Helsinki"
# Publishing a task is tried once: when the broker is away the outbox row waits for the sweep,
# and the request that wrote it must not wait for the broker (docs/operations.md, "Outbox").
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}

# The notification outbox (docs/operations.md, "Outbox"). How often the sweep runs, how old an
# unsent notification must be before the sweep takes it (younger ones are the worker's), how long a
# worker's claim on a message it is sending lasts (longer than EMAIL_TIMEOUT: an expired claim
# means that the worker died), the first retry's delay (doubling at each attempt), and how long
# the web processes leave the broker alone after it failed them.
NOTIFICATIONS_SWEEP_SECONDS = float(os.environ.get("NOTIFICATIONS_SWEEP_SECONDS", "60"))
NOTIFICATIONS_SWEEP_AGE_SECONDS = float(os.environ.get("NOTIFICATIONS_SWEEP_AGE_SECONDS", "60"))
NOTIFICATIONS_CLAIM_SECONDS = float(os.environ.get("NOTIFICATIONS_CLAIM_SECONDS", "300"))
NOTIFICATIONS_RETRY_SECONDS = float(os.environ.get("NOTIFICATIONS_RETRY_SECONDS", "60"))
NOTIFICATIONS_BROKER_PAUSE_SECONDS = float(
    os.environ.get("NOTIFICATIONS_BROKER_PAUSE_SECONDS", "10")
)

CELERY_BEAT_SCHEDULE: dict = {
    # The outbox sweep: notifications whose hand-over to the worker was lost are sent here.
    "notifications-deliver-pending": {
        "task": "notifications.deliver_pending",
        "schedule": NOTIFICATIONS_SWEEP_SECONDS,
    },
    # Processing-time statistics of case types, at night when nobody is deciding cases.
    "cases-compute-processing-times": {
        "task": "cases.compute_processing_times",
        "schedule": crontab(hour=2, minute=30),
    },
    # Personal data in decisions goes from the web when the appeal period ends (decisions).
    "decisions-remove-personal-data": {
        "task": "decisions.remove_personal_data",
        "schedule": 900.0,
    },
    # Sign-in records and expired sessions past their retention time (accounts.services).
    "accounts-remove-expired-records": {
        "task": "accounts.remove_expired_records",
        "schedule": crontab(minute=15),
    },
    # Subscribers hear of agendas, minutes and decisions when their publish time comes.
    "decisions-announce-published": {
        "task": "decisions.announce_published",
        "schedule": 300.0,
    },
    # Uploaded files whose row never committed (a connection lost mid-request), a day later.
    "portal-sweep-orphan-files": {
        "task": "portal.sweep_orphan_files",
        "schedule": crontab(hour=3, minute=15),
    },
    # Key figures: Statistics Finland's tables once a day, early, before leaders read them.
    "indicators-import-sources": {
        "task": "indicators.import_sources",
        "schedule": crontab(hour=5, minute=15),
    },
}

# --- Key figures (indicators) --------------------------------------------------------------------

# Statistics Finland's PxWeb API; tests and the demo point it at a local server.
INDICATORS_PXWEB_BASE_URL = os.environ.get(
    "INDICATORS_PXWEB_BASE_URL", "https://pxdata.stat.fi/PxWeb/api/v1/fi/"
)
# Seconds to connect and to wait for the answer; attempts before an import is given up.
INDICATORS_PXWEB_TIMEOUT = float(os.environ.get("INDICATORS_PXWEB_TIMEOUT", "20"))
INDICATORS_PXWEB_ATTEMPTS = int(os.environ.get("INDICATORS_PXWEB_ATTEMPTS", "3"))
INDICATORS_PXWEB_RETRY_DELAY = float(os.environ.get("INDICATORS_PXWEB_RETRY_DELAY", "5"))
# A table's answer larger than this is refused unread (bytes).
INDICATORS_PXWEB_MAX_BYTES = 20 * 1024 * 1024

# --- Languages -----------------------------------------------------------------------------------

LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", "suomi"),
    ("sv", "svenska"),
    ("en", "English"),
]
OFFICIAL_LANGUAGES = ("fi", "sv")
LOCALE_PATHS = [BASE_DIR / "locale"]
# "klo 17.00" / "kl. 17.00": the portal's date and time formats over Django's (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "sv", "en")}

# --- Wagtail -------------------------------------------------------------------------------------

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Only types whose content the portal can check completely (portal/uploads.py); the forms
# check each file and store it under the extension of its detected type.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.upload_forms.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.upload_forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Staff reset their passwords as residents do, through allauth's rate-limited reset: Wagtail's own
# /admin/password_reset/ is unthrottled and would mail anyone with an account.
WAGTAIL_PASSWORD_RESET_ENABLED = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The portal contacts no outside host: staff avatars are Wagtail's own default image or an
# uploaded one, never Gravatar (which would also tell it who opens the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Accounts ------------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
ACCOUNT_RATE_LIMITS = {
    # Per address looser than per account, as offices and schools sign in from behind one
    # shared address.
    # Failed second-factor codes: per address and per account (an attacker who has the
    # password meets the second limit). Failed passwords count per address only
    # (SIGN_IN_ADDRESS_RATE): per account they meet axes and a delay (accounts/signin.py).
    "login_failed": "20/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "10/h/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS: dict = {}
# The claim in which the identity provider gives the Finnish personal identity code; cases that
# name the code are linked to the account on sign-in (only a keyed hash of it is kept).
OIDC_PERSONAL_IDENTITY_CODE_CLAIM = os.environ.get(
    "OIDC_PERSONAL_IDENTITY_CODE_CLAIM", "national_identification_number"
)
if os.environ.get("OIDC_SERVER_URL"):
    # A strong-identification broker or any other OpenID Connect provider of the municipality.
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "municipality"),
                "name": os.environ.get("OIDC_PROVIDER_NAME", "Suomi.fi"),
                "client_id": os.environ.get("OIDC_CLIENT_ID", ""),
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": os.environ["OIDC_SERVER_URL"],
                    "token_auth_method": os.environ.get(
                        "OIDC_TOKEN_AUTH_METHOD", "client_secret_basic"
                    ),
                },
            }
        ],
    }

# How long the records of sign-ins are kept (accounts.services, an hourly task): successful
# sign-ins (time, account, address) for investigating misuse of an account; failed ones only
# as long as they count towards a lockout or delay (AXES_COOLOFF_TIME).
SIGN_IN_LOG_RETENTION_DAYS = int(os.environ.get("SIGN_IN_LOG_RETENTION_DAYS", "90"))
# Failed passwords per client address, all accounts (allauth's limiter, the rate-limit store).
SIGN_IN_ADDRESS_RATE = "20/5m/ip"
# Failed passwords per account from all addresses: after this many within the cool-off time,
# each attempt waits a doubling delay after the last failure, at most the maximum (seconds).
SIGN_IN_ACCOUNT_FREE_FAILURES = int(os.environ.get("SIGN_IN_ACCOUNT_FREE_FAILURES", "10"))
SIGN_IN_ACCOUNT_BASE_DELAY = 1
SIGN_IN_ACCOUNT_MAX_DELAY = int(os.environ.get("SIGN_IN_ACCOUNT_MAX_DELAY", "300"))

# Failed passwords per account *and* client address lock that pair out (not the account).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
AXES_VERBOSE = False
# axes' database handler without user agents (accounts/axes.py); its records are deleted after
# their retention time (accounts.services). No failure log apart from the attempts.
AXES_HANDLER = "accounts.axes.DatabaseHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# allauth authenticates with email=..., not username=...: key lockouts on the address.
AXES_USERNAME_CALLABLE = "accounts.axes.get_username"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address by the portal's policy (TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "accounts.axes.client_ip"

# --- E-mail --------------------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Well below NOTIFICATIONS_CLAIM_SECONDS: a send that hangs ends before its claim does.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "60"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Avoin kunta <noreply@example.fi>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Static and media files ----------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = []
_hds = BASE_DIR / "node_modules" / "hds-core" / "lib"
if _hds.is_dir():
    STATICFILES_DIRS.append(("hds", _hds))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Files that only their owners may read live outside MEDIA_ROOT and are served by views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
# Where uploaded files live: this host's disk (the default, and `make run`'s), or, for several
# web hosts, an S3-compatible bucket (STORAGE_BACKEND=s3): public media under `media/`, private
# files (case documents, attachments) under `private/`, never with a public ACL; private files
# are only ever streamed by the views that check who may read them.
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "filesystem")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "portal.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if STORAGE_BACKEND == "s3":
    _S3 = {
        "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
        # No ACL on the objects: they are as private as the bucket.
        "default_acl": None,
        "file_overwrite": False,
        # Downloads spool to disk beyond this, and the spooled copy goes when the response ends.
        "max_memory_size": 2_621_440,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
            "location": "media",
            # Public images and documents: short-lived signed addresses unless the `media/`
            # prefix is published (a CDN or bucket policy) at AWS_S3_CUSTOM_DOMAIN.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": not os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
        },
    }
    STORAGES["private"] = {
        "BACKEND": "portal.s3.PrivateS3Storage",
        "OPTIONS": {**_S3, "location": "private"},
    }
elif STORAGE_BACKEND != "filesystem":
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'filesystem' or 's3'.")

# --- Uploads (portal/uploads.py, portal/middleware.py; docs/operations.md "Uploads") -----------

# A request body larger than its route's limit is refused with 413 before anything reads it
# (RequestSizeLimitMiddleware); the web server and the proxy in front state the largest of them.
REQUEST_MAX_BYTES = 2 * 1024 * 1024
# Routes that take files, by URL name, for a signed-in user; anyone else gets REQUEST_MAX_BYTES.
REQUEST_MAX_BYTES_BY_ROUTE = {
    # Five documents of 10 MB and the text of the answer.
    "cases:info_request_answer": 51 * 1024 * 1024,
    # A handler's document on the case's work page.
    "unit_cases:edit": 11 * 1024 * 1024,
    "attachments:add": 21 * 1024 * 1024,
    "attachments:edit": 21 * 1024 * 1024,
    # Staff imports, each bounded again by its importer: the finance export and its structure
    # (20 MB each), the own key figures' CSV (5 MB), a maturity round's JSON (2 MB).
    "finance_import": 41 * 1024 * 1024,
    "indicators_admin:csv_upload": 6 * 1024 * 1024,
    "maturity_admin:import": 3 * 1024 * 1024,
    **dict.fromkeys(
        (
            "wagtaildocs:add",
            "wagtaildocs:edit",
            "wagtaildocs:add_multiple",
            "wagtaildocs_chooser:create",
            "wagtailimages:add",
            "wagtailimages:edit",
            "wagtailimages:add_multiple",
            "wagtailimages_chooser:create",
            "wagtailadmin_account",
        ),
        11 * 1024 * 1024,
    ),
}
# Form fields without files; files above FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to
# FILE_UPLOAD_TEMP_DIR and deleted when the request ends.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None
UPLOAD_MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
# Seconds one file's check may take before it is refused as too complex.
UPLOAD_CHECK_SECONDS = 10
# Optional virus scanning with ClamAV's daemon (INSTREAM): a Unix socket, or a host and port.
# When configured and unreachable, uploads are refused until it answers (fail closed).
CLAMAV_SOCKET = os.environ.get("CLAMAV_SOCKET", "")
CLAMAV_HOST = os.environ.get("CLAMAV_HOST", "")
CLAMAV_PORT = int(os.environ.get("CLAMAV_PORT", "3310"))
CLAMAV_TIMEOUT = float(os.environ.get("CLAMAV_TIMEOUT", "10"))

# --- API -----------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Bounded in bytes and depth, finite numbers only (portal/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": ["portal.api.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PortalCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"case_lookup": "10/min", "survey_answer": "30/min"},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Avoin kunta — open data API",
    "DESCRIPTION": _(
        "Decisions, meetings, case types with processing times and surveys of the municipality."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["portal.api.schema.only_api_paths"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `kind`: each enum gets a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "BodyKindEnum": "decisions.models.BodyKind",
        "CaseEventKindEnum": "cases.models.EventKind",
    },
}

# --- Security ------------------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Scripts that post take the token from the form's hidden input, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Wagtail's reference-index tasks log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        # Wagtail logs every page action at INFO; the audit log keeps them anyway.
        "wagtail": {"level": "WARNING"},
    },
}
