"""Demo handelingsbeschrijvingen: the four parts of each support episode's account."""

import random
from collections.abc import Sequence
from typing import Any, TypeVar

from api.demo import account_texts as words
from api.demo.initiatives import Plan
from api.demo.texts import ROLE_LABELS
from api.vocabularies.models import InitiativeStatus

T = TypeVar("T")
ROLE_MOTIVE_SHARE = (2, 5)  # 2 in 5 accounts' reasoning also says what the role asks


class Digits:
    """Choices read off one random number, digit by digit in mixed radix: one draw per
    account instead of ten, on the generator's hot path. (The modulo bias of 64 bits over
    a few hundred thousand outcomes is nil.)"""

    def __init__(self, rng: random.Random) -> None:
        self.rest = rng.getrandbits(64)

    def below(self, count: int) -> int:
        self.rest, digit = divmod(self.rest, count)
        return digit

    def choice(self, options: Sequence[T]) -> T:
        return options[self.below(len(options))]


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _action(digits: Digits, episode: dict[str, Any]) -> str:
    # Codes are StrEnum values: they look up the enum-keyed word lists as they are.
    acts = _joined([digits.choice(words.ACTS[kind]) for kind in episode["kinds"]])
    amount = f"{episode['hours']:g}".replace(".", ",")  # a Dutch decimal comma
    return (f"{ROLE_LABELS[episode['role']]} {acts}. "
            f"{digits.choice(words.MANNER[episode['style']])} "
            f"Ongeveer {amount} uur in deze periode.")


def _result(digits: Digits, plan: Plan, episode: dict[str, Any], fill: dict[str, Any]) -> str:
    if episode["end_date"] is None:
        return words.ONGOING_RESULT
    if plan.status is InitiativeStatus.GESTOPT:
        return digits.choice(words.STOPPED_RESULTS)
    return digits.choice(words.RESULTS[episode["style"]]).format(**fill)


def account(rng: random.Random, plan: Plan, episode: dict[str, Any]) -> dict[str, str]:
    """Situation, action_description, reasoning and result of one episode, in Dutch, shaped
    by the professional's role, the kinds and style of support and how the initiative went."""
    digits, style = Digits(rng), episode["style"]
    fill = {"title": f"'{plan.row['title']}'", "buurt": plan.buurt.title_name,
            "obstacle": digits.choice(words.OBSTACLES),
            "partner": digits.choice(words.PARTNERS), "people": 2 + digits.below(11)}
    situation = digits.choice(words.SITUATIONS[style]).format(**fill)
    reasoning = digits.choice(words.REASONS[style])
    if digits.below(ROLE_MOTIVE_SHARE[1]) < ROLE_MOTIVE_SHARE[0]:
        reasoning = f"{reasoning} {words.ROLE_MOTIVES[episode['role']]}"
    return {
        "situation": situation[0].upper() + situation[1:],
        "action_description": _action(digits, episode),
        "reasoning": reasoning,
        "result": _result(digits, plan, episode, fill),
    }
