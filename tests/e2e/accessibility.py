"""axe-core checks for browser tests: `assert_no_axe_violations(page, url)` on any page."""

# The axe-core build that axe-playwright-python ships and pins.
from axe_playwright_python.base import AXE_SCRIPT

# WCAG 2.1 level A and AA, the level Finnish law requires of public bodies' sites.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_NODES_SHOWN = 10
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def load_axe_in_every_page(context) -> None:
    """Have the browser context load axe-core into each page it opens, before the page's own
    scripts, instead of sending the script to each page when it is checked."""
    context.add_init_script(script=AXE_SCRIPT)


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A/AA rules on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => axe.run(document, options)", OPTIONS)
    return results["violations"]


def format_violations(url: str, violations: list[dict]) -> str:
    """One block per rule: id, impact, what it means and the selectors of the failing nodes."""
    lines = [f"{len(violations)} axe-core violation(s) of WCAG 2.1 A/AA on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact')}]: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        nodes = violation.get("nodes", [])
        for node in nodes[:MAX_NODES_SHOWN]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(nodes) > MAX_NODES_SHOWN:
            lines.append(f"    … and {len(nodes) - MAX_NODES_SHOWN} more")
    return "\n".join(lines)


def assert_no_axe_violations(page, url: str | None = None) -> None:
    """Open `url` (if given) in `page` and fail with a readable list of any WCAG violations."""
    if url is not None:
        response = page.goto(url)
        assert response is not None and response.ok, (
            f"GET {url} answered {response.status if response else 'nothing'}"
        )
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
