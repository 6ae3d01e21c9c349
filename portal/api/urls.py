from django.urls import include, path, re_path

from portal.api import views

app_name = "api"

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    path("", include("decisions.api.urls")),
    path("", include("cases.api.urls")),
    path("", include("participation.api.urls")),
    path("", include("indicators.api.urls")),
    path("", include("finance.api.urls")),
    path("", include("maturity.api.urls")),
    # Last: anything else under /api/v1/ is a JSON 404, not the site's HTML page.
    re_path(r"^.*$", views.not_found, name="not_found"),
]
