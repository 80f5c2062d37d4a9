"""The authorization matrix's rows for method books: every signed-in role reads them (they
hold aggregates, no personal data); researchers and administrators ask for them and
regenerate them (403 for editors and viewers). Asking answers 202: the book is a job."""

from collections.abc import Callable
from typing import Any

from tests.api.authorization_world import World

Build = Callable[[World], tuple[str, dict[str, Any] | None]]


def _at(path: str, body: dict[str, Any] | None = None) -> Build:
    """A request to `path`, its {placeholders} filled from the world's ids."""
    return lambda world: (path.format(**vars(world)), body)


# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
METHOD_BOOK_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/method-books"): ("read", _at("/method-books")),
    ("POST", "/method-books"): ("write-method-books", _at("/method-books", {"stadsdeel": "F"})),
    ("GET", "/method-books/{bookId}"): ("read", _at("/method-books/{method_book}")),
    ("GET", "/method-books/{bookId}/html"): ("read", _at("/method-books/{method_book}/html")),
    ("GET", "/method-books/{bookId}/pdf"): ("read", _at("/method-books/{method_book}/pdf")),
    ("GET", "/method-books/{bookId}/numbers"): ("read", _at(
        "/method-books/{method_book}/numbers")),
    ("POST", "/method-books/{bookId}/regenerate"): ("write-method-books", _at(
        "/method-books/{method_book}/regenerate")),
}
METHOD_BOOK_ALLOWED = {"write-method-books": {"admin", "researcher"}}
# POSTs that start a job: 202.
METHOD_BOOK_ACCEPTED = {"/method-books", "/method-books/{bookId}/regenerate"}
