"""Failed logins, counted per account and per client address in a sliding window.

Kept in the process: enough to stop guessing at the rate a person or a script types. With
several API processes each counts on its own, so the limit a guesser meets is at most the
number of processes times the configured one; the accounts' passwords stay the real guard.
"""

import math
import time
from collections import deque
from collections.abc import Callable
from threading import Lock

from api.config import get_settings
from api.errors import TooManyRequests


class LoginThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._swept_at = clock()
        self._lock = Lock()

    def _recent(self, key: str, now: float, window: float) -> deque[float]:
        found = self._failures.get(key, deque())
        while found and found[0] <= now - window:
            found.popleft()
        if not found:
            self._failures.pop(key, None)
        return found

    def _sweep(self, now: float, window: float) -> None:
        """Forgets keys whose failures are all older than the window, once per window: a
        guesser trying many names or addresses cannot make the process hold more than two
        windows' worth of them."""
        if now - self._swept_at < window:
            return
        self._swept_at = now
        for key in [key for key, found in self._failures.items() if found[-1] <= now - window]:
            del self._failures[key]

    def __len__(self) -> int:
        """How many names and addresses are remembered."""
        return len(self._failures)

    def check(self, account: str, address: str) -> None:
        """429 with Retry-After when either key has failed too often of late."""
        settings = get_settings()
        window = settings.login_window_seconds
        limits = ((f"account:{account.lower()}", settings.login_attempts),
                  (f"address:{address}", settings.login_attempts_per_address))
        now = self._clock()
        with self._lock:
            for key, limit in limits:
                failures = self._recent(key, now, window)
                if len(failures) >= limit:
                    wait = max(1, math.ceil(failures[0] + window - now))
                    raise TooManyRequests(
                        "Te veel mislukte aanmeldpogingen; probeer het later opnieuw. / "
                        "Too many failed sign-in attempts; try again later.", wait)

    def failed(self, account: str, address: str) -> None:
        now = self._clock()
        with self._lock:
            self._sweep(now, get_settings().login_window_seconds)
            for key in (f"account:{account.lower()}", f"address:{address}"):
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(f"account:{account.lower()}", None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()


login_throttle = LoginThrottle()
