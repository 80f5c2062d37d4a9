"""Every user-facing text goes through a translation call, and English has them all."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from web.i18n import LANGUAGES, catalogue_path, gettext_in, ngettext_in

WEB = Path(__file__).resolve().parents[2] / "services" / "web" / "web"
TEMPLATES = sorted((WEB / "templates").rglob("*.html"))
# Attributes that people read or hear.
SPOKEN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "label"}
LETTER = re.compile(r"[^\W\d_]")


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(value for name, value in attrs
                          if name in SPOKEN_ATTRIBUTES and value and LETTER.search(value))

    def handle_data(self, data: str) -> None:
        if LETTER.search(data):
            self.found.append(data.strip())


def literal_texts(source: str) -> list[str]:
    """Text a person would see that is not in a translation call or a Jinja expression."""
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.DOTALL)
    source = re.sub(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", "", source, flags=re.DOTALL)
    source = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", source, flags=re.DOTALL)
    finder = _TextFinder()
    finder.feed(source)
    return finder.found


def test_the_scan_finds_untranslated_text() -> None:
    assert literal_texts('<p>Hallo <b>{{ name }}</b></p>') == ["Hallo"]
    assert literal_texts('<img alt="Logo" src="x">') == ["Logo"]
    assert literal_texts('<p>{{ _("Hallo") }} — {{ n }}</p>{# uitleg #}') == []
    assert literal_texts('{% trans n=1 %}Eén{% pluralize %}Meer{% endtrans %}') == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_templates_have_no_text_outside_translation_calls(template: Path) -> None:
    assert literal_texts(template.read_text()) == []


def _extracted() -> set[str | tuple[str, str]]:
    with (WEB / "translations" / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(WEB, method_map,
                                                                      options_map):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def _catalogue(lang: str) -> Catalog:
    with catalogue_path(lang).open("rb") as po:
        return read_po(po)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogues_hold_exactly_the_texts_of_the_templates(lang: str) -> None:
    in_catalogue = {message.id for message in _catalogue(lang) if message.id}
    extracted = _extracted()
    assert extracted, "nothing extracted: is babel.cfg right?"
    missing = sorted(map(str, extracted - in_catalogue))
    stale = sorted(map(str, in_catalogue - extracted))
    assert not missing and not stale, f"run `make messages`: missing {missing}, stale {stale}"


def test_every_english_text_is_translated() -> None:
    catalogue = _catalogue("en")
    untranslated = [message.id for message in catalogue if message.id and (
        message.fuzzy or not all(message.string if isinstance(message.string, tuple)
                                 else (message.string,)))]
    assert not untranslated, f"translate in en/LC_MESSAGES/messages.po: {untranslated}"
    problems = [(message.id, errors) for message, errors in catalogue.check() if errors]
    assert not problems  # e.g. a %(placeholder)s lost in translation


def test_the_catalogues_are_compiled_when_the_app_starts() -> None:
    assert gettext_in("en", "Initiatieven") == "Initiatives"
    assert gettext_in("nl", "Initiatieven") == "Initiatieven"
    singular, plural = "%(num)s initiatief gevonden", "%(num)s initiatieven gevonden"
    assert ngettext_in("en", singular, plural, 2) == "%(num)s initiatives found"
    assert ngettext_in("nl", singular, plural, 1) == singular
