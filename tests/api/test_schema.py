"""The OpenAPI schema and its offline Swagger UI."""

import re

from django.core.management import call_command
from drf_spectacular.validation import validate_schema


def _schema(api) -> dict:
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema__is_valid_openapi_3_with_only_api_v1_paths(api):
    schema = _schema(api)

    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "/api/v1/bodies/" in schema["paths"]
    assert "/api/v1/bodies/{id}/" in schema["paths"]


def test_schema__documents_the_list_shape_errors_and_languages(api):
    schema = _schema(api)
    operation = schema["paths"]["/api/v1/bodies/"]["get"]

    assert {"400", "404"} <= set(operation["responses"])
    page = schema["components"]["schemas"]["PaginatedBodyList"]
    assert set(page["required"]) == {"results", "next"}
    lang = next(p for p in operation["parameters"] if p["name"] == "lang")
    assert set(lang["schema"]["enum"]) == {"fi", "sv", "en", "all"}
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "message", "fields"}
    body = schema["components"]["schemas"]["Body"]
    assert {"id", "url", "modified"} <= set(body["required"])


def test_schema__spectacular_validates_without_warnings(tmp_path):
    output = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))

    assert "/api/v1/bodies/" in output.read_text()


def test_docs__swagger_ui_loads_only_local_assets_under_the_csp(api):
    response = api.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle" in url for url in assets)
    for url in assets:
        assert url.startswith("/static/") or url.startswith("/api/v1/docs/?"), url
        if url.startswith("/static/"):
            assert api.get(url).status_code == 200, url
    # Every script is a file: the policy forbids inline scripts and styles.
    assert html.count("<script") == html.count("<script src=")
    assert "<style" not in html and "style=" not in html
    script_src = response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert "'self'" in script_src and "unsafe-inline" not in script_src


def test_docs__init_script_is_served_as_javascript(api):
    html = api.get("/api/v1/docs/").content.decode()
    [script_url] = re.findall(r'<script src="(/api/v1/docs/\?[^"]*)"', html)

    response = api.get(script_url.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
    assert "/api/v1/schema/" in response.content.decode()
