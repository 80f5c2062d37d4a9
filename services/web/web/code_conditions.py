"""Codes as conditions of the success-factor analysis (`code=<codeId>`: the initiative has
a record coded with the code or a subcode), for those who may read records; and their
names wherever the page names a condition, instead of the code's id."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from web.api_client import ApiClient
from web.api_client import codes as codes_api
from web.api_client.accounts import Me
from web.api_client.codes import Code
from web.code_tree import path_text
from web.effect_labels import Labels
from web.i18n import N_

CODE = "code"
CODE_LABEL = N_("Code")
CODES_LEGEND = N_("Codes uit verslagen (de code of een subcode komt voor)")


def attribute_of(code: Code) -> str:
    return f"{CODE}={code.id}"


@dataclass(frozen=True)
class CodeLabels(Labels):
    """Labels that also name codes: "Code: Succesfactoren / ACTIE / Animo"."""

    codes: Mapping[str, str] = field(default_factory=dict)  # id → path

    def grouping(self, name: str) -> str:
        return self.text(CODE_LABEL) if name == CODE else super().grouping(name)

    def group(self, grouping: str | None, code: str) -> str:
        if grouping == CODE:
            return self.codes.get(code, code)
        return super().group(grouping, code)


async def codes_offered(api: ApiClient, me: Me) -> tuple[Code, ...]:
    """The codebook for those who may read records (the API refuses the condition to the
    others); nothing for the rest, who then are not asked about it."""
    return await codes_api.list_codes(api) if me.may_read_records else ()


def with_codes(labels: Labels, codes: tuple[Code, ...]) -> Labels:
    if not codes:
        return labels
    return CodeLabels(labels.lang, labels.vocabularies, labels.stadsdelen,
                      {code.id: path_text(code) for code in codes})


def code_group(codes: tuple[Code, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The form's group of code conditions (legend untranslated), when there are codes."""
    return [(CODES_LEGEND, tuple(attribute_of(code) for code in codes))] if codes else []
