"""How often each code occurs in the demo data: weighted choices per organisation form or theme."""

import bisect
import itertools
import random
from typing import TypeVar

from api.vocabularies.models import (
    ActivityType,
    FundingScheme,
    InitiativeStatus,
    InitiatorType,
    OrganisationForm,
    ParticipationLevel,
    TargetGroup,
    Theme,
)

T = TypeVar("T")
Weighted = tuple[tuple[T, ...], tuple[float, ...]]  # values and their cumulative weights


def weighted(weights: dict[T, float]) -> Weighted[T]:
    return tuple(weights), tuple(itertools.accumulate(weights.values()))


def pick(rng: random.Random, options: Weighted[T]) -> T:
    """One value, chosen with probability proportional to its weight."""
    values, cumulative = options
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


F = OrganisationForm
IT = InitiatorType
P = ParticipationLevel
S = FundingScheme
A = ActivityType
ST = InitiativeStatus

FORMS = weighted({
    F.BEWONERSINITIATIEF: 0.30, F.MAATSCHAPPELIJK_INITIATIEF: 0.08, F.BUURTBUDGET: 0.08,
    F.AGENDA_VAN_DE_BUURT: 0.05, F.BEWONERSVERENIGING: 0.07, F.BEWONERSCOMMISSIE: 0.08,
    F.BUURTBEHEER: 0.06, F.ZELFBEHEER: 0.06, F.WIJKPANEL: 0.04, F.COOPERATIE: 0.03,
    F.RIGHT_TO_CHALLENGE: 0.02, F.PROFESSIONEEL_GEINITIEERD: 0.13,
})
RESIDENT_MIX = weighted({IT.BEWONER: 0.35, IT.BEWONERSGROEP: 0.5, IT.BEWONERSORGANISATIE: 0.1,
                         IT.ONDERNEMER: 0.05})
INITIATORS: dict[OrganisationForm, Weighted[InitiatorType]] = {
    F.PROFESSIONEEL_GEINITIEERD: weighted({IT.WELZIJNSORGANISATIE: 0.45,
                                           IT.WONINGCORPORATIE: 0.25, IT.STADSDEEL: 0.30}),
    F.BEWONERSCOMMISSIE: weighted({IT.BEWONERSORGANISATIE: 0.7, IT.BEWONERSGROEP: 0.3}),
    F.BEWONERSVERENIGING: weighted({IT.BEWONERSORGANISATIE: 0.8, IT.BEWONERSGROEP: 0.2}),
    F.COOPERATIE: weighted({IT.BEWONERSGROEP: 0.5, IT.ONDERNEMER: 0.3,
                            IT.BEWONERSORGANISATIE: 0.2}),
    F.MAATSCHAPPELIJK_INITIATIEF: weighted({IT.BEWONERSGROEP: 0.4, IT.ONDERNEMER: 0.2,
                                            IT.WELZIJNSORGANISATIE: 0.2,
                                            IT.BEWONERSORGANISATIE: 0.2}),
    F.AGENDA_VAN_DE_BUURT: weighted({IT.STADSDEEL: 0.4, IT.BEWONERSGROEP: 0.4,
                                     IT.WELZIJNSORGANISATIE: 0.2}),
    F.WIJKPANEL: weighted({IT.STADSDEEL: 0.5, IT.BEWONERSGROEP: 0.5}),
    F.BUURTBEHEER: weighted({IT.BEWONERSGROEP: 0.5, IT.WONINGCORPORATIE: 0.3,
                             IT.BEWONERSORGANISATIE: 0.2}),
}
LEVELS: dict[OrganisationForm, Weighted[ParticipationLevel]] = {
    F.PROFESSIONEEL_GEINITIEERD: weighted({P.INFORMEREN: 0.25, P.RAADPLEGEN: 0.3,
                                           P.ADVISEREN: 0.3, P.COPRODUCEREN: 0.15}),
    F.WIJKPANEL: weighted({P.RAADPLEGEN: 0.4, P.ADVISEREN: 0.6}),
    F.AGENDA_VAN_DE_BUURT: weighted({P.ADVISEREN: 0.4, P.COPRODUCEREN: 0.4,
                                     P.MEEBESLISSEN: 0.2}),
    F.BUURTBUDGET: weighted({P.COPRODUCEREN: 0.3, P.MEEBESLISSEN: 0.7}),
    F.ZELFBEHEER: weighted({P.MEEBESLISSEN: 0.2, P.ZELFBEHEER: 0.8}),
    F.COOPERATIE: weighted({P.MEEBESLISSEN: 0.3, P.ZELFBEHEER: 0.7}),
    F.RIGHT_TO_CHALLENGE: weighted({P.MEEBESLISSEN: 0.3, P.ZELFBEHEER: 0.7}),
}
DEFAULT_LEVELS = weighted({P.COPRODUCEREN: 0.5, P.MEEBESLISSEN: 0.3, P.ZELFBEHEER: 0.2})
SCHEMES: dict[OrganisationForm, Weighted[FundingScheme]] = {
    F.BEWONERSINITIATIEF: weighted({S.BEWONERSINITIATIEF_KLEIN: 0.55,
                                    S.BEWONERSINITIATIEF: 0.45}),
    F.BUURTBUDGET: weighted({S.BUURTBUDGET: 1.0}),
    F.MAATSCHAPPELIJK_INITIATIEF: weighted({S.MAATSCHAPPELIJK_INITIATIEF: 0.8, S.FONDS: 0.2}),
    F.PROFESSIONEEL_GEINITIEERD: weighted({S.GEEN: 0.5, S.MAATSCHAPPELIJK_INITIATIEF: 0.2,
                                           S.CORPORATIE_LEEFBAARHEID: 0.3}),
    F.BEWONERSCOMMISSIE: weighted({S.CORPORATIE_LEEFBAARHEID: 0.6, S.BEWONERSINITIATIEF: 0.4}),
    F.BUURTBEHEER: weighted({S.CORPORATIE_LEEFBAARHEID: 0.6, S.BEWONERSINITIATIEF: 0.4}),
    F.COOPERATIE: weighted({S.FONDS: 0.4, S.MAATSCHAPPELIJK_INITIATIEF: 0.6}),
    F.RIGHT_TO_CHALLENGE: weighted({S.FONDS: 0.4, S.MAATSCHAPPELIJK_INITIATIEF: 0.6}),
    F.WIJKPANEL: weighted({S.GEEN: 0.7, S.BEWONERSINITIATIEF_KLEIN: 0.3}),
    F.AGENDA_VAN_DE_BUURT: weighted({S.GEEN: 0.7, S.BEWONERSINITIATIEF_KLEIN: 0.3}),
}
DEFAULT_SCHEMES = weighted({S.BEWONERSINITIATIEF: 0.5, S.CORPORATIE_LEEFBAARHEID: 0.3,
                            S.BEWONERSINITIATIEF_KLEIN: 0.2})
# Requested amount in euros: (lowest, highest, rounded to); granted is at most requested.
AMOUNTS: dict[FundingScheme, tuple[int, int, int]] = {
    S.BEWONERSINITIATIEF_KLEIN: (100, 500, 10), S.BEWONERSINITIATIEF: (500, 5000, 50),
    S.BUURTBUDGET: (1000, 15000, 50), S.MAATSCHAPPELIJK_INITIATIEF: (5000, 50000, 100),
    S.CORPORATIE_LEEFBAARHEID: (250, 10000, 50), S.FONDS: (1000, 25000, 100),
}
ACTIVITIES: dict[Theme, Weighted[ActivityType]] = {
    Theme.GROEN: weighted({A.FYSIEKE_INGREEP: 0.5, A.BEHEER: 0.5}),
    Theme.OPENBARE_RUIMTE: weighted({A.FYSIEKE_INGREEP: 0.5, A.BEHEER: 0.3,
                                     A.EENMALIG_EVENEMENT: 0.2}),
    Theme.ONTMOETING: weighted({A.TERUGKERENDE_ACTIVITEIT: 0.6, A.EENMALIG_EVENEMENT: 0.4}),
    Theme.CULTUUR: weighted({A.EENMALIG_EVENEMENT: 0.5, A.TERUGKERENDE_ACTIVITEIT: 0.5}),
    Theme.VEILIGHEID: weighted({A.TERUGKERENDE_ACTIVITEIT: 0.7, A.BELANGENBEHARTIGING: 0.3}),
}
RECURRING = weighted({A.TERUGKERENDE_ACTIVITEIT: 0.75, A.EENMALIG_EVENEMENT: 0.15,
                      A.BEHEER: 0.1})
ADVOCACY_FORMS = frozenset({F.WIJKPANEL, F.AGENDA_VAN_DE_BUURT, F.BEWONERSCOMMISSIE})
# Days from start to end per activity type; others run 180–1500 days.
DAYS_RUNNING: dict[ActivityType, tuple[int, int]] = {
    A.EENMALIG_EVENEMENT: (1, 60), A.FYSIEKE_INGREEP: (60, 365),
}
EXTRA_THEMES = weighted({0: 0.45, 1: 0.4, 2: 0.15})
CO_FUNDER_COUNT = weighted({0: 0.55, 1: 0.3, 2: 0.15})
RELATED_THEMES: dict[Theme, tuple[Theme, ...]] = {
    Theme.GROEN: (Theme.ONTMOETING, Theme.DUURZAAMHEID, Theme.OPENBARE_RUIMTE),
    Theme.JEUGD: (Theme.GEZONDHEID_SPORT, Theme.TAAL_EDUCATIE, Theme.VEILIGHEID),
    Theme.ZORG_BURENHULP: (Theme.ONTMOETING, Theme.GEZONDHEID_SPORT),
}
TARGETS: dict[Theme, tuple[TargetGroup, ...]] = {
    Theme.JEUGD: (TargetGroup.KINDEREN, TargetGroup.JONGEREN),
    Theme.ZORG_BURENHULP: (TargetGroup.OUDEREN,),
    Theme.TAAL_EDUCATIE: (TargetGroup.NIEUWKOMERS, TargetGroup.VROUWEN, TargetGroup.KINDEREN),
    Theme.GEZONDHEID_SPORT: (TargetGroup.VROUWEN, TargetGroup.OUDEREN, TargetGroup.ALLE_BEWONERS),
}
# Applications from March 2016 may still be undecided; older ones have run their course.
RECENT_STATUSES = weighted({ST.IDEE: 0.15, ST.AANGEVRAAGD: 0.2, ST.TOEGEKEND: 0.2,
                            ST.AFGEWEZEN: 0.05, ST.IN_UITVOERING: 0.4})
PAST_STATUSES = weighted({ST.AFGEWEZEN: 0.06, ST.GESTOPT: 0.08, ST.AFGEROND: 0.86})
UNDECIDED = frozenset({ST.IDEE, ST.AANGEVRAAGD})
FINISHED = frozenset({ST.AFGEROND, ST.GESTOPT})
