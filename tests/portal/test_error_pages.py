"""The portal's own error pages, in the visitor's language."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_not_found__is_the_portal_page_in_the_language_of_the_address(client, language):
    with translation.override(language):
        heading = translation.gettext("Page not found")
    if language != "en":
        assert heading != "Page not found", "the heading is not translated"

    response = client.get(f"/{language}/no-such-page-here/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'href="#main"' in html  # the portal's layout, with its skip link


def test_server_error__renders_without_the_database(django_assert_num_queries):
    with translation.override("sv"), django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert '<html lang="sv">' in html
    assert "<h1>" in html


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/x",
        "//evil.example/fi/",
        "/\\evil.example/x",
        "/fi//evil.example/x",
        "/sv/no-such-page//evil.example/",
        "/%2F%2Fevil.example/x",
    ],
)
def test_not_found__language_links_stay_on_the_site(client, path):
    import re

    # As the browser sends it (the test client would read "//host" as a host of its own).
    response = client.get("/", PATH_INFO=path, HTTP_ACCEPT_LANGUAGE="sv")

    assert response.status_code == 404
    html = response.content.decode()
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs
    assert not [h for h in hrefs if h.startswith(("//", "/\\")) or "evil.example" in h], hrefs
    # The other languages' links lead to their front pages.
    switcher = html[html.index('class="language-switcher"') :]
    assert 'href="/fi/" lang="fi"' in switcher or 'href="/sv/" lang="sv"' in switcher


def test_language_links__of_an_application_page_keep_its_translated_path(client):
    from tests.paths import app_url

    html = client.get(app_url("cases:lookup", lang="fi")).content.decode()

    assert f'href="{app_url("cases:lookup", lang="sv")}" lang="sv"' in html
