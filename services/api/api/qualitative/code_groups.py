"""Codes per group of initiatives: per code, how many initiatives of each stadsdeel (form,
support style) carry it. What an initiative carries (a segment of the code or of a subcode on
a record about it) is carried_codes' to say, as for codes meet outcomes."""

import uuid
from datetime import date

from sqlalchemy import Select, select
from sqlmodel import Session

from api.analyses.durability.service import MANY_IDS
from api.analyses.effects.grouping import GROUPINGS, in_order
from api.analyses.effects.inputs import facts_of
from api.qualitative.agreement_models import CodeGroupBy, CodeInGroups, CodesByGroup, GroupOut
from api.qualitative.carried_codes import LINKS, CarriedCodes, carried_codes
from api.qualitative.codebook import all_codes, in_tree_order
from api.qualitative.models import SEGMENTS, Code


def _label_per_initiative(session: Session, initiatives: set[uuid.UUID], group_by: str
                          ) -> dict[uuid.UUID, str]:
    """Each initiative's one label: these groupings give exactly one. Past MANY_IDS the
    initiatives are read as a query (PostgreSQL takes at most 65,535 parameters): those
    linked to a coded record, which is what carries a code."""
    chosen: set[uuid.UUID] | Select[tuple[uuid.UUID]] = initiatives
    if len(initiatives) > MANY_IDS:
        chosen = select(LINKS.c.initiative_id).where(
            LINKS.c.record_id.in_(select(SEGMENTS.c.record_id))).distinct()
    facts = facts_of(session, chosen, date.today(), competence=False)
    return {initiative: GROUPINGS[group_by](found)[0]
            for initiative, found in facts.items()}


def codes_by_group(session: Session, group_by: CodeGroupBy) -> CodesByGroup:
    """Every code some initiative carries, in codebook order, with the groups' counts."""
    carried = carried_codes(session)
    labels = _label_per_initiative(session, set(carried.by_initiative), group_by)
    order = in_order(group_by, sorted(set(labels.values())))
    groups = [GroupOut(label=label, initiatives=sum(own == label for own in labels.values()))
              for label in order]
    rows = [_code_row(code, path, carried, labels, order)
            for code, path in in_tree_order(all_codes(session))]
    return CodesByGroup(group_by=group_by, groups=groups,
                        codes=[row for row in rows if row.initiatives > 0])


def _code_row(code: Code, path: list[str], carried: CarriedCodes,
              labels: dict[uuid.UUID, str], order: list[str]) -> CodeInGroups:
    initiatives = carried.initiatives_of(code.id)
    counts = dict.fromkeys(order, 0)
    for initiative in initiatives:
        if initiative in labels:  # else linked after the labels were read
            counts[labels[initiative]] += 1
    return CodeInGroups(code_id=code.id, name=code.name, path=" / ".join(path),
                        depth=len(path) - 1, initiatives=len(initiatives),
                        records=len(carried.records.get(code.id, ())), counts=counts)
