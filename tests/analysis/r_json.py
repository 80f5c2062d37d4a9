"""Reading JSON written by the R fixture scripts: R's Inf, -Inf and NaN are stored as strings
(JSON has none), NA as null."""

import json
import math
from pathlib import Path
from typing import Any

NON_FINITE = {"Inf": math.inf, "-Inf": -math.inf, "NaN": math.nan}


def decoded(value: Any) -> Any:
    if isinstance(value, str) and value in NON_FINITE:
        return NON_FINITE[value]
    if isinstance(value, list):
        return [decoded(item) for item in value]
    if isinstance(value, dict):
        return {key: decoded(item) for key, item in value.items()}
    return value


def read_r_json(path: Path) -> dict[str, Any]:
    found: dict[str, Any] = decoded(json.loads(path.read_text()))
    return found
