"""The browser crawl: every target of tests/e2e/crawl.py loaded once and checked at every width.

Loading a page is most of what a check costs, so one crawl per role does all the checks of a
loaded page before it goes on: axe-core at 1280 px, text at 200 % at 1280 px, then axe-core and
reflow at 375 px and reflow at 320 px, by resizing the window (the portal has no script that
reads the window's width, so its CSS applies as it would after a load at that width). A target
that changes state on the server (a lockout, a rate limit) is visited once and so measured by
every check.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from tests.e2e.accessibility import axe_violations, format_violations, load_axe_in_every_page
from tests.e2e.conftest import DESKTOP
from tests.e2e.crawl import (
    EXCLUDED_PATHS,
    LOGIN_FIELD,
    PASSWORD_FIELD,
    RESIDENT,
    Target,
    crawl_targets,
)
from tests.e2e.reflow import (
    PHONE_WIDTHS,
    ReflowRecord,
    check_fits_width,
    check_text_at_200_percent,
    phone_viewport,
)

# The phone width at which axe-core checks each page too, one of the reflow checks' widths.
AXE_PHONE_WIDTH = 375
assert AXE_PHONE_WIDTH in PHONE_WIDTHS

# axe rules left out on a path whose markup comes from a third party, with the reason; each run
# prints them as warnings. The rest of the rules still apply there.
THIRD_PARTY_EXCEPTIONS = {
    "/api/v1/docs/": {
        "nested-interactive": (
            "Swagger UI (drf-spectacular-sidecar's swagger-ui-dist) renders each operation's "
            "header as a button with the copy-link button inside it; the portal only serves it"
        ),
    },
}


@dataclass
class CrawlFindings:
    """What one role's crawl found: targets that did not load as declared (no check could run
    on them), axe-core's violations and the reflow problems."""

    role: str
    not_loaded: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    axe_checked: int = 0
    reflow: ReflowRecord = field(default_factory=ReflowRecord)


def sign_in(page, account) -> None:
    page.goto("/fi/accounts/login/")
    form = page.locator(f'form:has([name="{PASSWORD_FIELD}"])')
    form.locator(f'[name="{LOGIN_FIELD}"]').fill(account.email)
    form.locator(f'[name="{PASSWORD_FIELD}"]').fill(account.password)
    with page.expect_navigation():
        form.locator('[type="submit"]').click()
    assert "/accounts/login/" not in page.url, f"the demo {account.role} could not sign in"


def visit(page, target: Target):
    """Go where the target says, the way a visitor would; return the last answer."""
    response = page.goto(target.path)
    if target.follow_hreflang:
        link = page.locator(f'.language-switcher a[hreflang="{target.follow_hreflang}"]')
        with page.expect_navigation() as navigation:
            link.click()
        response = navigation.value
    for _attempt in range(target.posts):
        fields = target.form_data
        form = page.locator(f'form:has([name="{next(iter(fields))}"])')
        if _attempt and not form.count():
            # The answer has no form any more: the server is already in the state that these
            # posts lead to (an address locked out), and this answer shows it.
            break
        for name, value in fields.items():
            form.locator(f'[name="{name}"]').fill(value)
        with page.expect_navigation() as navigation:
            form.locator('[type="submit"]').click()
        response = navigation.value
    if target.ready:
        page.wait_for_selector(target.ready)
    return response


def _without_exceptions(path: str, violations: list[dict]) -> list[dict]:
    exceptions = THIRD_PARTY_EXCEPTIONS.get(path, {})
    for rule, reason in exceptions.items():
        warnings.warn(f"axe rule {rule} is not checked on {path}: {reason}", stacklevel=2)
    return [violation for violation in violations if violation["id"] not in exceptions]


def _check_axe(page, target: Target, width: int, findings: CrawlFindings) -> None:
    violations = _without_exceptions(target.path, axe_violations(page))
    findings.axe_checked += 1
    if violations:
        label = f"{target.label} at {width} px, {page.url}"
        findings.axe.append(format_violations(label, violations))


def crawl_and_check(browser, portal_server, role: str) -> CrawlFindings:
    """Visit every crawl target of `role` once and run every check on it."""
    resident = portal_server.account("resident")
    targets = [
        target
        for target in crawl_targets(portal_server.inventory, resident_password=resident.password)
        if target.role == role
    ]
    for path, reason in EXCLUDED_PATHS.items():
        assert not any(t.path.startswith(path) for t in targets), f"{path} is excluded: {reason}"
    context = browser.new_context(base_url=portal_server.url, viewport=DESKTOP)
    load_axe_in_every_page(context)
    page = context.new_page()
    if role == RESIDENT:
        sign_in(page, resident)

    findings = CrawlFindings(role)
    try:
        for target in targets:
            response = visit(page, target)
            status = response.status if response else None
            if status != target.status:
                findings.not_loaded.append(
                    f"{target.label}: {page.url} answered {status}, not {target.status}"
                )
                continue
            _check_axe(page, target, DESKTOP["width"], findings)
            check_text_at_200_percent(page, target.label, findings.reflow)
            for width in PHONE_WIDTHS:
                page.set_viewport_size(phone_viewport(width))
                if width == AXE_PHONE_WIDTH:
                    _check_axe(page, target, width, findings)
                check_fits_width(page, target.label, width, findings.reflow)
            page.set_viewport_size(DESKTOP)
    finally:
        context.close()
    return findings
