"""Today as the people who use Buurtkracht count days."""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from api.db import utc_now


def local_today() -> date:
    """Today in Amsterdam, where judgements and follow-ups are made (UTC where no zone data
    exists)."""
    try:
        return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    except ZoneInfoNotFoundError:  # pragma: no cover (the images carry tzdata)
        return utc_now().date()
