"""A list swaps its results with htmx when a page is turned or a filter changes. The body is
boosted, so a plain link inside an element carrying hx-target would inherit that target: the
whole page it opens would land inside the list (two headings, two menus). Only the links that
swap the results themselves (hx-get) may sit inside such an element."""

from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})  # no end tag: not an element around a link
LISTS = ["/initiatives", "/professionals", "/verslagen", "/verslagen/zoeken?q=moestuin",
         "/handelingsbeschrijvingen", "/methodiekboek"]


class _InheritingLinks(HTMLParser):
    """The plain links (no hx-get of their own) that would inherit an hx-target."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[bool, bool]] = []  # (carries hx-target, switches boost off)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        boost_off = names.get("hx-boost") == "false"
        href = names.get("href") or ""
        if (tag == "a" and href and not href.startswith("#") and "hx-get" not in names
                and not boost_off and not any(off for _, off in self.open)
                and any(target for target, _ in self.open)):
            self.found.append(href)
        if tag not in VOID:
            self.open.append(("hx-target" in names, boost_off))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.open:
            self.open.pop()


@pytest.mark.parametrize("path", LISTS)
def test_no_plain_link_inherits_the_lists_target(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 200, response.text
    parser = _InheritingLinks()
    parser.feed(response.text)
    assert parser.found == []
