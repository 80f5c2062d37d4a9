"""The baseline: a bare FastAPI route returning the same 50 rows from one plain SQL query."""

import os
from typing import Any

import orjson
from fastapi import FastAPI, Response
from sqlalchemy import bindparam, create_engine, text

engine = create_engine(os.environ["API_DATABASE_URL"], pool_size=16, max_overflow=0)
# The buurt ids below stadsdeel F are looked up once: the bare route runs only the row query.
with engine.connect() as connection:
    BUURTEN_F = [row[0] for row in connection.execute(text(
        "WITH RECURSIVE tree(id, type) AS (SELECT id, type FROM area WHERE code = 'F' "
        "UNION ALL SELECT a.id, a.type FROM area a JOIN tree t ON a.parent_id = t.id) "
        "SELECT id FROM tree WHERE type = 'buurt'"))]
QUERY = text(
    "SELECT * FROM initiative WHERE current_buurt_id IN :buurten AND status = 'afgerond' "
    "ORDER BY start_date DESC, id LIMIT 50"
).bindparams(bindparam("buurten", expanding=True))

app = FastAPI()


@app.get("/bare/initiatives")
def bare_initiatives() -> Response:
    with engine.connect() as connection:
        rows: list[dict[str, Any]] = [dict(row) for row in connection.execute(
            QUERY, {"buurten": BUURTEN_F}).mappings()]
    return Response(orjson.dumps(rows, default=str), media_type="application/json")
