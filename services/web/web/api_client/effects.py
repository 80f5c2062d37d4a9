"""GET /v1/analysis/effects and /effects/moderators as typed results (docs/effects.md)."""

from dataclasses import dataclass

from web.api_client import ApiClient
from web.api_client.professional_pages import API_PAGE_SIZE, MAX_PAGES, Paged
from web.api_client.results import Wire

GROUPINGS = ("organisationForm", "theme", "supportKind", "professionalRole", "supportStyle",
             "stadsdeel", "participationLevel", "initiatorType", "residentInitiated",
             "makelaarInvolved", "residentInitiatedWithMakelaar")
MODERATORS = ("hours", "hoursSquared", "makelaarInvolved", "residentInitiated",
              "residentInitiatedWithMakelaar", "amountGranted", "durationMonths",
              "organisationForm", "professionalRole", "supportStyle", "stadsdeel",
              "participationLevel", "initiatorType")
METHODS = ("REML", "ML", "DL", "PM", "HE", "SJ", "EE")
TESTS = ("z", "knha")
DEFAULT_METHOD, DEFAULT_TEST = "REML", "z"


class Coefficient(Wire):
    name: str
    estimate: float | None
    se: float | None
    zval: float | None
    pval: float | None
    ci_lb: float | None
    ci_ub: float | None


class MetaModel(Wire):
    """A pooled model or a meta-regression, with what the pages show of it."""

    k: int
    p: int
    method: str
    test: str
    df: int | None = None
    estimate: float | None
    se: float | None
    pval: float | None
    ci_lb: float | None
    ci_ub: float | None
    pi_lb: float | None = None
    pi_ub: float | None = None
    tau2: float | None = None
    i2: float | None = None
    qe: float | None = None
    qe_df: int = 0
    qe_p: float | None = None
    qm: float | None = None
    qm_df: int = 0
    qm_p: float | None = None
    r2: float | None = None
    coefficients: tuple[Coefficient, ...] = ()
    notes: tuple[str, ...] = ()


class InitiativeEffect(Wire):
    id: str
    title: str
    yi: float
    vi: float
    ci_lb: float
    ci_ub: float
    evidence_level: str


class Group(Wire):
    label: str
    k: int
    model: MetaModel | None
    note: str | None = None
    initiatives: tuple[InitiativeEffect, ...] = ()


class Directions(Wire):
    positive: int = 0
    none: int = 0
    negative: int = 0


class NotPooled(Wire):
    directions: Directions
    no_comparison: int = 0
    no_common_scale: int = 0
    undefined: int = 0


class CommonTau2(Wire):
    qm: float | None
    qm_df: int | None
    qm_p: float | None
    tau2: float | None


class SeparateTau2(Wire):
    qb: float | None
    df: int | None
    p: float | None


class FixedEffect(Wire):
    q_between: float | None
    q_between_df: int
    q_between_p: float | None
    q_within: float | None
    q_within_df: int
    q_within_p: float | None


class SubgroupTest(Wire):
    common_tau2: CommonTau2
    separate_tau2: SeparateTau2
    fixed_effect: FixedEffect


class IndicatorRef(Wire):
    id: str
    code: str
    name: str


class EffectsReport(Wire):
    indicator: IndicatorRef | None
    method: str
    test: str
    level: float
    not_pooled: NotPooled
    evidence_levels: dict[str, int]
    group_by: str | None
    overall: Group
    groups: tuple[Group, ...]
    subgroup_test: SubgroupTest | None
    subgroup_note: str | None = None


class ModeratorReport(Wire):
    moderators: tuple[str, ...]
    k: int
    left_out: int
    model: MetaModel


class Indicator(Wire):
    id: str
    code: str
    name: str


@dataclass(frozen=True)
class EffectsQuery:
    """What the page asks, in the API's own parameter names and codes."""

    indicator: str = ""
    group_by: str = ""
    area: str = ""
    theme: str = ""
    method: str = DEFAULT_METHOD
    test: str = DEFAULT_TEST
    moderators: tuple[str, ...] = ()

    def filters(self) -> list[tuple[str, str]]:
        """The parameters both analyses take; empty ones left out."""
        pairs = [("indicator", self.indicator), ("area", self.area), ("theme", self.theme),
                 ("method", self.method), ("test", self.test)]
        return [(key, value) for key, value in pairs if value]

    def params(self) -> list[tuple[str, str]]:
        """This page's address: the filters, the grouping and the chosen moderators."""
        grouping = [("groupBy", self.group_by)] if self.group_by else []
        return [*self.filters(), *grouping, *(("moderators", name) for name in self.moderators)]


async def effects(api: ApiClient, query: EffectsQuery) -> EffectsReport:
    grouping = [("groupBy", query.group_by)] if query.group_by else []
    response = await api._send("GET", "/v1/analysis/effects",
                               params=[*query.filters(), *grouping])
    return EffectsReport.model_validate_json(response.content)


async def moderators(api: ApiClient, query: EffectsQuery) -> ModeratorReport:
    params = [*query.filters(), *(("moderators", name) for name in query.moderators)]
    response = await api._send("GET", "/v1/analysis/effects/moderators", params=params)
    return ModeratorReport.model_validate_json(response.content)


async def indicators(api: ApiClient) -> tuple[Indicator, ...]:
    """The catalogue, by name: seed data that changes seldom, kept like reference data."""
    async def load() -> tuple[Indicator, ...]:
        found: list[Indicator] = []
        for number in range(1, MAX_PAGES + 1):
            params = [("page", str(number)), ("pageSize", str(API_PAGE_SIZE))]
            response = await api._send("GET", "/v1/indicators", params=params)
            page = Paged[Indicator].model_validate_json(response.content)
            found.extend(page.items)
            if number >= page.pages:
                break
        return tuple(sorted(found, key=lambda indicator: indicator.name.casefold()))
    return await api._cached("indicators", load)
