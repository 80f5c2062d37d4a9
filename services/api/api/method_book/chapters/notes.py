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
    (re.compile(r"Fisher scoring stopped at a local maximum; tau² set to 0 as metafor "
                r"does\."),
     lambda _: ("de schatting van tau² bleef steken in een lokaal maximum; tau² is 0, zoals "
                "metafor doet.",
                "Fisher scoring stopped at a local maximum; tau² set to 0 as metafor does.")),
    (re.compile(r"Geen toets mogelijk \(Number of parameters to be estimated is larger than "
                r"the number of studies: (?P<k>\d+) studies for (?P<p>\d+) coefficient\(s\)"
                r"(?P<tau> and tau²)?\.\)\. / No test possible: .*", re.S),
     lambda found: (
         f"Geen toets mogelijk: {found['k']} initiatieven zijn te weinig om {found['p']} "
         f"coëfficiënten{_tau(found, True)} te schatten.",
         f"No test possible: {found['k']} initiatives are too few to estimate {found['p']} "
         f"coefficients{_tau(found, False)}.")),
    # api.analyses.effects.subgroups wraps any other error of the package in both languages;
    # its Dutch half holds the English error.
    (re.compile(r"Geen toets mogelijk \((?P<error>.*)\)\. / No test possible: (?P=error)",
                re.S),
     lambda found: (f"Geen toets mogelijk ({PACKAGE} {found['error']}).",
                    f"No test possible: {found['error']}")),
]
PACKAGE = "opmerking van het statistiekpakket (Engels):"
# A note about one group, as the subgroup analysis writes it: "<group code>: <note>" (codes
# are lower case, such as right-to-challenge, 40-149 or 0.5-0.75).
ABOUT_A_GROUP = re.compile(r"(?P<group>[a-z0-9][a-z0-9.+-]*): (?P<note>.*)", re.S)
# The package's notes are joined by "; ", and one of them holds "; " itself: a part begins
# where a group's name or a sentence with a colon does ("No common-tau² test: …").
NEXT_PART = re.compile(r"; (?=[^;]*?: )")


def _known(text: str, language: str) -> str | None:
    for pattern, wording in PACKAGE_NOTES:
        found = pattern.fullmatch(text)
        if found:
            dutch, english = wording(found.groupdict())
            return english if language == "en" else dutch
    return None


def _part(text: str, language: str, name: Callable[[str], str]) -> str:
    """One of the package's notes, about one group or about the test."""
    about = ABOUT_A_GROUP.fullmatch(text)
    if about:
        note = _known(about["note"], language)
        if note is not None:
            return f"{name(about['group'])}: {note}"
    known = _known(text, language)
    if known is not None:
        return known
    return text if language == "en" else f"{PACKAGE} {text}"


def readable_note(text: str | None, language: str,
                  vocabulary: type[StrEnum] | None = None,
                  name: Callable[[str], str] | None = None) -> str:
    """The note in the book's language; `vocabulary` names the groups it may mention (the
    book's own words for yes/no, styles and 'all' need none), or `name` does, as the
    chapter names them."""
    if not text:
        return ""
    known = _known(text, language)
    if known is not None:
        return known
    halves = text.split(" / ")
    if len(halves) == 2:  # the API's own, in both languages
        return halves[1] if language == "en" else halves[0]
    def named(group: str) -> str:
        return name(group) if name else label(group, language, vocabulary)

    return "; ".join(_part(part, language, named) for part in NEXT_PART.split(text))
