"""QCA solutions in words: every condition a phrase for its presence and its absence (~),
the phrases of a path joined into a sentence, the paths of a model as alternative ways.

"RESIDENT_INITIATED*MAKELAAR_INVOLVED" → "Initiatieven van bewoners zelf, met ondersteuning
van een participatiemakelaar, zijn effectief (consistentie 0,91; dekking 0,48)."
"""

from collections.abc import Mapping
from dataclasses import dataclass

from web.api_client.success_factors import Solution
from web.effect_labels import Labels
from web.effect_numbers import Numbers
from web.i18n import N_

NOT = "~"
AND = "*"
OR = "+"
# Yes/no facts and numbers (set "much of"): (present, absent), each following "Initiatieven".
PHRASES = {
    "residentInitiated": (N_("van bewoners zelf"), N_("zonder bewoners als initiatiefnemer")),
    "makelaarInvolved": (N_("met ondersteuning van een participatiemakelaar"),
                         N_("zonder participatiemakelaar")),
    "residentInitiatedWithMakelaar": (
        N_("van bewoners zelf met een participatiemakelaar"),
        N_("zonder de combinatie van bewoners als initiatiefnemer en een participatiemakelaar")),
    "hours": (N_("met veel uren ondersteuning"), N_("zonder veel uren ondersteuning")),
    "amountGranted": (N_("met een groot toegekend bedrag"), N_("zonder groot toegekend bedrag")),
    "durationMonths": (N_("met een lange looptijd"), N_("zonder lange looptijd")),
}
# A category's code: the term's label in place of %(term)s.
CATEGORY_PHRASES = {
    "organisationForm": (N_("in de organisatievorm „%(term)s”"),
                         N_("niet in de organisatievorm „%(term)s”")),
    "supportStyle": (N_("met de ondersteuningsstijl „%(term)s”"),
                     N_("zonder de ondersteuningsstijl „%(term)s”")),
    "professionalRole": (N_("met als belangrijkste ondersteuner „%(term)s”"),
                         N_("zonder „%(term)s” als belangrijkste ondersteuner")),
    "theme": (N_("met het thema „%(term)s”"), N_("zonder het thema „%(term)s”")),
    "supportKind": (N_("met de ondersteuning „%(term)s”"),
                    N_("zonder de ondersteuning „%(term)s”")),
    "stadsdeel": (N_("in stadsdeel %(term)s"), N_("buiten stadsdeel %(term)s")),
    "participationLevel": (N_("op het participatieniveau „%(term)s”"),
                           N_("niet op het participatieniveau „%(term)s”")),
    "initiatorType": (N_("met als initiatiefnemer „%(term)s”"),
                      N_("zonder „%(term)s” als initiatiefnemer")),
}
OTHER_PHRASES = (N_("met „%(term)s”"), N_("zonder „%(term)s”"))
# The outcome sets of docs/success-factors.md: a path's sentence and the ways' heading.
OUTCOME_SENTENCES = {
    "EFFECTIEF": (N_("Initiatieven %(conditions)s zijn effectief"),
                  N_("Er zijn %(count)s wegen naar een effectief initiatief:")),
    "DUURZAAM": (N_("Initiatieven %(conditions)s zijn duurzaam"),
                 N_("Er zijn %(count)s wegen naar een duurzaam initiatief:")),
}
OTHER_OUTCOME = (N_("Initiatieven %(conditions)s horen bij „%(outcome)s”"),
                 N_("Er zijn %(count)s wegen naar „%(outcome)s”:"))
FIT = N_("(consistentie %(incl)s; dekking %(cov)s)")
TOGETHER = N_("Alle wegen samen: consistentie %(incl)s; dekking %(cov)s.")
ALL_CASES = N_("alle initiatieven")  # the term "1": nothing needs to hold
LAST_JOIN = N_("%(first)s en %(last)s")
NUMBER_WORDS = {2: N_("twee"), 3: N_("drie"), 4: N_("vier"), 5: N_("vijf"), 6: N_("zes"),
                7: N_("zeven"), 8: N_("acht"), 9: N_("negen"), 10: N_("tien")}


def terms_of(expression: str) -> list[str]:
    """The paths (products) of a sum of products: "A*~B + C" → ["A*~B", "C"]."""
    return [term.strip() for term in expression.split(OR) if term.strip()]


def literals(term: str) -> list[tuple[str, bool]]:
    """(condition, present) for each literal of a product: "A*~B" → [(A, True), (B, False)].
    The constant "1" has none."""
    found = [part.strip() for part in term.split(AND) if part.strip() and part.strip() != "1"]
    return [(part.lstrip(NOT), not part.startswith(NOT)) for part in found]


def condition_label(attribute: str, labels: Labels) -> str:
    """A condition's short name: "Uren ondersteuning", "Organisatievorm: Zelfbeheer"."""
    category, _, code = attribute.partition("=")
    if code:
        return f"{labels.grouping(category)}: {labels.group(category, code)}"
    return labels.moderator(attribute)


@dataclass(frozen=True)
class Paths:
    """A model in words: one sentence, or an introduction, a sentence per path and the fit
    of all of them together."""

    introduction: str | None
    sentences: tuple[str, ...]
    together: str | None


@dataclass(frozen=True)
class Sentences:
    labels: Labels
    numbers: Numbers
    conditions: Mapping[str, str]  # condition name → attribute
    outcome: str

    def text(self, message: str) -> str:
        return self.labels.text(message)

    def phrase(self, name: str, present: bool) -> str:
        """What a literal says about an initiative: "van bewoners zelf", "zonder …"."""
        attribute = self.conditions.get(name, name)
        if attribute in PHRASES:
            return self.text(PHRASES[attribute][not present])
        category, _, code = attribute.partition("=")
        pair = CATEGORY_PHRASES.get(category, OTHER_PHRASES) if code else OTHER_PHRASES
        term = self.labels.group(category, code) if code else attribute
        return self.text(pair[not present]) % {"term": term}

    def conditions_phrase(self, term: str) -> str:
        """The literals of a path together: "A", "A, B," or "A, B en C,": the commas set
        the later phrases apart, so that each reads as one more thing the path needs."""
        phrases = [self.phrase(name, present) for name, present in literals(term)]
        if not phrases:
            return self.text(ALL_CASES)
        first, rest = phrases[0], phrases[1:]
        if not rest:
            return first
        joined = rest[0] if len(rest) == 1 else self.text(LAST_JOIN) % {
            "first": ", ".join(rest[:-1]), "last": rest[-1]}
        return f"{first}, {joined},"

    def fit(self, incl: float | None, cov: float | None) -> str:
        return self.text(FIT) % {"incl": self.numbers.fixed(incl), "cov": self.numbers.fixed(cov)}

    def sentence(self, term: str, incl: float | None, cov: float | None) -> str:
        """One path as a sentence, with its consistency and (raw) coverage."""
        pattern = OUTCOME_SENTENCES.get(self.outcome, OTHER_OUTCOME)[0]
        said = self.text(pattern) % {"conditions": self.conditions_phrase(term),
                                     "outcome": self.outcome}
        return f"{said} {self.fit(incl, cov)}."

    def count(self, number: int) -> str:
        word = NUMBER_WORDS.get(number)
        return self.text(word) if word else self.numbers.count(number)

    def paths(self, solution: Solution) -> Paths:
        """A model of one path is one sentence with the model's fit; a model of several is
        "Er zijn twee wegen …:" with a sentence per path and the fit of all of them."""
        terms = solution.terms
        if not terms:
            return Paths(None, (), None)
        if len(terms) == 1:
            return Paths(None, (self.sentence(terms[0].term, solution.incl_s, solution.cov_s),),
                         None)
        pattern = OUTCOME_SENTENCES.get(self.outcome, OTHER_OUTCOME)[1]
        introduction = self.text(pattern) % {"count": self.count(len(terms)),
                                             "outcome": self.outcome}
        together = self.text(TOGETHER) % {"incl": self.numbers.fixed(solution.incl_s),
                                          "cov": self.numbers.fixed(solution.cov_s)}
        return Paths(introduction, tuple(self.sentence(term.term, term.incl_s, term.cov_s)
                                         for term in terms), together)
