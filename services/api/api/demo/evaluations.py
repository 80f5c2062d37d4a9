"""Demo evaluations and their outcome measures, drawn around each initiative's true effect."""

import random
from datetime import date, timedelta
from typing import Any

from api.demo import statistics, texts
from api.demo.distributions import pick, weighted
from api.demo.effects import TAU, planted_effect
from api.demo.initiatives import DATA_DATE, STARTED, Plan, new_id, stamp
from api.demo.support import Received
from api.demo.world import IndicatorInfo, World
from api.vocabularies.models import EvaluationDesign, EvaluationMethod, ScaleType, Theme

D = EvaluationDesign
M = EvaluationMethod
EVALUATED_SHARE = 0.5
DESIGNS = weighted({D.VOOR_NAMETING: 0.62, D.BESCHRIJVEND: 0.12,
                    D.VOOR_NAMETING_CONTROLEGROEP: 0.19, D.GERANDOMISEERD: 0.07})
MEASURES_PER_EVALUATION = weighted({1: 0.45, 2: 0.35, 3: 0.2})
CONTROLLED = frozenset({D.VOOR_NAMETING_CONTROLEGROEP, D.GERANDOMISEERD})
METHODS: dict[EvaluationDesign, tuple[EvaluationMethod, ...]] = {
    D.BESCHRIJVEND: (M.INTERVIEWS, M.DOCUMENTANALYSE, M.OBSERVATIE, M.FOCUSGROEP),
    D.VOOR_NAMETING: (M.ENQUETE, M.INTERVIEWS, M.REGISTRATIE),
    D.VOOR_NAMETING_CONTROLEGROEP: (M.ENQUETE, M.MONITORDATA, M.INTERVIEWS),
    D.GERANDOMISEERD: (M.ENQUETE, M.REGISTRATIE),
}
DESIGN_TEXT: dict[EvaluationDesign, str] = {
    D.BESCHRIJVEND: "Beschrijvende evaluatie op basis van gesprekken en documenten",
    D.VOOR_NAMETING: "Voor- en nameting bij deelnemers en buurtbewoners",
    D.VOOR_NAMETING_CONTROLEGROEP: "Voor- en nameting met een vergelijkingsbuurt",
    D.GERANDOMISEERD: "Gerandomiseerde vergelijking: loting tussen portieken",
}
NOTES = {"pre-post": "Enquête voor de start en na afloop.",
         "two-group": "Nameting in de interventie- en de vergelijkingsgroep.",
         "counts": "Aantal bewoners met de uitkomst, interventie- en vergelijkingsgroep.",
         "direction": "Oordeel op basis van gesprekken en observatie."}
THEME_INDICATORS: dict[Theme, tuple[str, ...]] = {
    Theme.ONTMOETING: ("vm-sociale-cohesie", "cbs-binding-buurt", "eenzaamheid",
                       "deelname-activiteiten"),
    Theme.OPENBARE_RUIMTE: ("sds-ervaren-verloedering", "lbm-fysieke-omgeving",
                            "wia-rapportcijfer-buurt"),
    Theme.GROEN: ("lbm-fysieke-omgeving", "vm-sociale-cohesie", "wia-rapportcijfer-buurt"),
    Theme.JEUGD: ("deelname-activiteiten", "sds-veilig-avond", "participatieladder"),
    Theme.TAAL_EDUCATIE: ("participatieladder", "zrm-maatschappelijke-participatie",
                          "deelname-activiteiten"),
    Theme.WERK_ECONOMIE: ("participatieladder", "zrm-maatschappelijke-participatie"),
    Theme.GEZONDHEID_SPORT: ("deelname-activiteiten", "eenzaamheid", "zrm-sociaal-netwerk"),
    Theme.CULTUUR: ("deelname-activiteiten", "cbs-binding-buurt", "vm-sociale-cohesie"),
    Theme.DUURZAAMHEID: ("sds-ervaren-verloedering", "lbm-fysieke-omgeving"),
    Theme.BUURTMEDIA: ("sds-betrokkenheid-buurt", "vertrouwen-bestuur"),
    Theme.VEILIGHEID: ("sds-veilig-avond", "lbm-veiligheid", "sds-ervaren-verloedering"),
    Theme.ZORG_BURENHULP: ("eenzaamheid", "zrm-sociaal-netwerk", "cbs-binding-buurt"),
}
GENERAL_INDICATORS = ("sds-betrokkenheid-buurt", "sds-inzet-voor-buurt", "vertrouwen-bestuur",
                      "lbm-totaalscore", "lbm-bewoners", "wia-rapportcijfer-buurt")
REACH_INDICATORS = ("aantal-deelnemers", "aantal-vrijwilligers", "nieuwe-actieve-bewoners")
INDICATOR_CODES = frozenset({code for codes in THEME_INDICATORS.values() for code in codes}
                            | set(GENERAL_INDICATORS) | set(REACH_INDICATORS))


def evaluation_chance(plans: list[Plan]) -> float:
    """Chance per started initiative so that about half of all initiatives are evaluated."""
    started = sum(plan.status in STARTED for plan in plans)
    return min(1.0, EVALUATED_SHARE * len(plans) / max(1, started))


def true_effect(rng: random.Random, plan: Plan, received: Received) -> float:
    """The initiative's true standardised effect: the planted structure plus tau-noise."""
    expected = planted_effect(plan.resident, received.makelaar, received.hours, plan.form)
    return expected + rng.gauss(0.0, TAU)


def _fits(info: IndicatorInfo, design: EvaluationDesign) -> bool:
    if design is D.BESCHRIJVEND:
        return True
    if design in CONTROLLED and info.scale_type is ScaleType.PERCENTAGE:
        return True
    return info.scale_type in statistics.CONTINUOUS


def _indicators(rng: random.Random, plan: Plan, design: EvaluationDesign, world: World
                ) -> list[IndicatorInfo]:
    """1–3 indicators, those of the initiative's themes first."""
    wanted: int = pick(rng, MEASURES_PER_EVALUATION)
    themed = list(dict.fromkeys(code for theme in plan.themes
                                for code in THEME_INDICATORS[theme]))
    extra = GENERAL_INDICATORS + (REACH_INDICATORS if design is D.BESCHRIJVEND else ())
    chosen: list[IndicatorInfo] = []
    for pool in (themed, [code for code in extra if code not in themed]):
        fitting = [world.indicators[code] for code in pool
                   if _fits(world.indicators[code], design)]
        chosen += rng.sample(fitting, min(wanted - len(chosen), len(fitting)))
    return chosen


def _statistics(rng: random.Random, info: IndicatorInfo, design: EvaluationDesign,
                effect: float) -> dict[str, Any]:
    if design is D.BESCHRIJVEND:
        return statistics.direction(rng, effect)
    if info.scale_type is ScaleType.PERCENTAGE:
        return statistics.counts(rng, info, effect)
    if design in CONTROLLED and rng.random() < 0.75:
        return statistics.two_group(rng, info, effect)
    return statistics.pre_post(rng, info, effect)


def _evaluated_on(rng: random.Random, plan: Plan) -> date:
    started: date = plan.row["start_date"]
    ended: date | None = plan.row["end_date"]
    if ended is not None:
        return min(DATA_DATE, ended + timedelta(days=rng.randint(30, 240)))
    return min(DATA_DATE, started + timedelta(days=rng.randint(180, 720)))


def evaluate(rng: random.Random, plan: Plan, effect: float, world: World, number: int
             ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One evaluation of a started initiative and its outcome measures."""
    design: EvaluationDesign = pick(rng, DESIGNS)
    evaluator = rng.choice(texts.EVALUATORS)
    evaluated_on = _evaluated_on(rng, plan)
    methods = sorted(method.value for method in
                     rng.sample(METHODS[design], rng.randint(1, len(METHODS[design]))))
    created = stamp(rng, evaluated_on)
    row = {
        "id": new_id(rng), "initiative_id": plan.row["id"], "evaluated_on": evaluated_on,
        "evaluator": evaluator, "methods": methods, "design": design.value,
        "theory_of_change": rng.random() < (0.6 if design in CONTROLLED else 0.35),
        "period_start": plan.row["start_date"], "period_end": plan.row["end_date"] or evaluated_on,
        "summary": f"{DESIGN_TEXT[design]}, uitgevoerd door {evaluator} "
                   f"({evaluated_on.year}), van '{plan.row['title']}'.",
        "external_ref": f"DEMO-EV-{number:06d}", "version": 1,
        "created_at": created, "updated_at": created,
    }
    measures = []
    for info in _indicators(rng, plan, design, world):
        values = _statistics(rng, info, design, effect)
        measures.append({**values, "id": new_id(rng), "evaluation_id": row["id"],
                         "indicator_id": info.id, "note": NOTES[values["kind"]], "version": 1,
                         "created_at": created, "updated_at": created})
    return row, measures
