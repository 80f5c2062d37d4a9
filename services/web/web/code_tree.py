"""The codebook as a tree: the API's flat, depth-first list nested again, and the choices
of a parent. Who may keep the codebook is `Me.may_write_codes`."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from web.api_client.codes import Code

PATH_JOIN = " / "


@dataclass
class Node:
    code: Code
    children: list["Node"] = field(default_factory=list)

    @property
    def size(self) -> int:
        """The codes below this one, at any depth."""
        return sum(1 + child.size for child in self.children)


def nested(codes: Iterable[Code]) -> list[Node]:
    """The top codes with their subcodes, in the API's order (siblings by position, name).
    A code whose parent is not in the list (deleted meanwhile) stands at the top."""
    nodes = {code.id: Node(code) for code in codes}
    tops: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.code.parent_id or "")
        (parent.children if parent else tops).append(node)
    return tops


def find(tree: Sequence[Node], code_id: str) -> Node | None:
    for node in tree:
        if node.code.id == code_id:
            return node
        found = find(node.children, code_id)
        if found is not None:
            return found
    return None


def subtree_ids(codes: Sequence[Code], code_id: str) -> set[str]:
    """The code and every code below it."""
    node = find(nested(codes), code_id)
    found: set[str] = set()
    stack = [node] if node else []
    while stack:
        current = stack.pop()
        found.add(current.code.id)
        stack.extend(current.children)
    return found


def path_text(code: Code) -> str:
    return PATH_JOIN.join(code.path) or code.name


def parent_choices(codes: Sequence[Code], moving: str | None = None) -> list[tuple[str, str]]:
    """(id, path) of every code a code may hang under: not the code itself nor one of its
    subcodes (the API refuses those too)."""
    excluded = subtree_ids(codes, moving) if moving else set()
    return [(code.id, path_text(code)) for code in codes if code.id not in excluded]


def names_by_id(codes: Iterable[Code]) -> dict[str, Code]:
    return {code.id: code for code in codes}
