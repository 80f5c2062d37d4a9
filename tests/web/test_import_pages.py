"""Importing in the web against the real API: a file is checked first and imported with one
button; what is wrong stands row by row; who may import what; a file over the limit is
refused at its field with the limit named. (In-process the API runs a job inside the
request, so it is finished when the upload answers; the progress is shown from a job stored
as running.)"""

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from api.imports.models import ImportJob, ImportStatus
from api.initiatives.models import Initiative
from tests.api.import_helpers import INITIATIVE_HEADER, csv_file, initiative_row
from tests.web.conftest import BOOSTED, HTMX, WebFactory
from web.config import get_settings

JOB_PAGE = re.compile(r"^/import/([0-9a-f-]{36})$")
NAV_IMPORT = 'class="ams-link bk-nav__link" href="/import"'


def _send(web: TestClient, content: bytes, *, resource: str = "initiatives",
          name: str = "initiatieven.csv", headers: dict[str, str] | None = None) -> Any:
    return web.post("/import", data={"resource": resource},
                    files={"file": (name, content, "text/csv")}, headers=headers or {},
                    follow_redirects=False)


def _checked(web: TestClient, rows: list[list[str]]) -> tuple[str, str]:
    """The job page of a dry run of these initiative rows: its id and its HTML."""
    sent = _send(web, csv_file(INITIATIVE_HEADER, rows))
    assert sent.status_code == 303, sent.text
    found = JOB_PAGE.match(sent.headers["location"])
    assert found is not None
    page = web.get(sent.headers["location"])
    assert page.status_code == 200
    return found.group(1), page.text


def _initiatives(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Initiative)).one()


def test_a_valid_file_is_checked_and_offers_the_import_button(
    web: TestClient, session: Session,
) -> None:
    job_id, html = _checked(web, [initiative_row("W-1"), initiative_row("W-2")])
    assert "Gecontroleerd: 2 rijen, geen problemen." in html
    assert "Er is nog niets opgeslagen." in html
    assert "Bij importeren: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in html
    assert f'action="/import/{job_id}/commit"' in html
    assert ">Importeren</button>" in html
    assert 'hx-trigger="every 1s"' not in html  # finished: nothing to follow
    assert _initiatives(session) == 0


@pytest.mark.parametrize("headers", [{}, BOOSTED], ids=["plain", "boosted"])
def test_importing_the_checked_file_stores_the_initiatives(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    job_id, _ = _checked(web, [initiative_row("W-1", Titel="Buurtmoestuin Wester"),
                               initiative_row("W-2", Titel="Taalcafé Wester")])
    committed = web.post(f"/import/{job_id}/commit", headers=headers, follow_redirects=False)
    assert committed.status_code == 303
    new_job = committed.headers["location"]
    assert JOB_PAGE.match(new_job) and job_id not in new_job
    html = web.get(new_job).text
    assert "Import van een bestand" in html
    assert "Geïmporteerd: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in html
    assert 'href="/initiatives">Bekijk de initiatieven</a>' in html
    assert _initiatives(session) == 2
    listed = web.get("/initiatives?q=Wester").text
    assert "Buurtmoestuin Wester" in listed and "Taalcafé Wester" in listed


def test_a_wrong_row_stands_in_the_table_and_there_is_no_import_button(
    web: TestClient, session: Session,
) -> None:
    job_id, html = _checked(web, [initiative_row("W-1"),
                                  initiative_row("W-2", Status="afgerondd")])
    assert "Gecontroleerd: 2 rijen, 1 probleem — er is niets opgeslagen." in html
    table = html[html.index('<table'):html.index('</table>')]
    assert "<caption" in table and "Problemen in het bestand" in table
    for header in ("Rij", "Kolom", "Waarde", "Wat is er mis", "Suggestie"):
        assert f'scope="col">{header}</th>' in table
    cells = re.findall(r'<td class="ams-table__cell">([^<]*)</td>', table)
    assert cells[:3] == ["3", "Status", "afgerondd"]
    assert "afgerond" in cells[4], cells  # the closest code
    assert "/commit" not in html and ">Importeren</button>" not in html
    assert 'href="/import?resource=initiatives"' in html
    english = web.get(f"/import/{job_id}?lang=en").text
    assert "Checked: 2 rows, 1 problem — nothing was saved." in english
    assert cells[3] not in english  # the API's English words in place of its Dutch
    assert _initiatives(session) == 0


def test_a_file_that_is_no_spreadsheet_is_refused_as_a_whole(web: TestClient) -> None:
    _, html = _checked_file(web, b"%PDF-1.4 not a spreadsheet", "verslag.pdf")
    assert "Gecontroleerd: 0 rijen, 1 probleem" in html
    assert "hele bestand" in html


def _checked_file(web: TestClient, content: bytes, name: str) -> tuple[str, str]:
    sent = _send(web, content, name=name)
    assert sent.status_code == 303, sent.text
    return sent.headers["location"], web.get(sent.headers["location"]).text


def test_the_form_names_a_missing_table_and_file_at_their_fields(web: TestClient) -> None:
    response = web.post("/import", data={"resource": ""}, files={"file": ("", b"", "")})
    assert response.status_code == 422
    html = response.text
    assert 'href="#f-resource">Tabel: Kies de tabel waarin u wilt importeren.</a>' in html
    assert 'href="#f-file">Bestand: Kies een CSV- of Excel-bestand.</a>' in html
    assert 'id="f-file-error"' in html and 'aria-describedby="f-file-hint f-file-error"' in html


TOO_LARGE = b"Referentie;Titel\n" + b"x" * (21 * 1024 * 1024)


def _refused_as_too_large(response: Any) -> None:
    assert response.status_code == 413
    html = response.text
    assert 'id="f-file-error"' in html and 'aria-invalid="true"' in html
    assert re.search(r'href="#f-file">Bestand: [^<]*te groot: de grens is 20 MB', html)
    assert '<option value="initiatives" selected>' in html  # the choice is kept


def test_a_file_over_the_limit_is_refused_at_its_field_with_the_limit(
    web: TestClient, session: Session,
) -> None:
    _refused_as_too_large(_send(web, TOO_LARGE))
    assert session.exec(select(func.count()).select_from(ImportJob)).one() == 0


@pytest.fixture
def larger_web_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The web passes larger files on: the API's own limit refuses them."""
    monkeypatch.setenv("WEB_IMPORT_MAX_BYTES", str(64 * 1024 * 1024))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("larger_web_limit")
def test_the_apis_refusal_of_a_large_file_stands_at_the_field(web: TestClient) -> None:
    _refused_as_too_large(_send(web, TOO_LARGE))


def test_a_viewer_has_no_import_in_the_menu_and_is_refused(web_as: WebFactory) -> None:
    viewer = web_as("viewer")
    assert NAV_IMPORT not in viewer.get("/initiatives").text
    response = viewer.get("/import")
    assert response.status_code == 403
    assert _send(viewer, b"x").status_code == 403


def test_each_role_chooses_only_the_tables_it_may_import(web_as: WebFactory) -> None:
    def choices(client: TestClient) -> list[str]:
        html = client.get("/import").text
        select_html = html[html.index('id="f-resource"'):html.index("</select>")]
        return re.findall(r'<option value="([a-z-]+)"', select_html)

    editor, researcher = web_as("editor", ("F",)), web_as("researcher")
    assert NAV_IMPORT in editor.get("/").text
    assert choices(editor) == ["initiatives", "support-episodes", "evaluations",
                               "outcome-measures"]
    assert choices(researcher) == ["evaluations", "outcome-measures"]
    refused = _send(researcher, csv_file(INITIATIVE_HEADER, [initiative_row("R-1")]))
    assert refused.status_code == 403
    assert 'href="#f-resource">Tabel: Uw rol (researcher) mag deze tabel niet' in refused.text


def test_the_import_page_lists_templates_and_recent_imports(web: TestClient) -> None:
    _checked(web, [initiative_row("W-1")])
    for headers in ({}, HTMX, BOOSTED):
        response = web.get("/import", headers=headers)
        assert response.status_code == 200
    html = web.get("/import").text
    assert "<h1" in html and "Gegevens importeren" in html
    assert 'enctype="multipart/form-data"' in html and 'accept=".csv,.xlsx' in html
    assert 'href="/import/templates/initiatives" download hx-boost="false"' in html
    assert 'href="/import/fields/outcome-measures"' in html
    assert 'href="/export/all?format=zip"' in html and 'href="/export/open-data"' in html
    assert "initiatieven.csv</a>" in html and "Gecontroleerd, zonder problemen" in html
    assert '<option value="initiatives" selected>' in web.get(
        "/import?resource=initiatives").text


def _stored_job(session: Session, **values: Any) -> uuid.UUID:
    fields: dict[str, Any] = {"resource": "initiatives", "file_name": "groot.csv",
                              "dry_run": True, "content": b"", "actor_kind": "session",
                              "actor_label": "tester", **values}
    job = ImportJob(**fields)
    session.add(job)
    session.commit()
    return job.id


def test_a_running_job_shows_its_progress_and_is_asked_for_again(
    web: TestClient, session: Session,
) -> None:
    job_id = _stored_job(session, status=ImportStatus.RUNNING, rows_total=120, rows_done=45)
    html = web.get(f"/import/{job_id}").text
    assert re.search(r'<p id="import-status" [^>]*role="status" aria-live="polite">', html)
    assert "Bezig met controleren: 45 van 120 rijen." in html
    assert re.search(r'<progress id="import-progress"[^>]* max="120" value="45"', html)
    assert f'hx-get="/import/{job_id}" hx-trigger="every 1s"' in html
    assert f'href="/import/{job_id}">Vernieuwen</a>' in html  # without JavaScript
    polled = web.get(f"/import/{job_id}", headers=HTMX).text
    assert "<html" not in polled and 'hx-swap-oob="innerHTML"' in polled
    assert 'hx-trigger="every 1s"' in polled

    job = session.get(ImportJob, job_id)
    assert job is not None
    job.status, job.rows_done = ImportStatus.SUCCEEDED, 120
    job.report = {"rows": 120, "valid": True, "written": False, "dryRun": True, "created": 120,
                  "updated": 0, "unchanged": 0, "problemCount": 0, "problems": [], "notes": []}
    session.add(job)
    session.commit()
    finished = web.get(f"/import/{job_id}", headers=HTMX).text
    assert "every 1s" not in finished  # polling stops
    assert "Gecontroleerd: 120 rijen, geen problemen." in finished
    assert ">Importeren</button>" in finished


def test_a_failed_job_says_nothing_was_saved(web: TestClient, session: Session) -> None:
    job_id = _stored_job(session, status=ImportStatus.FAILED, dry_run=False,
                         report={"error": "OperationalError", "written": False})
    html = web.get(f"/import/{job_id}").text
    assert "De import is mislukt — er is niets opgeslagen." in html
    assert "Mislukt: er is niets opgeslagen" in html
    assert "/commit" not in html


def test_someone_elses_import_is_not_found(web_as: WebFactory, session: Session) -> None:
    job_id = _stored_job(session, status=ImportStatus.SUCCEEDED, actor_id=uuid.uuid4())
    editor = web_as("editor", ("F",))
    assert editor.get(f"/import/{job_id}").status_code == 404


def test_notes_are_listed_and_do_not_stop_the_import(web: TestClient) -> None:
    header = [*INITIATIVE_HEADER, "Opmerking"]
    _, html = _checked_file(web, csv_file(header, [[*initiative_row("W-1"), "x"]]), "a.csv")
    assert "Gecontroleerd: 1 rij, geen problemen." in html
    notes = html[html.index(">Opmerkingen</h2>"):]
    assert "kolom „Opmerking”" in notes and ">Importeren</button>" in html


def test_a_file_name_with_markup_is_shown_as_text(web: TestClient) -> None:
    markup = '<img src=x onerror=alert(1)>.csv'
    _, html = _checked_file(web, csv_file(INITIATIVE_HEADER, [initiative_row("W-1")]),
                            markup)
    for page in (html, web.get("/import").text):
        assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.csv" in page
