"""The login throttle itself, on a clock the test turns: limits per account and per address,
the wait it names, and a memory that forgets what the window has passed."""

import pytest

from api.auth.throttle import LoginThrottle
from api.config import get_settings
from api.errors import TooManyRequests


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_account_is_stopped_after_its_limit_and_told_how_long_to_wait() -> None:
    clock, settings = Clock(), get_settings()
    throttle = LoginThrottle(clock)
    for attempt in range(settings.login_attempts):
        throttle.check("Anna", f"10.0.0.{attempt}")
        throttle.failed("anna", f"10.0.0.{attempt}")
        clock.now += 1
    with pytest.raises(TooManyRequests) as refused:
        throttle.check("ANNA", "10.9.9.9")  # names are counted without case
    assert refused.value.headers == {
        "Retry-After": str(settings.login_window_seconds - settings.login_attempts)}
    clock.now += settings.login_window_seconds
    throttle.check("anna", "10.9.9.9")


def test_an_address_is_stopped_whatever_names_it_tries() -> None:
    clock, settings = Clock(), get_settings()
    throttle = LoginThrottle(clock)
    for attempt in range(settings.login_attempts_per_address):
        throttle.failed(f"naam-{attempt}", "10.0.0.1")
    with pytest.raises(TooManyRequests):
        throttle.check("nog-een-naam", "10.0.0.1")
    throttle.check("nog-een-naam", "10.0.0.2")


def test_a_success_clears_the_account_but_not_the_address() -> None:
    throttle = LoginThrottle(Clock())
    for _ in range(get_settings().login_attempts_per_address):
        throttle.failed("anna", "10.0.0.1")
    throttle.succeeded("anna")
    with pytest.raises(TooManyRequests):
        throttle.check("anna", "10.0.0.1")


def test_names_and_addresses_are_forgotten_once_the_window_has_passed() -> None:
    clock, window = Clock(), get_settings().login_window_seconds
    throttle = LoginThrottle(clock)
    for attempt in range(1000):  # a guesser spraying names from many addresses
        throttle.failed(f"naam-{attempt}", f"10.0.{attempt // 250}.{attempt % 250}")
    throttle.check("iemand-anders", "10.1.1.1")  # asking remembers nothing new
    assert len(throttle) == 2000
    clock.now += window + 1
    throttle.failed("laatste", "10.2.2.2")
    assert len(throttle) == 2
