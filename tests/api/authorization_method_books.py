"""The authorization matrix's rows for method books: every signed-in role reads the list;
the world's book is a research book (it may quote research records), read by researchers
and administrators only; they also ask for books and regenerate them (403 for editors and
viewers). Asking answers 202: the book is a job. (Books for everyone, read by every role:
tests/api/test_method_book.py.)"""

from collections.abc import Callable
from typing import Any

from tests.api.authorization_world import World

RESEARCH = "read-research-book"
RESEARCH = "read-research-book"
Build = Callable[[World], tuple[str, dict[str, Any] | None]]


def _at(path: str, body: dict[str, Any] | None = None) -> Build:
    """A request to `path`, its {placeholders} filled from the world's ids."""
    return lambda world: (path.format(**vars(world)), body)


# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
METHOD_BOOK_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/method-books"): ("read", _at("/method-books")),
    ("POST", "/method-books"): ("write-method-books", _at("/method-books", {"stadsdeel": "F"})),
    ("GET", "/method-books/{bookId}"): (RESEARCH, _at("/method-books/{method_book}")),
    ("GET", "/method-books/{bookId}/html"): (RESEARCH, _at("/method-books/{method_book}/html")),
    ("GET", "/method-books/{bookId}/pdf"): (RESEARCH, _at("/method-books/{method_book}/pdf")),
    ("GET", "/method-books/{bookId}/numbers"): (RESEARCH, _at(
        "/method-books/{method_book}/numbers")),
    ("POST", "/method-books/{bookId}/regenerate"): ("write-method-books", _at(
        "/method-books/{method_book}/regenerate")),
}
METHOD_BOOK_ALLOWED = {"write-method-books": {"admin", "researcher"},
                       RESEARCH: {"admin", "researcher"}}
# POSTs that start a job: 202.
METHOD_BOOK_ACCEPTED = {"/method-books", "/method-books/{bookId}/regenerate"}
