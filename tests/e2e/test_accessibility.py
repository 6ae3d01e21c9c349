"""Wherever a visitor goes, in all languages: no WCAG 2.1 A/AA violation that axe-core finds, and
reflow (WCAG 1.4.10) and text resize (1.4.4) at every width.

The crawl (tests/e2e/crawl.py) visits every live page of the demo and the application's own pages,
signed out and signed in as the demo resident. Each target is loaded once, at 1280 px, and checked
there and again after the window is narrowed (tests/e2e/page_checks.py):

- axe-core at 1280 px and at 375 px (the page's styles see the narrow window as they would on a
  phone);
- no sideways scrolling at 375 px and at 320 px;
- at 1280 px with text at 200 %, no sideways scrolling and no text cut off.

One test per role does every check, so that a page is loaded once for all of them and a target that
changes state on the server (a lockout, a rate limit) is measured by each.
"""

import pytest

from tests.e2e.crawl import ROLES
from tests.e2e.page_checks import crawl_and_check

pytestmark = [pytest.mark.e2e, pytest.mark.crawl]


@pytest.mark.parametrize("role", ROLES)
def test_crawl__every_page_passes_axe_and_reflows_at_1280_375_and_320_px(
    browser, portal_server, role
):
    findings = crawl_and_check(browser, portal_server, role)

    # The figures of the run, for the record (pytest shows them with -s or on failure).
    for width, (pixels, label) in findings.reflow.widest.items():
        print(f"widest page at {width} px ({role}): {pixels} px, {label}")  # noqa: T201
    assert findings.axe_checked > 0
    assert findings.reflow.measured > 0
    sections = [
        (f"{len(findings.not_loaded)} page(s) did not load as declared", findings.not_loaded),
        (f"{len(findings.axe)} page check(s) with axe-core violations", findings.axe),
        (f"{len(findings.reflow.problems)} reflow problem(s)", findings.reflow.problems),
    ]
    failures = [f"{title}:\n\n" + "\n\n".join(found) for title, found in sections if found]
    assert not failures, "\n\n".join(failures)
