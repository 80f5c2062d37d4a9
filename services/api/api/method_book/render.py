"""The book's HTML from Jinja2 templates: autoescaped, deterministic, in Dutch or English.

Templates choose their texts with `{% if language == "en" %}`; numbers go through `number`,
which writes Dutch `1.234,56` or English `1,234.56` with a fixed count of decimals (the
templates' `number(value, decimals)` is the same function with the book's language bound).
"""

import math
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
MISSING = "—"


def number(value: float | int | None, decimals: int, language: str) -> str:
    """A number as the book prints it, with `decimals` decimals; a missing or infinite one
    as a dash, and never "-0,00"."""
    if value is None or not math.isfinite(value):
        return MISSING
    if float(f"{value:.{decimals}f}") == 0:
        value = 0.0
    text = f"{value:,.{decimals}f}"
    if language == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def breakable(expression: str) -> Markup:
    """A QCA expression that may wrap after each `*`: its terms are long words, and a table
    holding one would run off the printed page (WeasyPrint sizes a table by its longest
    unbreakable word)."""
    return Markup("*<wbr>").join(escape(part) for part in expression.split("*"))


@cache
def environment() -> Environment:
    templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        ["html"], default_for_string=True, default=True), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    templates.filters["breakable"] = breakable
    return templates


def render_fragment(template_name: str, language: str, **context: Any) -> str:
    """A template rendered with the book's language and its number formatting."""
    def in_language(value: float | int | None, decimals: int = 0) -> str:
        return number(value, decimals, language)

    template = environment().get_template(template_name)
    return template.render(language=language, number=in_language, **context)
