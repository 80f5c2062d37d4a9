"""The recommendations chapter's words: each recommendation as one sentence in the book's
language, the names of the numbers it cites, its strength, and the rules table (whose
thresholds are printed from recommendation_rules, so the text cannot drift from the rules)."""

import re
from typing import Any

from api.method_book.chapters import effects, support
from api.method_book.chapters.figures import label
from api.method_book.chapters.recommendation_rules import (
    GROUP_STRENGTH,
    MAX_P,
    MODERATE,
    PATH_STRENGTH,
    R1_MIN_ESTIMATE,
    R1_MIN_K,
    R4_MIN_CASES,
    R4_MIN_CONSISTENCY,
    R4_MIN_COVERAGE,
    STRONG,
    TEST_STRENGTH,
)
from api.method_book.chapters.success_sentences import OUTCOME_WORDS, condition_words
from api.method_book.render import number

STRENGTHS = {"nl": {"sterk": "sterk", "matig": "matig", "voorlopig": "voorlopig"},
             "en": {"sterk": "strong", "matig": "moderate", "voorlopig": "tentative"}}
VALUE_NAMES = {
    "nl": {"estimate": "effect (SMD)", "ciLb": "ondergrens 95%-BI",
           "ciUb": "bovengrens 95%-BI", "k": "initiatieven met een effect (k)",
           "subgroupP": "verschil tussen de groepen", "testP": "verschil tussen de groepen",
           "p": "log-ranktoets", "survival12": "S(12), deel dat na 12 maanden nog loopt",
           "n": "initiatieven", "inclS": "consistentie", "covS": "dekking",
           "evidenceLevel": "initiatieven met bewijsniveau {level}"},
    "en": {"estimate": "effect (SMD)", "ciLb": "95 % CI lower bound",
           "ciUb": "95 % CI upper bound", "k": "initiatives with an effect (k)",
           "subgroupP": "difference between the groups",
           "testP": "difference between the groups", "p": "log-rank test",
           "survival12": "S(12), share still running after 12 months",
           "n": "initiatives", "inclS": "consistency", "covS": "coverage",
           "evidenceLevel": "initiatives at evidence level {level}"},
}
# R1's "Zet in op …" per grouping: {group} is the group's name.
INVEST = {
    "nl": {"organisationForm": "de organisatievorm {group}", "supportKind": "{group}",
           "professionalRole": "ondersteuning door een {group}",
           "supportStyle": "{group} ondersteunen", "supportHours": "{group} uur ondersteuning",
           "competence": "professionals met een competentie van {group}",
           "makelaarInvolved=ja": "een participatiemakelaar",
           "makelaarInvolved=nee": "initiatieven zonder participatiemakelaar",
           "residentInitiated=ja": "initiatieven die bewoners zelf starten",
           "residentInitiated=nee": "initiatieven die niet door bewoners gestart zijn"},
    "en": {"organisationForm": "the organisation form {group}", "supportKind": "{group}",
           "professionalRole": "support by a {group}", "supportStyle": "{group} support",
           "supportHours": "{group} hours of support",
           "competence": "professionals with a competence of {group}",
           "makelaarInvolved=ja": "a participatiemakelaar",
           "makelaarInvolved=nee": "initiatives without a participatiemakelaar",
           "residentInitiated=ja": "initiatives residents start themselves",
           "residentInitiated=nee": "initiatives not started by residents"},
}
# R2's "the effect is larger … than …" per grouping: {group} is the group's name.
AMONG = {
    "nl": {"organisationForm": "bij de organisatievorm {group}",
           "professionalRole": "bij ondersteuning door een {group}",
           "supportStyle": "bij {group} ondersteunen",
           "supportHours": "bij {group} uur ondersteuning",
           "competence": "bij professionals met een competentie van {group}",
           "makelaarInvolved=ja": "met een participatiemakelaar",
           "makelaarInvolved=nee": "zonder participatiemakelaar",
           "residentInitiated=ja": "bij initiatieven die bewoners zelf starten",
           "residentInitiated=nee": "bij initiatieven die niet door bewoners gestart zijn",
           **dict.fromkeys(("supportStyle=geen-ondersteuning",
                            "professionalRole=geen-ondersteuning"), "zonder ondersteuning"),
           "supportHours=0": "zonder ondersteuning (0 uur)"},
    "en": {"organisationForm": "for the organisation form {group}",
           "professionalRole": "with support by a {group}",
           "supportStyle": "with {group} support",
           "supportHours": "with {group} hours of support",
           "competence": "with professionals with a competence of {group}",
           "makelaarInvolved=ja": "with a participatiemakelaar",
           "makelaarInvolved=nee": "without a participatiemakelaar",
           "residentInitiated=ja": "for initiatives residents start themselves",
           "residentInitiated=nee": "for initiatives not started by residents",
           **dict.fromkeys(("supportStyle=geen-ondersteuning",
                            "professionalRole=geen-ondersteuning"), "without support"),
           "supportHours=0": "without support (0 hours)"},
}
DEFAULT_AMONG = {"nl": "bij {group}", "en": "for {group}"}
SENTENCES = {
    "nl": {"R1": "Zet in op {subject}.", "R2": "Het effect is groter {best} dan {worst}.",
           "R3": "Voor initiatieven die doorgaan na de ondersteuning: kies de stijl {group}.",
           "R4": "Combineer {conditions}: zulke initiatieven {outcome}.",
           "R4-one": "Kies voor initiatieven {conditions}: die {outcome}."},
    "en": {"R1": "Invest in {subject}.", "R2": "The effect is larger {best} than {worst}.",
           "R3": "For initiatives that keep going after support: choose the {group} style.",
           "R4": "Combine {conditions}: such initiatives {outcome}.",
           "R4-one": "Choose initiatives {conditions}: they {outcome}."},
}


def group_name(grouping: str | None, value: str, language: str) -> str:
    """A group's label as its own chapter prints it."""
    if grouping == "competence" and value in support.BANDS[language]:
        return support.BANDS[language][value]
    vocabulary = effects.VOCABULARY.get(grouping or "") or support.VOCABULARY.get(grouping or "")
    return label(value, language, vocabulary)


def _in_sentence(name: str) -> str:
    """A vocabulary label inside a sentence: 'Participatiemakelaar' → 'participatiemakelaar'
    (a word in capitals, an abbreviation, stays as it is, and so does a name with another
    capitalised word: 'Right to Challenge' — an aside in brackets or after a slash does not
    count: 'Participatiemedewerker (Huis van de Wijk)' → 'participatiemedewerker (…)')."""
    words = re.split(r"[(/]", name, maxsplit=1)[0].split()
    proper = any(word[:1].isupper() for word in words[1:])
    return name[0].lower() + name[1:] if name[1:2].islower() and not proper else name


def _articles(sentence: str) -> str:
    """English 'a' before a vowel is 'an' ('support by an estate manager'); the labels it
    meets start with a vowel sound when they start with a vowel."""
    return re.sub(r"\ba (?=[aeiouAEIOU])", "an ", sentence)


def grouping_title(chapter: str, grouping: str | None, language: str) -> str:
    titles = (effects.TITLES if chapter == effects.KEY else support.TITLES)[language]
    return titles.get(grouping or "", grouping or "")


def _joined(parts: list[str], language: str) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {'and' if language == 'en' else 'en'} {parts[-1]}"


def recommendation_text(found: dict[str, Any], language: str) -> str:
    """The recommendation in one sentence, from its rule and subject."""
    sentence = _sentence(found, language)
    return _articles(sentence) if language == "en" else sentence


def _sentence(found: dict[str, Any], language: str) -> str:
    subject, sentences = found["subject"], SENTENCES[language]
    grouping = subject.get("grouping")

    def name(value: Any) -> str:
        return _in_sentence(group_name(grouping, str(value), language))

    if found["rule"] == "R1":
        invest = INVEST[language]
        phrase = invest.get(f"{grouping}={subject['group']}") or invest.get(
            grouping or "", f"{grouping_title(subject['chapter'], grouping, language)}: "
                            "{group}")
        return sentences["R1"].format(subject=phrase.format(group=name(subject["group"])))
    if found["rule"] == "R2":
        def among(value: Any) -> str:
            phrase = AMONG[language].get(f"{grouping}={value}") or AMONG[language].get(
                grouping or "", DEFAULT_AMONG[language])
            return phrase.format(group=name(value))

        return sentences["R2"].format(best=among(subject["best"]),
                                      worst=among(subject["worst"]))
    if found["rule"] == "R3":
        return sentences["R3"].format(group=name(subject["group"]))
    conditions = condition_words(subject["term"], language)
    return sentences["R4" if len(conditions) > 1 else "R4-one"].format(
        conditions=_joined(conditions, language),
        outcome=OUTCOME_WORDS[language].get(subject["outcome"], subject["outcome"]))


def rule_words(language: str) -> dict[str, dict[str, str]]:
    """The rules table: per rule its title, condition, what it says and its strength."""
    def n(value: float, decimals: int = 2) -> str:
        return number(value, decimals, language)

    (sk, sw), (mk, mw) = GROUP_STRENGTH[STRONG], GROUP_STRENGTH[MODERATE]
    (tk, tp), (uk, up) = TEST_STRENGTH[STRONG], TEST_STRENGTH[MODERATE]
    (pc, pi), (qc, qi) = PATH_STRENGTH[STRONG], PATH_STRENGTH[MODERATE]
    if language == "en":
        return {
            "R1": {"title": "What works (R1)",
                   "condition": f"A group in What works or Support that matters whose pooled "
                                f"effect has a 95 % CI wholly above 0, k ≥ {R1_MIN_K} and an "
                                f"estimate of at least {n(R1_MIN_ESTIMATE)} (small, after "
                                f"Cohen). Unknown, no support, 0 hours and the 'no' of a yes/no "
                                f"grouping are no choice and left out.",
                   "says": "Invest in that group.",
                   "strength": f"strong: k ≥ {sk}, a CI at most {n(sw)} wide and at least half "
                               f"the initiatives with good or strong indications; moderate: "
                               f"k ≥ {mk}, at most {n(mw)} wide and, where evidence levels are "
                               f"recorded, at least half with first indications or better; "
                               f"else tentative."},
            "R2": {"title": "Where groups differ (R2)",
                   "condition": f"A grouping whose test of the difference between the groups "
                                f"gives p < {n(MAX_P)}, when its highest and lowest groups "
                                f"both have k ≥ {R1_MIN_K} and neither is 'unknown'.",
                   "says": "The group with the highest effect works better than the one with "
                           "the lowest.",
                   "strength": f"strong: p < {n(tp, 3)} and both groups k ≥ {tk}; moderate: "
                               f"p < {n(up, 3)} and k ≥ {uk}; else tentative."},
            "R3": {"title": "What lasts (R3)",
                   "condition": f"Durability by support style with a log-rank p < {n(MAX_P)}, "
                                f"unless the best is no support or unknown.",
                   "says": "Choose the style with the largest share still running 12 months "
                           "after support (S(12)).",
                   "strength": f"strong: p < {n(tp, 3)} and every style n ≥ {tk}; moderate: "
                               f"p < {n(up, 3)} and n ≥ {uk}; else tentative."},
            "R4": {"title": "What works together (R4)",
                   "condition": f"A path of Success factors with consistency ≥ "
                                f"{n(R4_MIN_CONSISTENCY)}, raw coverage ≥ "
                                f"{n(R4_MIN_COVERAGE)} and at least {R4_MIN_CASES} "
                                f"initiatives.",
                   "says": "Combine the conditions of that path.",
                   "strength": f"strong: ≥ {pc} initiatives and consistency ≥ {n(pi)}; "
                               f"moderate: ≥ {qc} and ≥ {n(qi)}; else tentative."},
        }
    return {
        "R1": {"title": "Wat werkt (R1)",
               "condition": f"Een groep in Wat werkt of Ondersteuning die ertoe doet waarvan "
                            f"het gepoolde effect een 95%-BI geheel boven 0 heeft, k ≥ "
                            f"{R1_MIN_K} en een effect van ten minste {n(R1_MIN_ESTIMATE)} "
                            f"(klein, naar Cohen). Onbekend, geen ondersteuning, 0 uur en het "
                            f"'nee' van een ja/nee-indeling zijn geen keuze en tellen niet "
                            f"mee.",
               "says": "Zet in op die groep.",
               "strength": f"sterk: k ≥ {sk}, een BI van hooguit {n(sw)} breed en ten minste "
                           f"de helft van de initiatieven met goede of sterke aanwijzingen; "
                           f"matig: k ≥ {mk}, hooguit {n(mw)} breed en, waar bewijsniveaus "
                           f"bekend zijn, ten minste de helft met eerste aanwijzingen of "
                           f"beter; anders voorlopig."},
        "R2": {"title": "Waar groepen verschillen (R2)",
               "condition": f"Een indeling waarvan de toets op verschil tussen de groepen "
                            f"p < {n(MAX_P)} geeft, als haar hoogste en laagste groep "
                            f"beide k ≥ {R1_MIN_K} hebben en geen van beide 'onbekend' is.",
               "says": "De groep met het hoogste effect werkt beter dan die met het laagste.",
               "strength": f"sterk: p < {n(tp, 3)} en beide groepen k ≥ {tk}; matig: "
                           f"p < {n(up, 3)} en k ≥ {uk}; anders voorlopig."},
        "R3": {"title": "Wat blijft (R3)",
               "condition": f"Duurzaamheid per ondersteuningsstijl met een log-ranktoets "
                            f"p < {n(MAX_P)}, tenzij de beste geen ondersteuning of "
                            f"onbekend is.",
               "says": "Kies de stijl met het grootste deel dat 12 maanden na de "
                       "ondersteuning nog loopt (S(12)).",
               "strength": f"sterk: p < {n(tp, 3)} en elke stijl n ≥ {tk}; matig: "
                           f"p < {n(up, 3)} en n ≥ {uk}; anders voorlopig."},
        "R4": {"title": "Wat samen werkt (R4)",
               "condition": f"Een pad uit Succesfactoren met consistentie ≥ "
                            f"{n(R4_MIN_CONSISTENCY)}, dekking ≥ {n(R4_MIN_COVERAGE)} en ten "
                            f"minste {R4_MIN_CASES} initiatieven.",
               "says": "Combineer de voorwaarden van dat pad.",
               "strength": f"sterk: ≥ {pc} initiatieven en consistentie ≥ {n(pi)}; matig: "
                           f"≥ {qc} en ≥ {n(qi)}; anders voorlopig."},
    }
