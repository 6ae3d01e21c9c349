"""Site search finds pages of the current language by words in their body."""

from tests.paths import app_url


def test_search__finds_a_page_by_a_word_in_its_body(client, demo_tree):
    response = client.get(app_url("cms:search"), {"q": "rakennustarkastajalle"})

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{demo_tree.url("asuminen-ja-rakentaminen")}"' in html
    assert "rakennustarkastajalle" in html  # the query is echoed


def test_search__finds_only_pages_of_the_current_language(client, demo_tree):
    finnish_word = client.get(
        app_url("cms:search", lang="sv"), {"q": "rakennustarkastajalle"}
    ).content.decode()
    swedish_word = client.get(
        app_url("cms:search", lang="sv"), {"q": "byggnadsinspektören"}
    ).content.decode()

    assert 'class="search-none"' in finnish_word
    assert demo_tree.url("asuminen-ja-rakentaminen") not in finnish_word
    assert f'href="{demo_tree.url("asuminen-ja-rakentaminen", "sv")}"' in swedish_word


def test_search__without_a_query_shows_a_labelled_form(client, demo_tree):
    html = client.get(app_url("cms:search", lang="en")).content.decode()

    assert '<label for="id_q">' in html
    assert 'class="search-empty"' in html
    assert 'class="search-results"' not in html


def test_search__rejects_a_nul_byte_and_an_overlong_query(client, demo_tree):
    assert client.get(app_url("cms:search"), {"q": "a\x00b"}).status_code == 400
    assert client.get(app_url("cms:search"), {"q": "a" * 10_000}).status_code == 400
