"""Benchmark: the filtered initiatives page, through the API hop, beside the API alone.

Run with `make bench-web` (or `python -m bench.web_list`). Uses the database that
bench.initiatives_list builds (100,000 initiatives), starts the API and the web service in
their own uvicorn processes, and loads with wrk at 8 and 32 connections: the web page, then
the API request that page makes, then the page at 128 connections. Targets (issue 3): the
page at ≥ 60 % of the API endpoint's throughput, and no error at 128 connections.
"""

import argparse
import json

from bench.auth import authorization, bench_token
from bench.initiatives_list import build_database
from bench.load import HEADER, LoadResult, run_load
from bench.servers import ROOT, uvicorn_server

PAGE = "/initiatives?area=F&status=afgerond&sort=-startDate"
API_OF_PAGE = "/v1/initiatives?area=F&status=afgerond&sort=-startDate&page=1&pageSize=25"


def measure(url: str, seconds: int) -> dict[str, LoadResult]:
    # Both carry the same real session token: the API as a bearer, the page as the cookie
    # the browser would send after signing in.
    token = bench_token(url)
    signed, cookie = authorization(token), {"Cookie": f"bk_session={token}"}
    headers = {"page": cookie, "api": signed}
    results: dict[str, LoadResult] = {}
    with uvicorn_server("api.main:app", 8101, {"API_DATABASE_URL": url}, API_OF_PAGE,
                        signed) as api, \
            uvicorn_server("web.main:app", 8104, {"WEB_API_URL": api}, PAGE, cookie) as web:
        for connections in (8, 32):
            for name, target in (("page", web + PAGE), ("api", api + API_OF_PAGE)):
                run_load(target, connections, 2, headers=headers[name])
                results[f"{name}{connections}"] = run_load(target, connections, seconds,
                                                           headers=headers[name])
        results["page128"] = run_load(web + PAGE, 128, seconds, headers=cookie)
    return results


def report(results: dict[str, LoadResult]) -> dict[str, object]:
    print(HEADER)
    summary: dict[str, object] = {}
    for connections in (8, 32):
        page, api = results[f"page{connections}"], results[f"api{connections}"]
        print(page.row("web page " + PAGE[:24] + "…"))
        print(api.row("API request of that page"))
        ratio = page.requests_per_second / api.requests_per_second
        print(f"  → page at {ratio:.0%} of the API's throughput (target ≥ 60 %)")
        summary[f"c{connections}"] = {"page": page.__dict__, "api": api.__dict__, "ratio": ratio}
    crowded = results["page128"]
    print(crowded.row("web page at 128 connections"))
    print(f"  → errors at 128 connections: {crowded.errors} (target 0)")
    summary["c128"] = crowded.__dict__
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    summary = report(measure(build_database(args.initiatives, args.seed), args.seconds))
    out = ROOT / "bench" / "results" / "web_list.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
