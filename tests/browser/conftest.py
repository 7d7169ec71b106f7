"""Browser tests: the Debian Chromium, driven through Playwright, against pytest-django's
live server.

Every page a test visits is checked with axe-core (WCAG 2.0/2.1 A and AA). Navigate with the
helpers below (`visit`, `follow`) and they check each page for you; after an htmx swap call
`axe_check` yourself. A test that reaches a page it did not check fails at teardown.
"""

import os
import re
from importlib import resources
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

from roder.testing import PASSWORD, build_world

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM
# calls made by the test (and by the live server sharing SQLite's in-memory connection).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}
AXE_SOURCE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")

# Main-frame URLs each page reached since its last axe check, keyed by id(page).
_unchecked: dict[int, list[str]] = {}


# --- browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    executable = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if not executable.exists():
        pytest.fail(
            f"The browser tests need Chromium at {executable}, and it is not there. "
            "Install Debian's chromium package or set CHROMIUM_PATH to a Chromium executable.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """new_page(locale="sv-SE") -> a page in a fresh browser context on the live server."""
    contexts = []

    def open_page(locale: str = "sv-SE") -> Page:
        # The site sends a strict Content-Security-Policy; bypass it to inject axe-core.
        context = browser.new_context(locale=locale, bypass_csp=True, base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        _unchecked[id(page)] = []
        page.on(
            "framenavigated",
            lambda frame: frame == page.main_frame and _unchecked[id(page)].append(frame.url),
        )
        return page

    yield open_page
    missed = [url for context in contexts for page in context.pages for url in _unchecked[id(page)]]
    for context in contexts:
        for page in context.pages:
            _unchecked.pop(id(page), None)
        context.close()
    if missed and _passed(request):
        pytest.fail(f"Pages visited without an axe check: {missed}", pytrace=False)


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def _passed(request) -> bool:
    report = getattr(request.node, "_report_call", None)
    return report is not None and report.passed


# --- data ---------------------------------------------------------------------------------


@pytest.fixture
def world(live_server, transactional_db):
    """The shared test world (roder/testing.py), committed so the live server sees it."""
    return build_world()


# --- helpers ------------------------------------------------------------------------------


def axe_check(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical WCAG violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    _unchecked[id(page)] = []
    violations = [v for v in results["violations"] if v["impact"] in AXE_FAILING_IMPACTS]
    if violations:
        lines = [f"axe found {len(violations)} serious or critical violation(s) on {page.url}:"]
        for violation in violations:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                f" [{len(violation['nodes'])} element(s), e.g. {targets}]"
            )
        pytest.fail("\n".join(lines), pytrace=False)


def visit(page: Page, path: str):
    """Open a path on the live server (as typed into the address bar) and check it."""
    response = page.goto(path)
    axe_check(page)
    return response


def follow(page: Page, target: Locator) -> None:
    """Click a link or submit button that loads a new page, then check the new page."""
    with page.expect_navigation():
        target.click()
    axe_check(page)


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form (leaves the browser on whatever page follows)."""
    if not page.url.split("?")[0].endswith("/accounts/login/"):
        visit(page, "/accounts/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    follow(page, form.locator("button[type=submit]"))


def _in_menu(page: Page, scope: str, menus: str, selector: str) -> Locator:
    """`selector` inside `scope`, with the disclosure menu (`menus`, <details class="menu">)
    that holds it opened if it is closed, by clicking its summary as a person would."""
    target = page.locator(f"{scope} {selector}")
    menu = page.locator(menus, has=page.locator(selector))
    if menu.count() and not menu.first.evaluate("details => details.open"):
        menu.first.locator("> summary").click()
    return target


def account_menu(page: Page, selector: str) -> Locator:
    """An entry of the header's account menu (the person's name), opened: e.g.
    "a[href$='/accounts/password/']" or "form[action$='/logout/']"."""
    return _in_menu(page, "header", "header details.account-menu", selector)


def log_out(page: Page) -> None:
    follow(page, account_menu(page, "form[action$='/logout/'] button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def main_nav(page: Page, path_end: str) -> Locator:
    """The main menu's link to a page, by the end of its address (e.g. '/people/'), with the
    menu group that holds it opened (the link is then visible and can be clicked)."""
    return _in_menu(page, "nav.main-nav", "nav.main-nav details.menu", f"a[href$='{path_end}']")


def open_as(new_page, username: str) -> Page:
    """A browser of its own (own cookies) with `username` logged in, on the start page."""
    page = new_page()
    log_in(page, username)
    return page


def download(page: Page, target: Locator, folder: Path) -> Path:
    """Click a link that downloads a file (no page load); save the file in `folder`."""
    with page.expect_download() as info:
        target.click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path
