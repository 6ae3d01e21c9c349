"""Staff powers need the second factor on every route: pages, API and downloads, not only the
CMS admin. A session signed in with the password alone acts with a resident's powers until the
member of staff confirms with their authenticator app."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.powers import WithoutStaffPowers, has_staff_powers
from accounts.services import user_upsert_verified
from cases import services as case_services
from participation.models import ResultPolicy
from participation.services import responses_import
from tests import files
from tests.accounts.conftest import PASSWORD, sign_in, user_totp_code
from tests.cases.factories import make_case, make_case_type, make_unit
from tests.fixtures.roles import TOTP_SECRET
from tests.participation.factories import SurveyFactory, full_answers
from tests.paths import app_url


def make_staff(email: str, *, group: str = "", superuser: bool = False):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, is_staff=True, is_superuser=superuser
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def password_only(user) -> Client:
    """A session signed in through the form with the password alone: before the member of staff
    set up their authenticator app (in another session)."""
    client = Client()
    assert sign_in(client, user.email).status_code == 302
    TOTP.activate(user, TOTP_SECRET)
    return client


def confirm_with_code(client: Client, user) -> None:
    """Confirm the session with the authenticator app, as the admin's gate asks."""
    response = client.get("/admin/")
    assert "/accounts/2fa/reauthenticate/" in response["Location"]
    response = client.post(response["Location"], {"code": user_totp_code(user)})
    assert response.status_code == 302


@pytest.fixture
def handled_document(db):
    user_upsert_verified(email="aino@example.fi", password=PASSWORD, language="fi")
    handler = make_staff("kasittelija@example.fi", group="Case handlers")
    unit = make_unit("rakennus", handlers=[handler])
    case = make_case(make_case_type(unit, code="lupa"), parties=["aino@example.fi"])
    event, _ = case_services.case_record_event(case=case, kind="document", actor_name="t")
    document = case_services.document_store(
        case=case,
        event=event,
        upload=SimpleUploadedFile("paatos.pdf", files.pdf("Päätös"), "application/pdf"),
        user=None,
    )
    url = app_url("cases:document", case.pk, document.pk)
    return handler, url


def test_staff_powers__password_only_handler_cannot_download_a_residents_document(
    handled_document,
):
    handler, url = handled_document
    client = password_only(handler)

    assert client.get(url).status_code == 404

    confirm_with_code(client, handler)
    assert client.get(url).status_code == 200


@pytest.fixture
def unpublished(db):
    now = timezone.now()
    draft = SurveyFactory(is_published=False)
    never = SurveyFactory(
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
        result_policy=ResultPolicy.NEVER,
    )
    responses_import(
        survey=never, responses=[full_answers(never)] * 6, submitted_on=timezone.localdate()
    )
    return draft, never


def test_staff_powers__password_only_superuser_reads_no_draft_or_unpublished_results(
    unpublished,
):
    draft, never = unpublished
    admin = make_staff("paakayttaja@example.fi", superuser=True)
    urls = [
        app_url("participation:detail", draft.pk),
        app_url("participation:results", never.pk),
        f"/api/v1/surveys/{draft.pk}/",
        f"/api/v1/surveys/{never.pk}/results/",
    ]
    client = password_only(admin)

    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    listed = client.get("/api/v1/surveys/").json()
    assert draft.pk not in [survey["id"] for survey in listed["results"]]

    confirm_with_code(client, admin)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200]


def test_staff_powers__withheld_flags_are_never_saved(db):
    admin = make_staff("paakayttaja@example.fi", superuser=True)
    admin.groups.add(Group.objects.get(name="Editors"))
    withheld = WithoutStaffPowers(admin)

    assert not withheld.is_staff and not withheld.is_superuser
    assert not withheld.has_perm("participation.change_survey")
    assert list(withheld.groups.all()) == []
    assert not has_staff_powers(withheld) and has_staff_powers(admin)
    withheld.first_name = "Pia"
    withheld.save()

    admin.refresh_from_db()
    assert admin.first_name == "Pia" and admin.is_staff and admin.is_superuser


def test_staff_powers__a_resident_session_keeps_its_own_cases(db, handled_document):
    _handler, url = handled_document
    resident = get_user_model().objects.get(email="aino@example.fi")
    client = Client()
    assert sign_in(client, resident.email).status_code == 302

    assert client.get(url).status_code == 200
    assert client.get(app_url("cases:my_cases")).status_code == 200
