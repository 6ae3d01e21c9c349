"""Swedish as an equal: names, officials' texts, times and library messages in each language."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Site

from cms.models import MunicipalitySettings
from decisions import services
from decisions.models import Resolution
from notifications.services import notification_create, notification_deliver
from tests.decisions.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
)


def _url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def names(db):
    """The default site's names, as the municipality enters them in the site settings."""
    municipality = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    municipality.portal_name_fi = "Avoin kunta"
    municipality.portal_name_sv = "Öppen kommun"
    municipality.municipality_name_fi = "Rantalan kunta"
    municipality.municipality_name_sv = "Strandby kommun"
    municipality.save()
    return municipality


@pytest.fixture
def minutes(db):
    """A meeting at 17.00 whose minutes are published."""
    body = BodyFactory(kind="council", slug="valtuusto", name_fi="Valtuusto", name_sv="Fullmäktige")
    starts_at = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() - datetime.timedelta(days=3), datetime.time(17)
        )
    )
    meeting = MeetingFactory(body=body, number=4, year=2026, starts_at=starts_at)
    services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=7)
    )
    return meeting


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "name", "other"),
    [("fi", "Avoin kunta", "Öppen kommun"), ("sv", "Öppen kommun", "Avoin kunta")],
)
def test_site_names__brand_title_and_footer_in_the_readers_language(
    client, names, language, name, other
):
    page = client.get(_url("decisions:index", language)).content.decode()

    title = page.split("<title>")[1].split("</title>")[0]
    assert title.strip().endswith(name)
    assert f'class="site-header__brand" href="/{language}/">{name}</a>' in page
    municipality = "Rantalan kunta" if language == "fi" else "Strandby kommun"
    assert f"{name} – {municipality}" in page
    assert other not in page


@pytest.mark.django_db
def test_site_names__default_to_the_portals_name_in_the_language(client):
    page = client.get(_url("decisions:index", "sv")).content.decode()

    assert "Öppen kommun</title>" in page.replace("\n", "")


@pytest.mark.django_db
def test_feeds__title_in_the_readers_language(client, names):
    assert (
        b"<title>\xc3\x96ppen kommun: Beslut</title>"
        in client.get(_url("decisions:rss", "sv")).content
    )
    assert (
        b"<title>Avoin kunta: P\xc3\xa4\xc3\xa4t\xc3\xb6kset</title>"
        in client.get(_url("decisions:rss", "fi")).content
    )


@pytest.mark.django_db
def test_agenda_item__officials_titles_and_legal_grounds_in_swedish(client, minutes):
    item = AgendaItemFactory(
        meeting=minutes,
        order=1,
        preparer={
            "fi": "Liisa Laatija, hallintosihteeri",
            "sv": "Liisa Laatija, förvaltningssekreterare",
        },
        presenter="Mikael Sundström, kunnanjohtaja",
        resolution=Resolution.AS_PROPOSED,
    )
    member = MembershipFactory(body=minutes.body, person_name="Tuula Tuominen")
    services.disqualification_record(
        item=item,
        member=member,
        reason={
            "fi": "hallintolaki 28 § 1 mom. 2 kohta",
            "sv": "förvaltningslagen 28 § 1 mom. 2 punkten",
        },
    )
    services.meeting_publish_minutes(meeting=minutes)

    swedish = client.get(_url("decisions:item", "sv", item.pk)).content.decode()
    finnish = client.get(_url("decisions:item", "fi", item.pk)).content.decode()

    assert "Liisa Laatija, förvaltningssekreterare" in swedish
    assert "förvaltningslagen 28 § 1 mom. 2 punkten" in swedish
    assert "hallintosihteeri" not in swedish and "hallintolaki" not in swedish
    # Written in Finnish only: shown as a marked fallback, not as if it were Swedish.
    assert '<span lang="fi">Mikael Sundström, kunnanjohtaja</span>' in swedish
    assert "hallintolaki 28 § 1 mom. 2 kohta" in finnish
    assert "förvaltningslagen" not in finnish


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "time"),
    [("fi", "klo 17.00"), ("sv", "kl. 17.00"), ("en", "17:00")],
)
def test_meeting_time__one_format_per_language(client, minutes, language, time):
    page = client.get(_url("decisions:meeting", language, minutes.pk)).content.decode()

    assert time in page
    assert "kello" not in page


@pytest.mark.django_db
def test_resolution__rejected_is_worded_like_the_other_resolutions():
    with translation.override("fi"):
        assert str(Resolution.REJECTED.label) == "hylättiin"
        assert str(Resolution.TABLED.label) == "pantiin pöydälle"
    with translation.override("sv"):
        assert str(Resolution.REJECTED.label) == "avslogs"


@pytest.mark.django_db
def test_notification_email__names_the_portal_in_the_residents_language(names, settings):
    settings.DEFAULT_FROM_EMAIL = "Avoin kunta <noreply@example.fi>"
    notification = notification_create(
        email="erik@example.fi",
        language="sv",
        kind="case_event",
        subject="Ditt ärende har avgjorts",
        body="Beslutet finns på ärendets sida.",
    )
    mail.outbox.clear()

    notification_deliver(notification_id=notification.pk)

    message = mail.outbox[0]
    assert message.from_email == '"Öppen kommun" <noreply@example.fi>'
    assert "Öppen kommun – Strandby kommun" in message.body
    assert "Avoin kunta" not in message.body


@pytest.mark.django_db
def test_account_email__greets_from_the_portal_in_the_readers_language(client, names):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(
        username="erik", email="erik@example.fi", password="Salasana-1234"
    )
    mail.outbox.clear()

    client.post(_url("account_reset_password", "sv"), {"email": "erik@example.fi"})

    assert mail.outbox, "no password reset e-mail was sent"
    assert "Hej från Öppen kommun!" in mail.outbox[0].body
    assert mail.outbox[0].from_email.startswith('"Öppen kommun" <')


@pytest.mark.parametrize(
    ("language", "msgid", "expected"),
    [
        ("fi", "Search all pages…", "Hae kaikista sivuista…"),
        ("fi", "Once live anyone can view", "Julkaistuna kaikki voivat nähdä sivun"),
        ("fi", "Toggle section", "Näytä tai piilota osio"),
        (
            "sv",
            "Please contact us if you have any trouble resetting your password.",
            "Kontakta oss om du har problem med att återställa lösenordet.",
        ),
        ("sv", "Email Addresses", "E-postadresser"),
        (
            "fi",
            "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s",
            "%(start_index)s–%(end_index)s / %(items_count)s (%(model_name)s)",
        ),
    ],
)
def test_library_messages__the_portals_catalogue_takes_precedence(language, msgid, expected):
    with translation.override(language):
        assert gettext(msgid) == expected


def test_library_messages__password_rules_in_plain_finnish():
    with translation.override("fi"):
        rule = ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            10,
        ) % {"min_length": 10}
    assert rule == "Salasanassa on oltava vähintään 10 merkkiä."
