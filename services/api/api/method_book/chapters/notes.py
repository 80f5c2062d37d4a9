"""The analyses' notes as a book prints them: in the book's language only, with each group
named as the reader knows it, not by its code.

The API's own notes are bilingual ("Dutch. / English."): the book takes its half. The
statistics package (`analysis.meta`) writes English only, and names groups by their codes
("buurtbeheer: k = 1: …"); its notes that reach a book are translated here. A note none of
the patterns knows is printed as it is, in a Dutch book introduced as the package's English,
so nothing unreadable passes as the book's own words.
"""

import re
from collections.abc import Callable
from enum import StrEnum

from api.method_book.chapters.figures import label

Wording = Callable[[dict[str, str]], tuple[str, str]]  # the match's groups → (Dutch, English)


def _tau(found: dict[str, str], dutch: bool) -> str:
    return (" en tau²" if dutch else " and tau²") if found.get("tau") else ""


# The package's notes (analysis/meta: fit.py, subgroup_analysis.py, validation.py), each with
# its Dutch and English as the book prints them ("studies" are the book's initiatives).
PACKAGE_NOTES: list[tuple[re.Pattern[str], Wording]] = [
    (re.compile(r"k = 1: tau² cannot be estimated and is 0, as in metafor\."),
     lambda _: ("k = 1: tau² is niet te schatten en is 0, zoals in metafor.",
                "k = 1: tau² cannot be estimated and is 0, as in metafor.")),
    (re.compile(r'test set to "z" since k = 1, as metafor does\.'),
     lambda _: ('toets "z" gebruikt omdat k = 1, zoals metafor doet.',
                'test set to "z" since k = 1, as metafor does.')),
    (re.compile(r"No common-tau² test: (?P<k>\d+) studies cannot estimate (?P<p>\d+) group "
                r"means and tau² \(metafor stops with the same error\)\."),
     lambda found: (
         f"Geen toets met een gemeenschappelijke tau²: {found['k']} initiatieven zijn te "
         f"weinig om {found['p']} groepsgemiddelden en tau² te schatten (metafor stopt ook).",
         f"No common-tau² test: {found['k']} initiatives are too few to estimate "
         f"{found['p']} group means and tau² (metafor stops too).")),
    (re.compile(r"No separate-tau² test: a group's estimate has a standard error of 0 or "
                r"NaN\."),
     lambda _: ("Geen toets met een tau² per groep: de schatting van een groep heeft geen "
                "standaardfout.",
                "No separate-tau² test: a group's estimate has no standard error.")),
    (re.compile(r"Geen toets mogelijk \(Number of parameters to be estimated is larger than "
                r"the number of studies: (?P<k>\d+) studies for (?P<p>\d+) coefficient\(s\)"
                r"(?P<tau> and tau²)?\.\)\. / No test possible: .*"),
     lambda found: (
         f"Geen toets mogelijk: {found['k']} initiatieven zijn te weinig om {found['p']} "
         f"coëfficiënten{_tau(found, True)} te schatten.",
         f"No test possible: {found['k']} initiatives are too few to estimate {found['p']} "
         f"coefficients{_tau(found, False)}.")),
]
# A note about one group, as the subgroup analysis writes it: "<group code>: <note>".
ABOUT_A_GROUP = re.compile(r"(?P<group>[^:;/]+): (?P<note>k = 1: .*|test set to .*)")


def _known(text: str, language: str) -> str | None:
    for pattern, wording in PACKAGE_NOTES:
        found = pattern.fullmatch(text)
        if found:
            dutch, english = wording(found.groupdict())
            return english if language == "en" else dutch
    return None


def _part(text: str, language: str, vocabulary: type[StrEnum] | None) -> str:
    about = ABOUT_A_GROUP.fullmatch(text)
    if about:
        note = _known(about["note"], language)
        if note is not None:
            return f"{label(about['group'], language, vocabulary)}: {note}"
    known = _known(text, language)
    if known is not None:
        return known
    halves = text.split(" / ")
    if len(halves) == 2:
        return halves[1] if language == "en" else halves[0]
    return text if language == "en" else f"opmerking van het statistiekpakket (Engels): {text}"


def readable_note(text: str | None, language: str,
                  vocabulary: type[StrEnum] | None = None) -> str:
    """The note in the book's language; `vocabulary` names the groups it may mention (the
    book's own words for yes/no, styles and 'all' need none)."""
    if not text:
        return ""
    return "; ".join(_part(part, language, vocabulary) for part in text.split("; "))
