"""Full-page screenshots kept as test artefacts: test-artifacts/e2e/<test name>-<n>.png."""

import re
from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.provision import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "e2e"  # git-ignored


class Screenshots:
    """One test's screenshots, numbered in the order taken; its old ones removed first."""

    def __init__(self, folder: Path, test_name: str) -> None:
        self.folder = folder
        self.name = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name).strip("-")
        self.taken: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)
        own = re.compile(rf"{re.escape(self.name)}-(\d+|failed)\.png")
        for old in folder.iterdir():  # from an earlier run of this same test
            if own.fullmatch(old.name):
                old.unlink()

    def take(self, page: Page, label: str | None = None) -> Path:
        path = self.folder / f"{self.name}-{label or len(self.taken) + 1}.png"
        # caret="initial": hiding the caret in a focused field injects a <style>, which the
        # page's Content-Security-Policy (style-src 'self') rightly reports as a violation.
        page.screenshot(path=path, full_page=True, caret="initial")
        self.taken.append(path)
        return path
