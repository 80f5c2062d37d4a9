"""The codebook as a REFI-QDA codebook (.qdc, urn:QDA-XML:codebook:1.0): export and import.

A REFI-QDA code has a guid, a name, isCodable and one Description; a Buurtkracht code has a
definition and an example. The Description holds both: the definition, then a paragraph
"Voorbeeld: …" when there is an example, which the import splits again — so an export read
back gives the same codebook and the same file. Children are written in their order, and the
import numbers them in that order.

Import merges by guid: a known guid updates that code (and may move it), a new one creates a
code with that id; codes not in the file stay. It is all or nothing: the whole file is parsed
and checked (the structure the schema prescribes, then the rules of the codebook) before
anything is written.
"""

import re
import uuid
import xml.etree.ElementTree as ET  # only to write: reading goes through defusedxml

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from api.errors import Conflict, FieldError, InvalidInput
from api.qualitative.code_models import ImportedCode
from api.qualitative.codebook import MAX_DEPTH, children_by_parent
from api.qualitative.models import Code

NAMESPACE = "urn:QDA-XML:codebook:1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EXAMPLE_MARK = "Voorbeeld: "
MAX_NAME, MAX_TEXT = 200, 4000
MAX_CODES = 5000  # a file's codes: far above any real codebook, below a position's limit
GUID = re.compile(r"\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                  r"[0-9a-fA-F]{12})\}?")
RGB = re.compile(r"#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})")
BOOLEANS = {"true", "false", "1", "0"}
CODE_ATTRIBUTES = {"guid", "name", "isCodable", "color"}


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def description_of(code: Code) -> str:
    parts = [part for part in (code.definition, code.example and EXAMPLE_MARK + code.example)
             if part]
    return "\n\n".join(parts)


def split_description(text: str) -> tuple[str, str]:
    """(definition, example) from a Description written by description_of or by another tool
    (whose Description is all definition)."""
    if text.startswith(EXAMPLE_MARK):
        return "", text.removeprefix(EXAMPLE_MARK)
    definition, mark, example = text.rpartition("\n\n" + EXAMPLE_MARK)
    return (definition, example) if mark else (text, "")


def export_codebook(codes: list[Code]) -> bytes:
    """The codebook as a .qdc document, UTF-8, indented, children in their order; a 409 for
    an empty codebook, which the schema cannot express (Codes holds at least one Code)."""
    if not codes:
        raise Conflict("Het codeboek is leeg: een REFI-QDA-codeboek bevat minstens één code. / "
                       "The codebook is empty: a REFI-QDA codebook holds at least one code.")
    children = children_by_parent(codes)
    # Plain names with the namespace declared by hand: ElementTree's default_namespace
    # refuses attributes without a namespace, which is what the schema's attributes are.
    root = ET.Element("CodeBook", {"xmlns": NAMESPACE, "origin": "Buurtkracht"})
    container = ET.SubElement(root, "Codes")

    def add(parent: ET.Element, code: Code) -> None:
        element = ET.SubElement(parent, "Code", {
            "guid": str(code.id), "name": code.name, "isCodable": "true"})
        description = description_of(code)
        if description:
            ET.SubElement(element, "Description").text = description
        for child in children.get(code.id, []):
            add(element, child)

    for top in children.get(None, []):
        add(container, top)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _refuse(message: str) -> InvalidInput:
    return InvalidInput([FieldError("file", "invalid-codebook", message, "body")],
                        "Dit is geen geldig REFI-QDA-codeboek (.qdc); er is niets veranderd. / "
                        "This is not a valid REFI-QDA codebook; nothing was changed.")


def parse_codebook(content: bytes) -> list[ImportedCode]:
    """The codes of a .qdc document, parents before children; a clear 400 for anything the
    schema would refuse, or for a file that is no XML at all."""
    try:
        root = fromstring(content, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise _refuse(f"Geen leesbare XML: {error}. / Not well-formed XML.") from error
    if root.tag != _tag("CodeBook"):
        raise _refuse(f"Het hoofdelement moet CodeBook zijn in namespace {NAMESPACE}. / "
                      f"The root must be CodeBook in namespace {NAMESPACE}.")
    _check_attributes(root, {"origin"}, "CodeBook")
    parts = list(root)
    if not parts or parts[0].tag != _tag("Codes") or any(
            part.tag != _tag("Sets") for part in parts[1:]) or len(parts) > 2:
        raise _refuse("CodeBook bevat één Codes-element, eventueel gevolgd door Sets. / "
                      "CodeBook holds one Codes element, optionally followed by Sets.")
    found: list[ImportedCode] = []
    tops = _code_elements(list(parts[0]), "Codes")
    if not tops:
        raise _refuse("Codes bevat minstens één Code. / Codes holds at least one Code.")
    for position, element in enumerate(tops):
        _read_code(element, None, position, found, depth=1)
    _check_unique_guids(found)
    return found


def _check_attributes(element: ET.Element, allowed: set[str], where: str) -> None:
    unknown = [name for name in element.attrib
               if name not in allowed and not name.startswith(f"{{{XSI}}}")]
    if unknown:
        raise _refuse(f"Onbekend attribuut {unknown[0]} op {where}. / "
                      f"Unknown attribute {unknown[0]} on {where}.")


def _code_elements(elements: list[ET.Element], where: str) -> list[ET.Element]:
    if any(element.tag != _tag("Code") for element in elements):
        raise _refuse(f"{where} mag alleen Code-elementen bevatten. / "
                      f"{where} may hold Code elements only.")
    return elements


def _read_code(element: ET.Element, parent_id: uuid.UUID | None, position: int,
               found: list[ImportedCode], depth: int) -> None:
    code_id, name = _identity(element)
    # Bounded here, so neither this reading nor any later walk of the tree can recurse deeply.
    if depth > MAX_DEPTH:
        raise _refuse(f"Codes liggen hoogstens {MAX_DEPTH} niveaus diep ('{name}' dieper). / "
                      f"Codes nest at most {MAX_DEPTH} levels deep.")
    if len(found) >= MAX_CODES:
        raise _refuse(f"Hoogstens {MAX_CODES} codes per bestand. / "
                      f"At most {MAX_CODES} codes per file.")
    parts = list(element)
    description = ""
    if parts and parts[0].tag == _tag("Description"):
        if list(parts[0]):
            raise _refuse(f"Description van '{name}' bevat alleen tekst. / "
                          "A Description holds text only.")
        description, parts = parts[0].text or "", parts[1:]
    definition, example = split_description(description)
    if len(definition) > MAX_TEXT or len(example) > MAX_TEXT:
        raise _refuse(f"De beschrijving van '{name}' is te lang (definitie en voorbeeld elk "
                      f"hoogstens {MAX_TEXT} tekens). / The description is too long.")
    found.append(ImportedCode(code_id, parent_id, name, definition, example, position))
    for child_position, child in enumerate(_code_elements(parts, f"Code '{name}'")):
        _read_code(child, code_id, child_position, found, depth + 1)


def _identity(element: ET.Element) -> tuple[uuid.UUID, str]:
    """The guid and name of a Code element, its attributes checked as the schema says."""
    _check_attributes(element, CODE_ATTRIBUTES, "Code")
    guid, name = element.get("guid"), element.get("name")
    codable, color = element.get("isCodable"), element.get("color")
    if guid is None or name is None or codable is None:
        raise _refuse("Elke Code heeft guid, name en isCodable. / "
                      "Every Code has guid, name and isCodable.")
    matched = GUID.fullmatch(guid.strip())
    if matched is None:
        raise _refuse(f"'{guid}' is geen GUID. / Not a GUID.")
    if codable.strip() not in BOOLEANS:
        raise _refuse(f"isCodable moet true of false zijn, niet '{codable}'. / "
                      "isCodable must be a boolean.")
    if color is not None and RGB.fullmatch(color.strip()) is None:
        raise _refuse(f"'{color}' is geen kleur als #RRGGBB. / Not an RGB colour.")
    if not name.strip() or len(name) > MAX_NAME:
        raise _refuse(f"Een codenaam heeft 1 tot {MAX_NAME} tekens. / "
                      f"A code name has 1 to {MAX_NAME} characters.")
    return uuid.UUID(matched.group(1)), name


def _check_unique_guids(found: list[ImportedCode]) -> None:
    seen: set[uuid.UUID] = set()
    for code in found:
        if code.id in seen:
            raise _refuse(f"GUID {code.id} komt meer dan eens voor. / Duplicate GUID.")
        seen.add(code.id)
