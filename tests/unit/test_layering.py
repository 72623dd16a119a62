"""Only services open units of work: the conversation layer and the adapters hand an
unopened one to a service.

import-linter sees imports, not calls, so this reads the source instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Adapters still being moved onto services; empty once they are.
NOT_YET: tuple[str, ...] = ()


def sources() -> list[Path]:
    found = [*(ROOT / "bot").rglob("*.py"), *(ROOT / "adapters").rglob("*.py")]
    return sorted(p for p in found if not p.relative_to(ROOT).as_posix().startswith(NOT_YET))


def opened_units(tree: ast.AST) -> list[int]:
    """Lines of ``with`` statements whose context mentions a unit of work."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.With | ast.AsyncWith)
        and any("uow" in ast.unparse(item.context_expr) for item in node.items)
    ]


def units_not_handed_on(tree: ast.AST) -> list[int]:
    """Lines where ``….uow()`` is made but not passed straight to a call as an argument."""
    handed = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for arg in (*node.args, *(k.value for k in node.keywords))
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "uow"
        and id(node) not in handed
    ]


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_services_open_units_of_work(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert opened_units(tree) == [], f"{path.name} opens a unit of work itself"
    assert units_not_handed_on(tree) == [], f"{path.name} uses a unit of work itself"


def test_the_check_finds_a_unit_opened_in_a_handler() -> None:
    handler = ast.parse(
        "def show(turn, args):\n"
        "    with turn.deps.uow() as uow:\n"
        "        return uow.tactics.all()\n"
        "def done(turn, args):\n"
        "    return service.done(turn.deps.uow(), 1)\n"
        "def peek(turn, args):\n"
        "    return turn.deps.uow().tactics.all()\n"
    )
    assert opened_units(handler) == [2]
    assert units_not_handed_on(handler) == [2, 7]
