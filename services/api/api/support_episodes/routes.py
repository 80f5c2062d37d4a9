"""HTTP routes of /v1/support-episodes."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.identity import Caller, CallerDep
from api.auth.redaction import redacting
from api.auth.rules import (
    READ,
    READ_PERSONAL,
    WRITE_INITIATIVES,
    allows,
    check_initiative_scope,
    require,
)
from api.db import SessionDep
from api.errors import Forbidden
from api.support_episodes import service
from api.support_episodes.models import (
    SupportEpisode,
    SupportEpisodeCreate,
    SupportEpisodePublic,
    SupportEpisodeUpdate,
)
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/support-episodes", tags=["support-episodes"],
                   route_class=redacting("support-episode"),
                   dependencies=[Depends(require(READ))])
# Support is part of an initiative's record: whoever may write the initiative may write it.
Writer = Annotated[Caller, Depends(require(WRITE_INITIATIVES))]


EpisodeId = Annotated[uuid.UUID, Path(alias="episodeId")]


def load_support_episode(episode_id: EpisodeId, session: SessionDep) -> SupportEpisode:
    return service.get_support_episode(session, episode_id)


SupportEpisodeDep = Annotated[SupportEpisode, Depends(load_support_episode)]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


def writable_episode(episode: SupportEpisodeDep, caller: Writer,
                     session: SessionDep) -> SupportEpisode:
    check_initiative_scope(WRITE_INITIATIVES, caller, session, [episode.initiative_id])
    return episode


def new_episode(data: SupportEpisodeCreate, caller: Writer,
                session: SessionDep) -> SupportEpisodeCreate:
    check_initiative_scope(WRITE_INITIATIVES, caller, session, [data.initiative_id])
    return data


WritableEpisode = Annotated[SupportEpisode, Depends(writable_episode)]


def episode_filters(filters: Annotated[service.SupportEpisodeFilters, Query()],
                    caller: CallerDep) -> service.SupportEpisodeFilters:
    """The account is personal data: which episodes match would tell a viewer what it says."""
    if filters.q and not allows(READ_PERSONAL, caller):
        raise Forbidden("Zoeken in handelingsbeschrijvingen vraagt inzage in persoonsgegevens. / "
                        "Searching the accounts of support needs access to personal data.")
    return filters


@router.get("", response_model=Page[SupportEpisodePublic])
def list_support_episodes(
    request: Request,
    session: SessionDep,
    filters: Annotated[service.SupportEpisodeFilters, Depends(episode_filters)],
    paging: Annotated[PageParams, Query()],
) -> Response:
    # Serialised by orjson straight from rows: response_model only documents the shape.
    items, total = service.list_support_episodes(session, filters, paging)
    return page_response(request, paging, items, total)


@router.get("/{episodeId}")
def get_support_episode(episode: SupportEpisodeDep, response: Response) -> SupportEpisodePublic:
    set_etag(response, episode.version)
    return SupportEpisodePublic.model_validate(episode)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_support_episode(
    data: Annotated[SupportEpisodeCreate, Depends(new_episode)], session: SessionDep,
    response: Response,
) -> SupportEpisodePublic:
    episode = service.create_support_episode(session, data)
    set_etag(response, episode.version)
    response.headers["Location"] = f"/v1/support-episodes/{episode.id}"
    return SupportEpisodePublic.model_validate(episode)


@router.patch("/{episodeId}")
def update_support_episode(
    episode: WritableEpisode, changes: SupportEpisodeUpdate, session: SessionDep,
    response: Response, if_match: IfMatch = None,
) -> SupportEpisodePublic:
    episode = service.update_support_episode(session, episode, changes, if_match)
    set_etag(response, episode.version)
    return SupportEpisodePublic.model_validate(episode)


@router.delete("/{episodeId}", status_code=status.HTTP_204_NO_CONTENT)
def delete_support_episode(episode: WritableEpisode, session: SessionDep,
                           if_match: IfMatch = None) -> None:
    service.delete_support_episode(session, episode, if_match)
