"""HTTP routes of /v1/professionals."""

from fastapi import APIRouter

router = APIRouter(prefix="/v1/professionals", tags=["professionals"])
