"""The success-factor page's form: its choices read from the address, and checked for what
only the page asks (3 to 8 conditions, thresholds that are numbers). Everything else the
API judges, and its messages are put at their fields."""

from dataclasses import dataclass

from starlette.datastructures import QueryParams

from web.api_client import InvalidInput, in_language
from web.api_client.codes import Code
from web.api_client.success_factors import (
    DEFAULT_CONDITIONS,
    DEFAULT_THRESHOLDS,
    EFFECT_THRESHOLDS,
    NUMBER_ATTRIBUTES,
    YES_NO_ATTRIBUTES,
    SuccessFactorQuery,
    Thresholds,
    plain,
    threshold_field,
)
from web.code_conditions import code_group
from web.effect_labels import Labels
from web.i18n import N_, gettext_in
from web.qca_sentences import condition_label

MIN_CONDITIONS, MAX_CONDITIONS = 3, 8
MAX_TEXT = 100
MAX_EXPECTATIONS = 500  # eight long condition names with a ~ and a comma each
# A handful of codes worth asking about: the forms, styles and roles the research is about.
CATEGORY_CONDITIONS = (
    "organisationForm=zelfbeheer", "organisationForm=bewonersinitiatief",
    "organisationForm=professioneel-geinitieerd", "supportStyle=overnemend",
    "supportStyle=faciliterend", "supportStyle=stimulerend",
    "professionalRole=participatiemakelaar", "professionalRole=opbouwwerker",
    "participationLevel=meebeslissen", "supportKind=procesbegeleiding",
)
TOO_FEW = N_("Kies ten minste %(min)s voorwaarden; nu zijn het er %(count)s.")
TOO_MANY = N_("Kies hoogstens %(max)s voorwaarden; nu zijn het er %(count)s.")
NOT_A_NUMBER = N_("Vul een getal in, bijvoorbeeld 40 of 2,5.")
NOT_A_WHOLE_NUMBER = N_("Vul een heel getal in, bijvoorbeeld 2.")
# The API's JSON pointers (their first two steps) that name a field by another name.
FIELD_OF_POINTER = {"outcome/kind": "outcome", "outcome/indicator": "indicator",
                    "outcome/calibration": "effectC", "filters/area": "area"}


@dataclass(frozen=True)
class FormState:
    """The choices as a query, the texts the fields show, and what is wrong with them."""

    query: SuccessFactorQuery
    texts: dict[str, str]
    errors: dict[str, str]


def decimal(text: str) -> float | None:
    """A number as people type it: 2,5 or 2.5; 10.000,5 the Dutch way."""
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


class _Reader:
    """Reads one field after the other, noting each text and each problem."""

    def __init__(self, params: QueryParams, lang: str) -> None:
        self.params, self.lang = params, lang
        self.texts: dict[str, str] = {}
        self.errors: dict[str, str] = {}

    def text(self, key: str, default: str = "", limit: int = MAX_TEXT) -> str:
        found = self.params.get(key, "").strip()[:limit] or default
        self.texts[key] = found
        return found

    def number(self, key: str, default: float) -> float:
        found = self.text(key, plain(default))
        value = decimal(found)
        if value is None:
            self.errors[key] = gettext_in(self.lang, NOT_A_NUMBER)
            return default
        return value

    def whole(self, key: str, default: int) -> int:
        found = self.text(key, str(default))
        value = decimal(found)
        if value is None or not value.is_integer():
            self.errors[key] = gettext_in(self.lang, NOT_A_WHOLE_NUMBER)
            return default
        return int(value)

    def thresholds(self, name: str, default: Thresholds) -> Thresholds:
        return Thresholds(*(self.number(threshold_field(name, letter), value)
                            for letter, value in zip("eci", default, strict=True)))

    def conditions(self, submitted: bool) -> tuple[str, ...]:
        if not submitted:
            return DEFAULT_CONDITIONS
        chosen = tuple(dict.fromkeys(value.strip()[:MAX_TEXT]
                                     for value in self.params.getlist("conditions")
                                     if value.strip()))
        count = len(chosen)
        if not MIN_CONDITIONS <= count <= MAX_CONDITIONS:
            message = TOO_FEW if count < MIN_CONDITIONS else TOO_MANY
            self.errors["conditions"] = gettext_in(self.lang, message) % {
                "min": MIN_CONDITIONS, "max": MAX_CONDITIONS, "count": count}
        return chosen


def expectations(text: str) -> tuple[str, ...]:
    """Directional expectations as typed: "resident_initiated, ~HOURS" → the API's list."""
    return tuple(part.strip().upper() for part in text.replace(";", ",").split(",")
                 if part.strip())


def read_form(params: QueryParams, lang: str) -> FormState:
    """The page's choices; a first visit (no outcome in the address) gets the defaults."""
    reader = _Reader(params, lang)
    submitted = "outcome" in params
    query = SuccessFactorQuery(
        outcome=reader.text("outcome", "effect"), indicator=reader.text("indicator"),
        conditions=reader.conditions(submitted),
        thresholds={name: reader.thresholds(name, DEFAULT_THRESHOLDS[name])
                    for name in NUMBER_ATTRIBUTES},
        effect_thresholds=reader.thresholds("effect", EFFECT_THRESHOLDS),
        solution=reader.text("solution", "parsimonious"),
        dir_exp=expectations(reader.text("dirExp", limit=MAX_EXPECTATIONS)),
        incl_cut=reader.number("inclCut", 0.8), n_cut=reader.whole("nCut", 2),
        area=reader.text("area"))
    return FormState(query, reader.texts, reader.errors)


def api_errors(error: InvalidInput, lang: str) -> dict[str, str]:
    """The API's refusal at the form's fields: /conditions/2/attribute → conditions,
    /nCut → nCut, /outcome/kind → outcome; without a field, a message for the whole form."""
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        steps = pointer.strip("/").split("/")
        field = FIELD_OF_POINTER.get("/".join(steps[:2]), steps[0])
        found.setdefault(field, in_language(message, lang))
    return found or {"": in_language(error.detail, lang)}


def condition_groups(labels: Labels, chosen: tuple[str, ...], codes: tuple[Code, ...] = ()
                     ) -> list[tuple[str, list[tuple[str, str]]]]:
    """The conditions offered, in groups: (legend, [(attribute, label)]). A condition in
    the address that the form does not offer (a link from elsewhere) is offered too. Codes
    (for those who may read records) get a group of their own."""
    coded = code_group(codes)
    offered = {*YES_NO_ATTRIBUTES, *NUMBER_ATTRIBUTES, *CATEGORY_CONDITIONS,
               *(name for _, names in coded for name in names)}
    others = tuple(name for name in chosen if name not in offered)
    groups = [(N_("Ja of nee"), YES_NO_ATTRIBUTES),
              (N_("Kenmerken van vorm, stijl en rol"), (*CATEGORY_CONDITIONS, *others)),
              *coded]
    return [(labels.text(legend), [(name, condition_label(name, labels)) for name in names])
            for legend, names in groups]


def number_conditions(labels: Labels) -> list[tuple[str, str]]:
    return [(name, condition_label(name, labels)) for name in NUMBER_ATTRIBUTES]

