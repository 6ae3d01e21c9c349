"""Keyboard helpers for browser tests: move focus with Tab only and check that focus is visible."""

import pytest

MAX_TAB_PRESSES = 80

_DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "<body>";
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim();
  return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> ${text.slice(0, 40)}`;
}"""


def focused_matches(page, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, *, max_presses: int = MAX_TAB_PRESSES) -> None:
    """Press Tab until the focused element matches `selector`; fail with the path focus took."""
    path = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
        path.append(page.evaluate(_DESCRIBE_FOCUS))
    pytest.fail(
        f"{selector!r} was not reached with {max_presses} Tab presses on {page.url}; "
        f"focus went: {' → '.join(path[:40])}"
    )


def assert_focus_visible(page) -> None:
    """The focused element has a focus indicator: a computed outline that is not none or 0."""
    style = page.evaluate(
        """() => {
          const el = document.activeElement;
          const cs = getComputedStyle(el);
          return {style: cs.outlineStyle, width: cs.outlineWidth, html: el.outerHTML.slice(0, 160)};
        }"""
    )
    width = float(style["width"].removesuffix("px") or 0)
    assert style["style"] != "none" and width > 0, (
        f"focus is not visible on {style['html']}: outline-style {style['style']}, "
        f"outline-width {style['width']}"
    )
