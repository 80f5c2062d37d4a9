"""Dutch wording for pydantic's validation errors: the API answers "Nederlands / English"."""

from typing import Any

# By pydantic error type; {name} placeholders come from the error's `ctx`.
DUTCH: dict[str, str] = {
    "missing": "Dit veld is verplicht.",
    "string_too_short": "Te kort: minstens {min_length} teken(s).",
    "string_too_long": "Te lang: hoogstens {max_length} tekens.",
    "too_short": "Te weinig: minstens {min_length}.",
    "too_long": "Te veel: hoogstens {max_length}.",
    "greater_than_equal": "Moet {ge} of meer zijn.",
    "greater_than": "Moet meer dan {gt} zijn.",
    "less_than_equal": "Moet {le} of minder zijn.",
    "less_than": "Moet minder dan {lt} zijn.",
    "int_parsing": "Geen geheel getal.",
    "int_type": "Geen geheel getal.",
    "int_from_float": "Geen geheel getal.",
    "float_parsing": "Geen getal.",
    "float_type": "Geen getal.",
    "finite_number": "Geen eindig getal.",
    "bool_parsing": "Geen ja/nee-waarde (true of false).",
    "bool_type": "Geen ja/nee-waarde (true of false).",
    "date_parsing": "Geen datum (JJJJ-MM-DD).",
    "date_from_datetime_parsing": "Geen datum (JJJJ-MM-DD).",
    "date_type": "Geen datum (JJJJ-MM-DD).",
    "uuid_parsing": "Geen geldige id (uuid).",
    "uuid_type": "Geen geldige id (uuid).",
    "enum": "Onbekende code; kies uit: {expected}.",
    "literal_error": "Onbekende waarde; kies uit: {expected}.",
    "extra_forbidden": "Onbekend veld.",
    "timezone_aware": "Geef een tijdzone mee (bijvoorbeeld Z of +01:00).",
    "list_type": "Verwacht een lijst.",
    "string_type": "Verwacht tekst.",
    "dict_type": "Verwacht een object.",
    "model_attributes_type": "Verwacht een object.",
    "model_type": "Verwacht een object.",
    "json_invalid": "Geen geldige JSON.",
    "string_pattern_mismatch": "Heeft niet de verwachte vorm.",
    "value_error": "Ongeldige waarde.",
}


def bilingual(error: dict[str, Any]) -> str:
    """The error's message as "Nederlands / English", or English alone when not known."""
    english = str(error.get("msg", ""))
    own = english.removeprefix("Value error, ")
    if error.get("type") == "value_error" and " / " in own:
        return own  # our own validators already speak both languages
    template = DUTCH.get(str(error.get("type", "")))
    if template is None:
        return english
    context = {key: str(value).replace(" or ", " of ")
               for key, value in (error.get("ctx") or {}).items()}
    try:
        dutch = template.format(**context)
    except (KeyError, IndexError):
        dutch = template.split(":")[0] + "."
    return f"{dutch} / {english}"
