"""HTTP routes of /v1/vocabularies."""

from fastapi import APIRouter

router = APIRouter(prefix="/v1/vocabularies", tags=["vocabularies"])
