"""Keyboard only, at phone width: a young person answers the open demo survey with an access
code from start to confirmation, in Finnish and in Swedish."""

import pytest

from participation.demo import DEMO_CODES
from tests.e2e.conftest import PHONE
from tests.e2e.keyboard import assert_focus_visible, tab_to
from tests.paths import app_url

pytestmark = pytest.mark.e2e

SUBMIT = "form.survey-form button[type='submit']"


def _answer_step(page) -> None:
    """Answer what the screen asks with the keyboard only, then press the form's button."""
    form = page.locator("form.survey-form")
    if form.locator("input[type='radio']").count():
        tab_to(page, "form.survey-form input[type='radio']")
        assert_focus_visible(page)
        page.keyboard.press("Space")
        assert form.locator("input[type='radio']:checked").count() == 1
    elif form.locator("input[type='checkbox']").count():
        tab_to(page, "form.survey-form input[type='checkbox']")
        assert_focus_visible(page)
        page.keyboard.press("Space")
        assert form.locator("input[type='checkbox']:checked").count() == 1
    elif form.locator("select").count():
        for place in range(1, form.locator("select").count() + 1):
            tab_to(page, f"form.survey-form .rank:nth-child({place}) select")
            assert_focus_visible(page)
            page.keyboard.press(str(place))
    elif form.locator("input.text-input, textarea.text-input").count():
        tab_to(page, "form.survey-form .text-input")
        assert_focus_visible(page)
        page.keyboard.type("Lisää valoja")
    tab_to(page, SUBMIT)
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(("language", "code"), [("fi", DEMO_CODES[1]), ("sv", DEMO_CODES[2])])
def test_survey__a_keyboard_only_respondent_completes_it_at_phone_width(
    open_page, portal_server, language, code
):
    survey_id = portal_server.inventory.apps["participation"]["open"]
    steps = portal_server.inventory.apps["participation"]["open_steps"]
    page = open_page(app_url("participation:detail", survey_id, lang=language), viewport=PHONE)

    tab_to(page, f"main a[href='{app_url('participation:code', survey_id, lang=language)}']")
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_code")
    assert_focus_visible(page)
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    for step in range(1, steps + 1):
        expected = app_url("participation:answer", survey_id, step, lang=language)
        assert page.url.endswith(expected), f"expected step {step}, at {page.url}"
        assert page.locator("progress.survey-progress__bar").get_attribute("value") == str(step)
        assert page.locator(".error-summary").count() == 0, page.locator("main").inner_text()
        _answer_step(page)

    assert page.url.endswith(app_url("participation:thanks", survey_id, lang=language)), (
        f"the survey did not end on the confirmation: {page.url}\n"
        f"{page.locator('main').inner_text()[:1000]}"
    )
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).count() == 1


def test_survey__typed_answers_survive_a_closed_tab(new_context, portal_server):
    """What was typed but not yet sent is kept on the device (localStorage) and restored."""
    survey_id = portal_server.inventory.apps["participation"]["open"]
    steps = portal_server.inventory.apps["participation"]["open_steps"]
    context = new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(app_url("participation:code", survey_id))
    page.get_by_label("Tunnuskoodi").fill(DEMO_CODES[3])
    with page.expect_navigation():
        page.locator("form.survey-form button[type='submit']").click()
    text_step = next(
        step
        for step in range(1, steps + 1)
        if page.goto(app_url("participation:answer", survey_id, step))
        and page.locator("input.text-input").count()
    )
    page.locator("input.text-input").press_sequentially("Kesäkahvila")
    page.close()

    reopened = context.new_page()
    reopened.goto(app_url("participation:answer", survey_id, text_step))

    assert reopened.locator("input.text-input").input_value() == "Kesäkahvila"
