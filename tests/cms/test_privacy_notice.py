"""The privacy notice tells residents what the portal keeps about sign-ins, and for how long."""

import re

import pytest
from django.conf import settings

from cms import models

# The retention times as the notice words them, against the settings they describe.
WORDING = {
    "fi": ["15 minuuttia", "kolme kuukautta", "enintään kaksi viikkoa", "puoli vuotta"],
    "sv": ["15 minuter", "tre månader", "högst i två veckor", "ett halvt år"],
    "en": ["15 minutes", "three months", "at most two weeks", "six months"],
}


def test_privacy_notice__states_the_configured_retention_times():
    from accounts.signin import DEVICE_MAX_AGE

    assert settings.AXES_COOLOFF_TIME * 60 == 15
    assert settings.SIGN_IN_LOG_RETENTION_DAYS == 90
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    assert DEVICE_MAX_AGE == 180 * 24 * 3600


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_privacy_notice__lists_what_is_kept_in_every_language(client, demo_tree, language):
    notice = demo_tree.page("tietosuojaseloste", language)

    html = client.get(notice.url).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    for wording in WORDING[language]:
        assert wording in text
    assert "user agent" in text
    footer = re.search(r'<nav class="footer-nav".*?</nav>', html, re.S).group(0)
    assert f'href="{notice.url}"' in footer


def test_privacy_notice__is_added_to_an_older_footer(demo_tree):
    import io

    from cms import demo

    notice = demo_tree.page("tietosuojaseloste", "sv")
    models.FooterLink.objects.filter(link_page=notice).delete()

    demo.load(stdout=io.StringIO())

    assert models.FooterLink.objects.filter(link_page=notice).count() == 1
