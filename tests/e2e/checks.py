"""What every page must pass: axe-core's WCAG 2.1 A and AA rules, the weight limit, no leaks."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, WebError

from tests.e2e.provision import AXE_VERSION

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Issue 3: no page above 300 KB transferred, fonts excepted (KB as 1,000 bytes: the stricter).
WEIGHT_LIMIT = 300_000
NODES_SHOWN = 5

# Runs in the page; returns plain data, or null when axe was not injected.
AXE_RUN = """async (tags) => {
  if (typeof axe === "undefined") return null;
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                           resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.map(String).join(" "),
                                summary: n.failureSummary || ""})),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    help_url: str
    nodes: list[tuple[str, str]]  # (CSS selector, axe's summary of what fails)

    def describe(self) -> str:
        lines = [f"- {self.rule} ({self.impact}, {len(self.nodes)} nodes): {self.help}",
                 f"  {self.help_url}"]
        for target, summary in self.nodes[:NODES_SHOWN]:
            lines.append(f"    {target}")
            lines.extend(f"      {line}" for line in summary.splitlines() if line.strip())
        if len(self.nodes) > NODES_SHOWN:
            lines.append(f"    … and {len(self.nodes) - NODES_SHOWN} more")
        return "\n".join(lines)


def _violation(found: dict[str, Any]) -> Violation:
    nodes = [(str(node["target"]), str(node["summary"])) for node in found["nodes"]]
    return Violation(rule=str(found["id"]), impact=str(found["impact"]), help=str(found["help"]),
                     help_url=str(found["helpUrl"]), nodes=nodes)


def accessibility_violations(page: Page) -> list[Violation]:
    found = page.evaluate(AXE_RUN, WCAG_TAGS)
    assert found is not None, "axe-core is not in the page: use the e2e `page` fixture"
    return [_violation(item) for item in found]


def assert_accessible(page: Page) -> None:
    """No WCAG 2.1 A or AA violation that axe-core finds in the page as it is now."""
    violations = accessibility_violations(page)
    assert not violations, (
        f"axe-core {AXE_VERSION} found {len(violations)} WCAG 2.1 A/AA violations on "
        f"{page.url}:\n" + "\n".join(violation.describe() for violation in violations))


@dataclass(frozen=True)
class Transfer:
    url: str
    resource_type: str
    size: int  # response headers and body as they crossed the wire (compressed)


@dataclass(frozen=True)
class PageWeight:
    url: str
    transfers: list[Transfer]

    @property
    def counted(self) -> list[Transfer]:
        return [t for t in self.transfers if t.resource_type != "font"]

    @property
    def total(self) -> int:
        return sum(transfer.size for transfer in self.counted)

    def describe(self) -> str:
        heaviest = sorted(self.counted, key=lambda transfer: -transfer.size)
        fonts = [t for t in self.transfers if t.resource_type == "font"]
        lines = [f"{self.url}: {self.total:,} bytes in {len(self.counted)} responses "
                 f"(fonts excepted: {sum(t.size for t in fonts):,} bytes in {len(fonts)})"]
        lines.extend(f"  {t.size:>9,}  {t.resource_type:<10} {t.url}" for t in heaviest)
        return "\n".join(lines)


def load_and_weigh(page: Page, url: str) -> PageWeight:
    """Open `url` and count what its load transferred, until the network is quiet.

    In the `page` fixture's fresh context nothing is cached yet: the first load of a test
    weighs what a first visit costs; later loads in the same test find files in the cache.
    """
    finished: list[Request] = []

    def record(request: Request) -> None:  # not list.append: Playwright cannot wrap builtins
        finished.append(request)

    page.on("requestfinished", record)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("requestfinished", record)
    transfers = []
    for request in finished:
        sizes = request.sizes()
        transfers.append(Transfer(url=request.url, resource_type=request.resource_type,
                                  size=sizes["responseHeadersSize"] + sizes["responseBodySize"]))
    return PageWeight(url=page.url, transfers=transfers)


def assert_page_weight(weight: PageWeight, limit: int = WEIGHT_LIMIT) -> None:
    assert weight.total <= limit, f"heavier than {limit:,} bytes: {weight.describe()}"


@dataclass
class PageProblems:
    """What a person would never see as a failed test but is one: blocked or leaking pages."""

    outside_requests: list[str] = field(default_factory=list)
    policy_violations: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.on("request", self._request)
        context.on("console", self._console)
        context.on("weberror", self._error)

    def _request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.outside_requests.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            where = message.page.url if message.page else "?"
            self.policy_violations.append(f"{where}: {message.text}")

    def _error(self, error: WebError) -> None:
        self.script_errors.append(str(error.error))

    def describe(self) -> str:
        parts = [("requests off this machine", self.outside_requests),
                 ("Content-Security-Policy violations", self.policy_violations),
                 ("uncaught script errors", self.script_errors)]
        return "\n".join(f"{name}:\n" + "\n".join(f"  {item}" for item in items)
                         for name, items in parts if items)
