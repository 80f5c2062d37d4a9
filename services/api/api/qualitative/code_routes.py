"""HTTP routes of /v1/codes: the codebook, as a list in tree order, one code at a time, and
as a REFI-QDA codebook file (export, import: .qdc files)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Header, Path, Query, Request, Response, UploadFile
from fastapi import status as http_status

from api.auth.rules import READ_CODES, WRITE_CODES, require
from api.db import SessionDep
from api.openapi import problems
from api.qualitative import codebook, refi_qda
from api.qualitative.code_models import CodebookImported, CodeCreate, CodePublic, CodeUpdate
from api.qualitative.models import Code
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/codes", tags=["codebook"],
                   dependencies=[Depends(require(READ_CODES))])
Writer = Depends(require(WRITE_CODES))
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]
QDC_MEDIA_TYPE = "application/xml"


def load_code(code_id: Annotated[uuid.UUID, Path(alias="codeId")], session: SessionDep) -> Code:
    return codebook.get_code(session, code_id)


CodeDep = Annotated[Code, Depends(load_code)]


def _answer(session: SessionDep, code: Code, response: Response) -> CodePublic:
    set_etag(response, code.version)
    return codebook.to_public(session, code)


@router.get("", response_model=Page[CodePublic],
            summary="The whole codebook, depth-first: each code before its subcodes")
def list_codes(request: Request, session: SessionDep,
               paging: Annotated[PageParams, Query()]) -> Response:
    items, total = codebook.list_codes(session, paging)
    return page_response(request, paging, items, total)


@router.get("/export", response_class=Response,
            summary="The codebook as a REFI-QDA codebook (.qdc)",
            responses={200: {"content": {QDC_MEDIA_TYPE: {}}}})
def export_codebook(session: SessionDep) -> Response:
    content = refi_qda.export_codebook(codebook.all_codes(session))
    return Response(content, media_type=QDC_MEDIA_TYPE, headers={
        "Content-Disposition": 'attachment; filename="buurtkracht-codeboek.qdc"'})


@router.post("/import", dependencies=[Writer],
             summary="Merge a REFI-QDA codebook (.qdc) by guid: all of it or nothing")
def import_codebook(session: SessionDep,
                    file: Annotated[UploadFile, File(description="A .qdc file")],
                    ) -> CodebookImported:
    imported = refi_qda.parse_codebook(file.file.read())
    created, updated = codebook.merge_codes(session, imported)
    return CodebookImported(created=created, updated=updated,
                            unchanged=len(imported) - created - updated)


@router.post("", status_code=http_status.HTTP_201_CREATED, dependencies=[Writer],
             responses=problems(409))
def create_code(data: CodeCreate, session: SessionDep, response: Response) -> CodePublic:
    code = codebook.create_code(session, data)
    response.headers["Location"] = f"/v1/codes/{code.id}"
    return _answer(session, code, response)


@router.get("/{codeId}")
def get_code(code: CodeDep, session: SessionDep, response: Response) -> CodePublic:
    return _answer(session, code, response)


@router.patch("/{codeId}", dependencies=[Writer])
def update_code(code: CodeDep, changes: CodeUpdate, session: SessionDep, response: Response,
                if_match: IfMatch = None) -> CodePublic:
    code = codebook.update_code(session, code, changes, if_match)
    return _answer(session, code, response)


@router.delete("/{codeId}", status_code=http_status.HTTP_204_NO_CONTENT, dependencies=[Writer])
def delete_code(code: CodeDep, session: SessionDep, if_match: IfMatch = None) -> None:
    codebook.delete_code(session, code, if_match)
