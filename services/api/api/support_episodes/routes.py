"""HTTP routes of /v1/support-episodes."""

from fastapi import APIRouter

router = APIRouter(prefix="/v1/support-episodes", tags=["support-episodes"])
