"""The API process killed (SIGKILL) and started again while people use the web service: the
web shows its 503 page ("Even niet bereikbaar") quickly, and serves again once the API is
back."""

import asyncio
import time
from dataclasses import dataclass

import httpx2

from bench.reliability.outage import OutageFigures, Sample, Window, judge
from bench.reliability.processes import ADMIN_TOKEN, Service

# The web's session cookie holds the API token itself (web/sessions.py).
SESSION_COOKIE = "bk_session"
UNAVAILABLE_TITLE = "Even niet bereikbaar"  # errors/error.html, kind "unavailable"
PAGES = ["/initiatives", "/"]


@dataclass
class KillFigures:
    outage: OutageFigures
    health_failures: int

    @property
    def passed(self) -> bool:
        return not self.outage.problems and self.health_failures == 0

    def report(self) -> str:
        lines = [*self.outage.lines(),
                 f"web /health failures during the run {self.health_failures}",
                 *[f"PROBLEM: {problem}" for problem in self.outage.problems]]
        if self.health_failures:
            lines.append("PROBLEM: the web's liveness failed while only the API was down")
        lines.append(f"verdict: {'PASS' if self.passed else 'FAIL'}")
        return "\n".join(lines)


async def _visit(client: httpx2.AsyncClient, path: str) -> Sample:
    started = time.monotonic()
    try:
        response = await client.get(path)
    except httpx2.TransportError:
        return Sample(path, started, time.monotonic() - started, 0, False)
    promised = response.status_code == 503 and UNAVAILABLE_TITLE in response.text
    return Sample(path, started, time.monotonic() - started, response.status_code, promised)


async def _person(web: str, page: str, stop: asyncio.Event, samples: list[Sample],
                  health: list[int], pause: float) -> None:
    async with httpx2.AsyncClient(base_url=web, timeout=httpx2.Timeout(10.0),
                                  cookies={SESSION_COOKIE: ADMIN_TOKEN}) as client:
        while not stop.is_set():
            samples.append(await _visit(client, page))
            health.append((await client.get("/health")).status_code)
            await asyncio.sleep(pause)


async def _kill_and_restart(api: Service, window: Window, warm_up: float, down_for: float,
                            after: float) -> None:
    await asyncio.sleep(warm_up)
    window.mark_down()
    api.kill()
    await asyncio.sleep(down_for)
    window.mark_asked_up()
    await asyncio.to_thread(api.start, "/v1")  # returns once the API answers
    window.mark_up()
    await asyncio.sleep(after)


async def _load_with_kill(web: str, api: Service, people: int, warm_up: float,
                          down_for: float, after: float,
                          pause: float) -> tuple[list[Sample], Window, int]:
    samples: list[Sample] = []
    health: list[int] = []
    window = Window()
    stop = asyncio.Event()
    tasks = [asyncio.create_task(_person(web, PAGES[number % len(PAGES)], stop, samples,
                                         health, pause)) for number in range(people)]
    try:
        await _kill_and_restart(api, window, warm_up, down_for, after)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    return samples, window, sum(status != 200 for status in health)


def kill_scenario(web: str, api: Service, people: int, warm_up: float, down_for: float,
                  after: float, pause: float = 0.05) -> KillFigures:
    """`pause`: each visitor's wait between pages (a lighter load lets the API restart
    sooner on a small machine)."""
    samples, window, health_failures = asyncio.run(
        _load_with_kill(web, api, people, warm_up, down_for, after, pause))
    return KillFigures(judge(samples, window), health_failures)
