"""HTTP routes of /v1/indicators."""

from fastapi import APIRouter

router = APIRouter(prefix="/v1/indicators", tags=["indicators"])
