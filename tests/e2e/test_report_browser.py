"""The HTML report in a real browser: Debian's headless Chromium, driven by Playwright.

Skipped when /usr/bin/chromium or the playwright package is missing (CI installs both:
`apt-get install -y chromium` and the `browser` test extra). Playwright's own browser
download (`playwright install`) is never used: the test launches the system Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_shipped, loaded, run

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1280, "height": 900}, service_workers="block")
        try:
            page = context.pages[0] if context.pages else context.new_page()
            yield page
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


def test_conflict_link_leads_to_the_focused_highlighted_passage(tmp_path, browser_page):
    ledger_path = copy_shipped(tmp_path)
    out = tmp_path / "htmlreport"
    result = run("report", "--ledger", ledger_path, "-o", out)
    assert result.exit_code == 0, result.output

    lg, conflicts = loaded(ledger_path)
    spheron = next(s for s in lg.sources.values() if s.file.startswith("sources/001_"))

    def needle_scores(conflict):
        return [c for c in (lg.claims[i] for i in conflict.claims)
                if c.kind == "score" and c.benchmark == "nih-multi-needle" and c.source == spheron.id]

    conflict = next(c for c in conflicts if needle_scores(c))
    claim = next(c for c in needle_scores(conflict) if str(c.value) == "98.1")

    page = browser_page
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto((out / "conflicts.html").as_uri())
    section = page.locator(f"section[id='{conflict.id}']")
    assert section.count() == 1
    link = section.locator(f"a[href='source-{spheron.id}.html#claim-{claim.id}']")
    assert link.count() == 1
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(f"**/source-{spheron.id}.html#claim-{claim.id}")
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=f"claim-{claim.id}")

    target = page.locator(":target")
    assert target.get_attribute("id") == f"claim-{claim.id}"
    assert target.evaluate("e => e.tagName") == "MARK"
    assert "hl" in target.get_attribute("class").split()
    assert "conflict" in target.get_attribute("class").split()
    assert "98.1" in target.inner_text()
    assert target.is_visible()
    assert target.evaluate("e => e === document.activeElement")
    box = target.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }")
    assert 0 <= box[0] and box[1] <= box[2], box  # scrolled into view
    outline = target.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # a visible focus ring

    panel = page.locator("#claim-panel")
    assert panel.is_visible()
    assert claim.id in panel.inner_text()
    assert conflict.id in panel.inner_text()  # the passage links back to its conflicts

    screenshot = tmp_path / "multi-needle.png"
    page.screenshot(path=str(screenshot))
    assert screenshot.exists() and screenshot.stat().st_size > 1000
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # keyboard: Escape closes the panel, Tab moves to the next quote and shows its claim
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-claim')")
    assert focused and focused != claim.id and panel.is_visible()

    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests  # nothing from the network


def test_skip_link_and_keyboard_on_a_narrow_screen(tmp_path, browser_page):
    ledger_path = copy_shipped(tmp_path)
    out = tmp_path / "htmlreport"
    assert run("report", "-l", ledger_path, "-o", out).exit_code == 0
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    try:
        page.goto((out / "matrix.html").as_uri())
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375 + 1  # the wide table scrolls inside its own box, not the page
        page.goto((out / "index.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 376
        page.screenshot(path=str(tmp_path / "narrow-index.png"))
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
