"""The handelingsbeschrijving of a support episode: its four parts, as every page reads them."""

from web.api_client.results import Wire

# The parts in the order an account is told: situation, what was done, why, what happened.
PARTS = ("situation", "action_description", "reasoning", "result")


class Account(Wire):
    """The four parts are personal data (they may name residents): null for a viewer."""

    situation: str | None = ""
    action_description: str | None = ""
    reasoning: str | None = ""
    result: str | None = ""

    @property
    def account_parts(self) -> list[tuple[str, str]]:
        """(part, text) of the parts that were filled in, in telling order."""
        return [(part, text) for part in PARTS if (text := getattr(self, part))]
