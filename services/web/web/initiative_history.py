"""An initiative's history: who changed what and when, from the API's audit trail, for those
who may read it (not viewers: it names who made each change)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import ApiClient, NotFound
from web.api_client import history as history_api
from web.api_client import initiative_pages as pages
from web.api_client.history import AuditEvent, AuditPage
from web.form_values import page_number
from web.history_values import ORDER, UNSHOWN, Names, label_of, shown
from web.htmx import render
from web.i18n import N_, language_of
from web.initiative_detail import VOCABULARIES
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import BABEL_LOCALES, api_of

router = APIRouter()
WHAT = {"initiative": N_("Initiatief"), "support-episode": N_("Ondersteuning"),
        "evaluation": N_("Evaluatie"), "outcome-measure": N_("Uitkomstmaat"),
        "follow-up": N_("Vervolgmeting")}
DONE = {history_api.CREATE: N_("aangemaakt"), history_api.UPDATE: N_("gewijzigd"),
        history_api.DELETE: N_("verwijderd")}


def _amsterdam() -> tzinfo:
    """Times as people in Amsterdam read them; UTC (and said so) on a system without the
    time zone database."""
    try:
        return ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:  # pragma: no cover (every supported image has tzdata)
        return UTC


LOCAL_TIME = _amsterdam()


@dataclass(frozen=True)
class ChangedField:
    label: str
    before: str | None  # None: the resource was new
    after: str


@dataclass(frozen=True)
class HistoryRow:
    occurred_at: datetime
    when: str
    who: str
    what: str
    changes: tuple[ChangedField, ...]


def _who(event: AuditEvent, names: Names) -> str:
    if event.actor_kind == "system":
        return names.text(N_("Het systeem"))
    if event.actor_name:
        return f"{event.actor_name} ({event.actor_label})"
    return event.actor_label


def _changes(event: AuditEvent, names: Names) -> tuple[ChangedField, ...]:
    """Every field that changed, in the form's order; a new resource's filled-in fields;
    nothing of a deleted one (it is gone, which the row says)."""
    if event.action == history_api.DELETE:
        return ()
    fields = sorted((field for field in event.changes if field not in UNSHOWN),
                    key=lambda field: (ORDER.get(field, len(ORDER)), field))
    created = event.action == history_api.CREATE
    found = []
    for field in fields:
        change = event.changes[field]
        if created and change.after in (None, "", []):
            continue
        before = None if created else shown(field, change.before, names)
        found.append(ChangedField(label_of(field, names), before,
                                  shown(field, change.after, names)))
    return tuple(found)


def history_row(event: AuditEvent, names: Names) -> HistoryRow:
    occurred_at = event.occurred_at.replace(tzinfo=event.occurred_at.tzinfo or UTC)
    kind = names.text(WHAT.get(event.resource_type, event.resource_type))
    what = f"{kind} {names.text(DONE.get(event.action, event.action))}"
    return HistoryRow(
        occurred_at=occurred_at,
        when=format_datetime(occurred_at, "d MMM y HH:mm", tzinfo=LOCAL_TIME,
                             locale=BABEL_LOCALES[names.lang]),
        who=_who(event, names), what=what, changes=_changes(event, names),
    )


def _named_in(history: AuditPage, field: str) -> set[str]:
    """The ids a page of history holds in one field, before or after."""
    return {str(value) for event in history.items if field in event.changes
            for value in (event.changes[field].before, event.changes[field].after)
            if isinstance(value, str)}


async def _names(api: ApiClient, history: AuditPage, lang: str) -> Names:
    """Only what this page of history needs: most pages name no buurt, person or indicator."""
    professionals: dict[str, str | None] = {}
    for professional_id in sorted(_named_in(history, "professionalId")):
        try:
            professionals[professional_id] = (await pages.professional(api, professional_id)).name
        except NotFound:  # a professional since deleted
            continue
    indicators = ({indicator.id: indicator.name for indicator in await pages.indicators(api)}
                  if _named_in(history, "indicatorId") else {})
    buurten = await api.buurt_names() if _named_in(history, "buurtId") else {}
    return Names(lang, await api.vocabularies(*VOCABULARIES), buurten, professionals,
                 indicators)


def _page_number(request: Request) -> int:
    return page_number(request.query_params.get("page", "1"))


@router.get("/initiatives/{initiative_id:uuid}/history", response_class=HTMLResponse)
async def show_history(request: Request, initiative_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    api, lang = api_of(request), language_of(request)
    initiative = await api.get_initiative(str(initiative_id))
    insist(me.may_read_history)
    number = _page_number(request)
    history = await history_api.initiative_history(api, initiative.id, number)
    names = await _names(api, history, lang)
    context = {"initiative": initiative, "history": history, "number": number,
               "rows": [history_row(event, names) for event in history.items]}
    return await render(request, "initiatives/history.html", context, block="history")
