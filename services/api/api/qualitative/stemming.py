"""Dutch words reduced to their Snowball stems, for the SQLite full-text index of records.
PostgreSQL's `dutch` text search configuration uses the classic Snowball Dutch (Porter)
algorithm, which snowballstemmer calls "dutch_porter" (its "dutch" is the newer Kraaij-Pohlmann
one, which stems "georganiseerd" differently), so a search matches the same word forms on both
databases ("bewoners" finds "bewoner")."""

import re
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

WORD = re.compile(r"\w+")
# PostgreSQL's dutch.stop (the Snowball Dutch stop list): words neither indexed nor searched.
STOP_WORDS = frozenset({
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn",
    "is", "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan",
    "zou", "of", "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook",
    "tot", "je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben",
    "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets",
    "worden", "toch", "al", "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder",
    "kan", "hun", "dus", "alles", "onder", "ja", "eens", "hier", "wie", "werd", "altijd",
    "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen", "na", "reeds", "wil", "kon",
    "niets", "uw", "iemand", "geweest", "andere",
})


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch_porter")


def stem(word: str) -> str:
    """One word's stem: lower-cased first, as PostgreSQL does."""
    return str(_stemmer().stemWord(word.lower()))


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text with where they stand (letters, digits and underscores)."""
    return WORD.finditer(text)


def stems(text: str) -> list[str]:
    """The stems of a text's words, leaving out the stop words as PostgreSQL does."""
    return [stem(match.group()) for match in words(text)
            if match.group().lower() not in STOP_WORDS]
