"""The success-factor chapter's plain words: each QCA path (a term such as
`MAKELAAR_INVOLVED*~RESIDENT_INITIATED`, `~` for "not", `*` for "and") as one sentence in
the book's language, with its consistency, coverage and number of initiatives."""

from typing import Any

from api.method_book.render import number

# Per condition name (as the API writes it): the words when present and when absent.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {
        "MAKELAAR_INVOLVED": ("met een participatiemakelaar", "zonder participatiemakelaar"),
        "HOURS": ("met veel uren ondersteuning", "met weinig of geen uren ondersteuning"),
        "RESIDENT_INITIATED": ("door bewoners gestart", "niet door bewoners gestart"),
        "SUPPORT_STYLE_OVERNEMEND": ("vooral overnemend ondersteund",
                                     "niet vooral overnemend ondersteund"),
    },
    "en": {
        "MAKELAAR_INVOLVED": ("with a participatiemakelaar", "without a participatiemakelaar"),
        "HOURS": ("with many hours of support", "with few or no hours of support"),
        "RESIDENT_INITIATED": ("started by residents", "not started by residents"),
        "SUPPORT_STYLE_OVERNEMEND": ("supported mainly by taking over",
                                     "not supported mainly by taking over"),
    },
}
OUTCOME_WORDS = {
    "nl": {"effect": "waren effectief", "durability": "gingen door na de ondersteuning"},
    "en": {"effect": "were effective", "durability": "kept going after the support ended"},
}
FIT_WORDS = {
    "nl": ("consistentie", "dekking", "initiatief", "initiatieven"),
    "en": ("consistency", "coverage", "initiative", "initiatives"),
}
MORE = {"nl": ("en {n} andere", "en {n} andere"), "en": ("and {n} other", "and {n} others")}


def condition_words(term: str, language: str) -> list[str]:
    """A term's conditions in words, in the term's order: `~X` is X absent. A name without
    words of its own (none should occur) is printed as the API writes it."""
    words = WORDS[language]
    found = []
    for factor in term.split("*"):
        name = factor.strip().removeprefix("~")
        present, absent = words.get(name, (name, f"~{name}"))
        found.append(absent if factor.strip().startswith("~") else present)
    return found


def _joined(parts: list[str], language: str) -> str:
    """a, b en c / a, b and c."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {'and' if language == 'en' else 'en'} {parts[-1]}"


def path_sentence(outcome: str, term: dict[str, Any], language: str) -> str:
    """"Initiatieven met een participatiemakelaar en door bewoners gestart waren effectief:
    consistentie 0,86, dekking 0,42 (12 initiatieven).\""""
    consistency, coverage, one, many = FIT_WORDS[language]
    subject = "Initiatives" if language == "en" else "Initiatieven"
    conditions = _joined(condition_words(term["term"], language), language)
    count = term["n"]
    return (f"{subject} {conditions} {OUTCOME_WORDS[language][outcome]}: {consistency} "
            f"{number(term['inclS'], 2, language)}, {coverage} "
            f"{number(term['covS'], 2, language)} ({count} {one if count == 1 else many}).")


def capped_titles(cases: list[dict[str, Any]], language: str, cap: int = 10) -> str:
    """The titles of a path's initiatives, sorted; after `cap` of them "en N andere" (the
    full list stays in the numbers)."""
    titles = sorted(case["title"] for case in cases)
    shown = ", ".join(titles[:cap])
    rest = len(titles) - cap
    if rest <= 0:
        return shown
    return f"{shown} {MORE[language][rest > 1].format(n=rest)}"
