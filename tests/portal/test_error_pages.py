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
