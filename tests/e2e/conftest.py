"""Browser tests: Debian's Chromium, driven by Playwright, against both services on 127.0.0.1.

Every test here is marked `e2e` (`pytest -m e2e` runs only these, `-m "not e2e"` leaves them
out). Each xdist worker that runs one starts its own database, servers and browser.
"""

from collections.abc import Callable, Generator, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="browser tests need the Python package playwright "
                    "(pip install playwright; the browser is Debian's chromium, never its own)")

from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.e2e.accounts import ADMIN, web_session
from tests.e2e.checks import PageProblems
from tests.e2e.provision import CHROMIUM_ARGS, axe_script, chromium
from tests.e2e.screenshots import ARTIFACTS, Screenshots
from tests.e2e.servers import Servers, running_servers
from web.sessions import COOKIE

HERE = Path(__file__).resolve().parent
TIMEOUT_MS = 10_000
# Assertions wait as long as actions do (Playwright's own default is 5 s): on a loaded 2-core
# machine a form's redirect and the page after it took longer than that.
expect.set_options(timeout=TIMEOUT_MS)
CALL_FAILED = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: drives a real browser against running servers")


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by the mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


# Per module, not per session: while Playwright's sync API is open, its event loop counts
# as running in this thread, and the other tests of this xdist worker (asyncio.run, anyio)
# could not start their own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium()
    with sync_playwright() as playwright:
        # launch() gives the browser a new, empty profile folder of its own and removes it.
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return axe_script()


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    with running_servers(tmp_path_factory.mktemp("e2e")) as running:
        yield running


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(ARTIFACTS, request.node.name)


@pytest.fixture(scope="session")
def admin_session(servers: Servers) -> str:
    """One real login per worker as the demo administrator; each test's browser gets the
    cookie it set. (A test that signs out signs in on its own, see test_login_flow.py.)"""
    return web_session(servers, ADMIN)


@contextmanager
def _tab(browser: Browser, axe_source: str, servers: Servers, screenshots: Screenshots,
         request: pytest.FixtureRequest, session: str | None) -> Iterator[Page]:
    """A new tab in a fresh context (no cache; only the session cookie, if any), relative
    URLs on the web service.

    axe-core is added as an init script: Chromium runs those outside the page's
    Content-Security-Policy, which therefore stays on and is checked (PageProblems).
    """
    context = browser.new_context(base_url=servers.web, locale="nl-NL",
                                  viewport={"width": 1280, "height": 800})
    if session is not None:
        context.add_cookies([{"name": COOKIE, "value": session, "url": servers.web,
                              "httpOnly": True, "sameSite": "Lax"}])
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(script=axe_source)
    problems = PageProblems()
    problems.watch(context)
    try:
        tab = context.new_page()
        yield tab
        if request.node.stash.get(CALL_FAILED, False):
            screenshots.take(tab, "failed")
        elif not screenshots.taken:
            screenshots.take(tab)
    finally:
        context.close()
    assert not problems.describe(), problems.describe()


@pytest.fixture
def page(browser: Browser, axe_source: str, servers: Servers, screenshots: Screenshots,
         request: pytest.FixtureRequest, admin_session: str) -> Iterator[Page]:
    """A tab signed in as the demo administrator, who may open every page."""
    with _tab(browser, axe_source, servers, screenshots, request, admin_session) as tab:
        yield tab


@pytest.fixture
def anonymous_page(browser: Browser, axe_source: str, servers: Servers,
                   screenshots: Screenshots, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab of someone who has not signed in."""
    with _tab(browser, axe_source, servers, screenshots, request, None) as tab:
        yield tab


TabOpener = Callable[[str], AbstractContextManager[Page]]


@pytest.fixture
def page_as(browser: Browser, axe_source: str, servers: Servers, screenshots: Screenshots,
            request: pytest.FixtureRequest) -> TabOpener:
    """Opens a tab signed in (by a real login) as one of the demo accounts."""
    def open_tab(username: str) -> AbstractContextManager[Page]:
        return _tab(browser, axe_source, servers, screenshots, request,
                    web_session(servers, username))
    return open_tab
