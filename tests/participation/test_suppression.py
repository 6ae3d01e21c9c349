"""Small groups stay hidden when published figures are subtracted from each other: the results
page, the API and the staff export are read as an outsider would, and every difference that can
be computed from them is tried."""

import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from participation.models import AGE_BANDS
from participation.selectors import complementary_hidden
from participation.services import responses_import
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in
from tests.participation.factories import full_answers
from tests.paths import app_url

BANDS = (*AGE_BANDS, "")
MINIMUM = 5


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        # Nothing small: nothing hidden.
        ([10, 8, 7, 6, 5, 9], [False] * 6),
        # One small band alone would be the total minus the others: the next smallest goes too.
        ([138, 100, 52, 18, 4, 0], [False, False, False, True, True, True]),
        ([20, 30, 40, 50, 60, 3], [True, False, False, False, False, True]),
        # Two small bands add up to fewer than the minimum: hidden with a third.
        ([50, 50, 50, 2, 1, 40], [False, False, False, True, True, True]),
        # Small bands that already add up to the minimum need no company.
        ([50, 50, 50, 3, 4, 40], [False, False, False, True, True, False]),
        # Zeros are small groups too.
        ([300, 0, 0, 0, 0, 12], [False, True, True, True, True, True]),
    ],
)
def test_complementary_hidden__hides_enough_that_no_small_group_can_be_computed(counts, hidden):
    assert complementary_hidden(counts, MINIMUM) == hidden


def _closed_survey(survey_factory, bands: dict[str, int]):
    now = timezone.now()
    survey = survey_factory(
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
        asks_age_band=True,
        min_group_size=MINIMUM,
    )
    answers = full_answers(survey)
    responses = [
        {**answers, "age_band": band} for band, n in bands.items() for _respondent in range(n)
    ]
    responses_import(survey=survey, responses=responses, submitted_on=timezone.localdate())
    return survey


def _from_page(html: str) -> tuple[int, list[int | None]]:
    respondents = int(re.search(r'class="results-respondents">(\d+) respondents?\.', html)[1])
    section = html.split('aria-labelledby="result-age-bands"', 1)[1].split("</section>", 1)[0]
    cells = [unescape(cell).strip() for cell in re.findall(r"<td>(.*?)</td>", section)]
    return respondents, [int(cell) if cell.isdigit() else None for cell in cells]


def _from_api(data: dict) -> tuple[int, list[int | None]]:
    bands = [None if band["hidden"] else band["count"] for band in data["age_bands"]]
    assert all((band["count"] is None) == band["hidden"] for band in data["age_bands"]), (
        "a hidden band must not carry its count"
    )
    return data["respondents"], bands


def _from_csv(text: str) -> tuple[int, list[int | None]]:
    rows = list(csv.reader(io.StringIO(text)))
    respondents_row, *band_rows = rows[-1 - len(BANDS) :]
    return int(respondents_row[2]), [int(row[2]) if row[2].isdigit() else None for row in band_rows]


def _computable_small_groups(respondents: int, cells: list[int | None]) -> list[str]:
    """Every hidden count (or sum of hidden counts) that subtraction gives, if it is one
    band's count or a group smaller than the minimum."""
    hidden = [index for index, cell in enumerate(cells) if cell is None]
    if not hidden:
        return []
    remainder = respondents - sum(cell for cell in cells if cell is not None)
    problems = []
    if len(hidden) == 1:
        problems.append(f"band {BANDS[hidden[0]]!r} = {respondents} - visible = {remainder}")
    if remainder < MINIMUM:
        problems.append(f"the hidden bands add up to {remainder}, fewer than {MINIMUM}")
    # A hidden band's count is fixed when the others' cannot make up any of the remainder.
    if remainder == 0:
        problems.append("every hidden band is 0")
    return problems


@pytest.mark.parametrize(
    "bands",
    [
        # The reported case: 312 − (138 + 100 + 52 + 18) = 4.
        {"13-15": 138, "16-17": 100, "18-20": 52, "21-24": 18, "25-28": 4},
        {"13-15": 20, "16-17": 30, "18-20": 40, "21-24": 50, "25-28": 60, "": 3},
        {"13-15": 50, "16-17": 50, "18-20": 50, "21-24": 2, "25-28": 1, "": 40},
        {"13-15": 300, "": 12},
    ],
)
def test_results__no_hidden_age_band_can_be_computed_from_page_api_or_export(
    client, survey_factory, bands
):
    survey = _closed_survey(survey_factory, bands)
    admin = Client()
    sign_in(admin, create_user(ROLE_SPECS["admin"]), mfa=True)

    page = client.get(app_url("participation:results", survey.pk, lang="en")).content.decode()
    api = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    export = admin.get(f"/admin/participation/{survey.pk}/export/csv/")
    published = {
        "page": _from_page(page),
        "api": _from_api(api),
        "csv": _from_csv(export.content.decode("utf-8-sig")),
    }

    true_counts = [bands.get(band, 0) for band in BANDS]
    for source, (respondents, cells) in published.items():
        assert respondents == sum(true_counts), source
        assert _computable_small_groups(respondents, cells) == [], (source, cells)
        # What is shown is true, and every band below the minimum is among the hidden ones.
        for cell, true in zip(cells, true_counts, strict=True):
            assert cell is None or (cell == true and true >= MINIMUM), (source, cells)
    # The three say the same: nothing can be learnt by setting one against another.
    assert published["page"] == published["api"] == published["csv"]


def test_results__hidden_bands_read_alike_whatever_hid_them(client, survey_factory):
    survey = _closed_survey(
        survey_factory, {"13-15": 138, "16-17": 100, "18-20": 52, "21-24": 18, "25-28": 4}
    )

    page = client.get(app_url("participation:results", survey.pk, lang="en")).content.decode()

    section = page.split('aria-labelledby="result-age-bands"', 1)[1].split("</section>", 1)[0]
    cells = re.findall(r"<td>(.*?)</td>", section)
    assert cells == ["138", "100", "52", "hidden", "hidden", "hidden"]
    assert "fewer than" not in section
