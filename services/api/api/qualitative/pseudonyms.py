"""Pseudonymising a record's text: names become stable codes, and the offsets move with them.

Every occurrence of a name (ignoring case, as a whole word, the longest name first) becomes
`[Naam XXXXX]`: five characters of an HMAC of the case-folded name under the API's pseudonym
key. The same name therefore gets the same code in every record, so a researcher can still
follow one person across interviews, while the code does not reveal the name to anyone
without the key. Pure text: no database, no settings (the key is an argument).
"""

import hashlib
import hmac
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand stays a code.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARACTERS = 5


def name_key(name: str) -> str:
    """What identifies a name: NFC, runs of white space as one space, case-folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def code_of(name: str, key: bytes) -> str:
    """The name's stable code, e.g. `[Naam 7Q2MK]`."""
    digest = hmac.new(key, name_key(name).encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:4]) >> (32 - 5 * CODE_CHARACTERS)
    characters = [ALPHABET[(number >> (5 * place)) & 31]
                  for place in reversed(range(CODE_CHARACTERS))]
    return f"[Naam {''.join(characters)}]"


@dataclass(frozen=True)
class Replacement:
    """The old text's [start, end) became the new text's [new_start, new_end)."""

    start: int
    end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class Pseudonymised:
    """The new text, each name with its code and number of occurrences (in the order the
    names were given, one entry per distinct name), and where the text changed."""

    text: str
    names: list[tuple[str, str, int]]
    replacements: list[Replacement] = field(repr=False)

    @cached_property
    def _starts(self) -> list[int]:
        return [each.start for each in self.replacements]

    def _shift_before(self, offset: int) -> tuple[int, Replacement | None]:
        """How far the replacements before `offset` moved it, and the replacement that
        `offset` lies strictly inside, if any."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return 0, None
        last = self.replacements[index]
        if last.start < offset < last.end:
            return 0, last
        if offset >= last.end:
            return last.new_end - last.end, None
        return last.new_start - last.start, None  # offset == last.start

    def new_start(self, offset: int) -> int:
        """Where a segment starting at `offset` starts now: a start inside a name moves
        to the start of its code, so the segment keeps covering what replaced the name."""
        shift, inside = self._shift_before(offset)
        return inside.new_start if inside is not None else offset + shift

    def new_end(self, offset: int) -> int:
        """Where a segment ending at `offset` ends now: an end inside a name moves to the
        end of its code."""
        shift, inside = self._shift_before(offset)
        return inside.new_end if inside is not None else offset + shift


# A text as tokens: a code written before (kept whole, never matched: pseudonymising twice
# leaves the first codes alone), a word (letters with their combining marks, so an "Ö"
# typed as O plus a diaeresis stays one word), or any other single character but space.
EXISTING_CODE = r"\[Naam [0-9A-Z]{5}\]"
TOKEN = re.compile(rf"({EXISTING_CODE})|(?:\w|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff"
                   rf"\u20d0-\u20ff\ufe20-\ufe2f])+|\S")
# Whole words: \w is Unicode-aware ("Jan" stays inside "Jansen"), and a hyphen joins ("Jan"
# stays inside "Jan-Willem", another name).
JOINS_A_WORD = re.compile(r"[\w-]")
KEPT = "\x00"  # the key of a kept code: no name's word has it


@dataclass(frozen=True)
class _Token:
    key: str  # name_key of the token (KEPT for a code written before)
    start: int
    end: int
    spaced: bool  # white space before it


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    for match in TOKEN.finditer(text):
        spaced = bool(found) and match.start() > found[-1].end
        key = KEPT if match.group(1) else name_key(match.group())
        found.append(_Token(key, match.start(), match.end(), spaced))
    return found


@dataclass
class _Node:
    """A step in the trie of the names' words: the next steps by (word key, spaced before
    it), and the name that ends here, if one does."""

    next: dict[tuple[str, bool], "_Node"] = field(default_factory=dict)
    name: str | None = None


def _trie(names: list[str]) -> _Node:
    root = _Node()
    for name in names:
        node = root
        for index, token in enumerate(_tokens(name)):
            node = node.next.setdefault((token.key, token.spaced and index > 0), _Node())
        node.name = name
    return root


def _longest_at(tokens: list[_Token], first: int, text: str, root: _Node
                ) -> tuple[str, int] | None:
    """The longest name whose words start at tokens[first] and end on a word boundary: the
    name and the index of the token after it."""
    best: tuple[str, int] | None
    node, best, index = root, None, first
    while index < len(tokens):
        token = tokens[index]
        step = node.next.get((token.key, token.spaced and index > first))
        if step is None:
            break
        node, index = step, index + 1
        if node.name is not None and not (token.end < len(text)
                                          and JOINS_A_WORD.match(text, token.end)):
            best = (node.name, index)
    return best


def _distinct(names: list[str]) -> list[str]:
    """The names without repeats (by name_key), each as first given."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name_key(name), name.strip())
    return list(seen.values())


def pseudonymise(text: str, names: list[str], key: bytes) -> Pseudonymised:
    """Replace every whole-word occurrence of the names, ignoring case, leftmost first and
    there the longest (at one place "Fatima El Amrani" wins over "Fatima").

    Word by word through a trie of the names' words, not one regular expression of all the
    names: time grows with the text (times the words of the longest name), however the
    names begin alike.
    """
    distinct = _distinct(names)
    trie = _trie(distinct)
    codes = {name: code_of(name, key) for name in distinct}
    counts = dict.fromkeys(distinct, 0)
    parts: list[str] = []
    replacements: list[Replacement] = []
    position = written = index = 0
    tokens = _tokens(text)
    while index < len(tokens):
        start = tokens[index].start
        found = None if start > 0 and JOINS_A_WORD.match(text, start - 1) else \
            _longest_at(tokens, index, text, trie)
        if found is None:
            index += 1
            continue
        name, index = found
        end = tokens[index - 1].end
        counts[name] += 1
        parts.append(text[position:start])
        written += start - position
        parts.append(codes[name])
        replacements.append(Replacement(start, end, written, written + len(codes[name])))
        written += len(codes[name])
        position = end
    parts.append(text[position:])
    return Pseudonymised("".join(parts), [(name, codes[name], counts[name])
                                          for name in distinct], replacements)
