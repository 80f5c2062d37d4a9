"""Issue 8: a researcher opens "Wat vraagt ondersteuning" and follows a number to the
initiatives behind it, then on to one of them."""

import re

from playwright.sync_api import expect

from tests.e2e.checks import assert_accessible
from tests.e2e.conftest import TabOpener

RESEARCHER = "onderzoeker"


def test_a_researcher_follows_a_number_to_the_initiatives_behind_it(page_as: TabOpener
                                                                     ) -> None:
    with page_as(RESEARCHER) as page:
        page.goto("/ondersteuning?curves=supportStyle")
        expect(page.get_by_role("heading", level=1)).to_have_text("Wat vraagt ondersteuning")
        expect(page.locator("#log-rank")).to_contain_text("Log-rank-toets")
        assert_accessible(page)
        row = page.locator("#curves-table tbody tr").filter(has_text="Overnemend")
        followed = row.get_by_role("link").first
        count = int(re.sub(r"\D", "", followed.inner_text()))
        assert count > 0
        followed.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            re.compile(rf"^{count} initiatieven: Overnemend"))
        expect(page.locator("#listed-table tbody tr")).to_have_count(count)
        assert_accessible(page)
        first = page.locator("#listed-table tbody tr").first.get_by_role("link")
        title = first.inner_text()
        first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
