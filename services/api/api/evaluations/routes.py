"""HTTP routes of /v1/evaluations."""

from fastapi import APIRouter

router = APIRouter(prefix="/v1/evaluations", tags=["evaluations"])
measures_router = APIRouter(prefix="/v1/outcome-measures", tags=["outcome-measures"])
