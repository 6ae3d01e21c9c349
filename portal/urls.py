from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from portal import sitemaps, views
from portal.admin_history import SiteHistoryView
from portal.api import views as api_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # For search engines: one address each, whatever the language.
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    # Browsers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", views.favicon, name="favicon"),
    path("api/v1/", include("portal.api.urls")),
    # Other API versions and malformed API paths answer in JSON too.
    re_path(r"^api/", api_views.not_found, name="api_not_found"),
    # Staff sign in through the same form as residents, with its rate limits and two-factor step.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    # Before Wagtail's own: the site history scoped to what the member of staff may see.
    path(
        "admin/reports/site-history/",
        require_admin_access(SiteHistoryView.as_view()),
        name="portal_site_history",
    ),
    path(
        "admin/reports/site-history/results/",
        require_admin_access(SiteHistoryView.as_view(results_only=True)),
        name="portal_site_history_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    # Wagtail's own sign-in form for private pages has neither the rate limits nor the
    # two-factor step: residents sign in through allauth's form there too.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="page_login_redirect",
    ),
    path("", include("cases.urls")),
    path("", include("notifications.urls")),
    path("", include("decisions.urls")),
    path("", include("participation.urls")),
    path("", include("indicators.urls")),
    path("", include("finance.urls")),
    path("", include("maturity.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
