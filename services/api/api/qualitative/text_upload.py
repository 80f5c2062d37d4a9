"""An uploaded file turned into the text of a qualitative record; nothing is stored.

Told apart by content, not by name: a zip is read as DOCX (the paragraphs of
word/document.xml, parsed with defusedxml), anything else as plain text (UTF-16 with a BOM,
UTF-8 with or without one, else Windows-1252). Refused, with a problem that says why:
old Word files and password-protected ones (both OLE containers), documents with macros,
damaged zips, zips that unpack to more than MAX_UNPACKED_BYTES, PDFs, images and other
binary files.
"""

import codecs
import io
import re
import zipfile
from http import HTTPStatus
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, ElementTree

from api.errors import ApiError, PayloadTooLarge

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
DOCUMENT = "word/document.xml"
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE = b"\xd0\xcf\x11\xe0"
_BINARY = ((b"%PDF", "een PDF-bestand", "a PDF file"), *(
    (magic, "een afbeelding", "an image") for magic in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8")))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # never in text; a sign of a binary file
_MACROS = re.compile(r"(^|/)vbaProject\.bin$|(^|/)vbaData\.xml$", re.IGNORECASE)


class UnsupportedFile(ApiError):
    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    code = "unsupported-file"


class UnreadableFile(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "unreadable-file"


def too_large(limit: int, what: str = "Het bestand is", what_en: str = "The file is"
              ) -> PayloadTooLarge:
    size = f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"
    return PayloadTooLarge(f"{what} te groot: de grens is {size}. / "
                           f"{what_en} too large: the limit is {size}.")


def _unsupported(name: str, what: str, what_en: str) -> UnsupportedFile:
    return UnsupportedFile(f"'{name}' is {what}; stuur platte tekst (.txt, .md) of een "
                           f"Word-document (.docx). / '{name}' is {what_en}; send plain text "
                           f"(.txt, .md) or a Word document (.docx).")


def text_of(content: bytes, name: str) -> str:
    """The file's text, line ends made \\n and the ends stripped; an ApiError if unusable."""
    if not content:
        raise UnreadableFile(f"'{name}' is leeg. / '{name}' is empty.")
    if content.startswith(_OLE):
        raise _unsupported(name, "een oud Word-bestand (.doc) of met een wachtwoord "
                           "beveiligd; sla het op als .docx zonder wachtwoord",
                           "an old Word file (.doc) or password-protected; save it as .docx "
                           "without a password")
    for magic, what, what_en in _BINARY:
        if content.startswith(magic):
            raise _unsupported(name, what, what_en)
    text = _docx_text(content, name) if content.startswith(b"PK") else _plain(content, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise UnreadableFile(f"'{name}' bevat geen tekst. / '{name}' holds no text.")
    return text


def _plain(content: bytes, name: str) -> str:
    binary = _unsupported(name, "geen tekst", "not text")
    utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in content and not utf16:
        raise binary
    try:
        if utf16:
            text = content.decode("utf-16")
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content.decode("cp1252")
    except UnicodeDecodeError:
        raise binary from None
    text = text.rstrip("\x1a")  # the end-of-file mark of old DOS files
    if _CONTROL.search(text):
        raise binary
    return text


def _docx_text(content: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_package(archive, name)
            with archive.open(DOCUMENT) as part:
                xml = part.read(MAX_UNPACKED_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        raise UnreadableFile(f"'{name}' is een beschadigd zip- of Word-bestand. / "
                             f"'{name}' is a damaged zip or Word file.") from None
    try:
        root = ElementTree.fromstring(xml)
    except (ParseError, DefusedXmlException):
        raise UnreadableFile(f"De tekst van '{name}' is niet te lezen (ongeldige XML). / "
                             f"The text of '{name}' cannot be read (invalid XML).") from None
    return _paragraphs(root)


def _check_package(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if DOCUMENT not in names:
        raise _unsupported(name, "een zip-bestand maar geen Word-document",
                           "a zip file but not a Word document")
    if any(info.flag_bits & 0x1 for info in infos):
        raise UnreadableFile(f"'{name}' is versleuteld; sla het op zonder wachtwoord. / "
                             f"'{name}' is encrypted; save it without a password.")
    if any(_MACROS.search(each) for each in names):
        raise _unsupported(name, "een document met macro's (.docm)",
                           "a document with macros (.docm)")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise too_large(MAX_UNPACKED_BYTES, f"'{name}' is uitgepakt",
                        f"'{name}' is, unpacked,")


def _paragraphs(root: Element) -> str:
    """Each non-empty paragraph a line, with a blank line between (Markdown paragraphs);
    tabs and line breaks inside a paragraph kept."""
    lines = []
    for paragraph in root.iter(f"{WORD}p"):
        parts = []
        for element in paragraph.iter():
            if element.tag == f"{WORD}t":
                parts.append(element.text or "")
            elif element.tag == f"{WORD}tab":
                parts.append("\t")
            elif element.tag in (f"{WORD}br", f"{WORD}cr"):
                parts.append("\n")
        line = "".join(parts).strip()
        if line:
            lines.append(line)
    return "\n\n".join(lines)
