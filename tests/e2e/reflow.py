"""Reflow (WCAG 1.4.10) and text resize (1.4.4) checks of the page a browser tab shows now.

The page crawl (tests/e2e/page_checks.py) loads each page once and measures it at every width by
resizing the viewport: `check_fits_width` at 320 and 375 px, `check_text_at_200_percent` at
1280 px. Each adds what it finds to a `ReflowRecord`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PHONE_WIDTHS = (320, 375)
PHONE_HEIGHT = 812
MAX_CULPRITS_SHOWN = 3

# Returns the page's width and the elements that stick out on the right: the deepest ones whose
# own box or text reaches past the viewport, outside any scroll container that would hold them.
OVERFLOW_SCRIPT = """
(shown) => {
  const root = document.documentElement;
  const limit = window.innerWidth;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    const parent = el.parentElement;
    if (parent && parent !== document.body) {
      let up = parent.tagName.toLowerCase();
      if (parent.classList.length) up += "." + [...parent.classList].join(".");
      name = up + " > " + name;
    }
    return name;
  };
  const heldByScroller = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX !== "visible") return true;
    }
    return false;
  };
  const culprits = new Map();
  const note = (el, right) => {
    if (heldByScroller(el)) return;
    const known = culprits.get(el);
    if (known === undefined || right > known) culprits.set(el, right);
  };
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.position === "fixed") continue;
    const right = el.getBoundingClientRect().right + window.scrollX;
    if (right > limit + 0.5) note(el, right);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    const right = range.getBoundingClientRect().right + window.scrollX;
    if (right > limit + 0.5) note(node.parentElement, right);
  }
  // Keep the deepest: an element whose descendant is also listed is only carried by it.
  const deepest = [...culprits.entries()].filter(
    ([el]) => ![...culprits.keys()].some((other) => other !== el && el.contains(other))
  );
  deepest.sort((a, b) => b[1] - a[1]);
  return {
    scrollWidth: root.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: deepest.slice(0, shown).map(([el, right]) => ({
      element: describe(el),
      right: Math.round(right),
      width: Math.round(el.getBoundingClientRect().width),
      text: (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60),
    })),
  };
}
"""

# Text at 200 %: the root font size doubles, and every size in rem or em follows it.
ZOOM_TEXT_SCRIPT = "() => { document.documentElement.style.fontSize = '200%'; }"
UNZOOM_TEXT_SCRIPT = "() => { document.documentElement.style.fontSize = ''; }"

# Text containers that hide what does not fit: their text is cut off for the reader. Visually
# hidden helpers (1 px, clipped on purpose) are not text a sighted reader should see.
CLIPPED_TEXT_SCRIPT = """
() => {
  const clipped = [];
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
    if (style.clip !== "auto" || style.clipPath !== "none") continue;
    const hasText = [...el.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()
    ) || (el.textContent || "").trim().length > 0;
    if (!hasText) continue;
    const hidesX = ["hidden", "clip"].includes(style.overflowX);
    const hidesY = ["hidden", "clip"].includes(style.overflowY);
    const cutX = hidesX && el.scrollWidth > el.clientWidth + 1;
    const cutY = hidesY && el.scrollHeight > el.clientHeight + 1;
    const ellipsis = style.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1;
    if (cutX || cutY || ellipsis) {
      let name = el.tagName.toLowerCase();
      if (el.classList.length) name += "." + [...el.classList].join(".");
      clipped.push(
        `${name} (${el.clientWidth}x${el.clientHeight} shows ${el.scrollWidth}x` +
        `${el.scrollHeight}): ${(el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60)}`
      );
    }
  }
  return clipped;
}
"""


@dataclass
class ReflowRecord:
    """What the reflow checks found over a crawl: the problems, the measurements made and the
    widest page at each phone width (pixels, label), printed for the record."""

    problems: list[str] = field(default_factory=list)
    measured: int = 0
    widest: dict[int, tuple[int, str]] = field(
        default_factory=lambda: dict.fromkeys(PHONE_WIDTHS, (0, ""))
    )


def _overflow_report(label: str, url: str, width_label: str, found: dict) -> str:
    lines = [
        f"{label} at {width_label}: {found['scrollWidth']} px wide in a "
        f"{found['innerWidth']} px window, {url}"
    ]
    for culprit in found["culprits"]:
        lines.append(
            f"    {culprit['element']} reaches {culprit['right']} px "
            f"(box {culprit['width']} px): {culprit['text']!r}"
        )
    return "\n".join(lines)


def check_text_at_200_percent(page, label: str, record: ReflowRecord) -> None:
    """At the current (desktop) width, with text at 200 %: no sideways scrolling, no text cut
    off. The text size is put back afterwards."""
    page.evaluate(ZOOM_TEXT_SCRIPT)
    found = page.evaluate(OVERFLOW_SCRIPT, MAX_CULPRITS_SHOWN)
    record.measured += 1
    if found["scrollWidth"] > found["innerWidth"]:
        record.problems.append(_overflow_report(label, page.url, "1280 px, text 200 %", found))
    clipped = page.evaluate(CLIPPED_TEXT_SCRIPT)
    if clipped:
        record.problems.append(
            f"{label} at 1280 px, text 200 %: text cut off, {page.url}\n    "
            + "\n    ".join(clipped[:MAX_CULPRITS_SHOWN])
        )
    page.evaluate(UNZOOM_TEXT_SCRIPT)


def check_fits_width(page, label: str, width: int, record: ReflowRecord) -> None:
    """At the current viewport (`width` px wide): the page does not scroll sideways."""
    found = page.evaluate(OVERFLOW_SCRIPT, MAX_CULPRITS_SHOWN)
    record.measured += 1
    if found["scrollWidth"] > record.widest[width][0]:
        record.widest[width] = (found["scrollWidth"], label)
    if found["scrollWidth"] > found["innerWidth"]:
        record.problems.append(_overflow_report(label, page.url, f"{width} px", found))


def phone_viewport(width: int) -> dict[str, int]:
    return {"width": width, "height": PHONE_HEIGHT}
