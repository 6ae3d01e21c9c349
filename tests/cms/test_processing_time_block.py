"""The processing-time block of topic pages shows a case type's figures."""

from django.test import Client
from django.utils import translation

from cases.models import CaseType
from cases.selectors import STATISTICS_MIN_COUNT
from cms.blocks import ProcessingTimeBlock
from tests.cases.factories import make_case_type


def _publish_with_block(page, code: str) -> None:
    page.body = [
        ("paragraph", "<p>Hae paikkaa ajoissa.</p>"),
        ("processing_time", {"case_type": code}),
    ]
    page.save_revision().publish()


def test_processing_time_block__a_topic_page_shows_the_statistics(demo_tree):
    case_type = make_case_type(code="early-childhood-place", declared_days=90)
    CaseType.objects.filter(pk=case_type.pk).update(
        stats_count=STATISTICS_MIN_COUNT + 5, stats_median_days=37, stats_p80_days=58
    )
    page = demo_tree.page("kasvatus-ja-koulutus", "en")
    _publish_with_block(page, case_type.code)

    with translation.override("en"):
        response = Client().get(page.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "8 out of 10 cases are decided within 58 days." in content
    assert "Half are decided within 37 days." in content
    assert f"Based on {STATISTICS_MIN_COUNT + 5} cases decided in the last 183 days" in content


def test_processing_time_block__shows_the_declared_time_below_the_minimum(db):
    case_type = make_case_type(code="parking", declared_days=14, legal_deadline_days=None)
    CaseType.objects.filter(pk=case_type.pk).update(stats_count=2, stats_p80_days=3)
    block = ProcessingTimeBlock()

    with translation.override("en"):
        html = block.render(block.to_python({"case_type": "parking"}))

    assert "The municipality estimates the processing time at about 14 days." in html
    assert "8 out of 10" not in html


def test_processing_time_block__renders_nothing_for_a_removed_case_type(db):
    block = ProcessingTimeBlock()
    assert block.render(block.to_python({"case_type": "no-such-type"})) == ""
