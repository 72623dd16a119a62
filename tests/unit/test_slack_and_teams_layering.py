"""The chat adapters open no unit of work: they translate, and hand an unopened one to a service.

import-linter sees imports, not calls, so this reads the source instead (as the bot's own
layering test does).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import adapters

ADAPTERS = Path(adapters.__file__).parent
CHATS = ("slack", "teams", "console")


def sources() -> list[Path]:
    return sorted(p for chat in CHATS for p in (ADAPTERS / chat).rglob("*.py"))


def _mentions_uow(node: ast.AST) -> bool:
    return "uow" in ast.unparse(node)


def opened_units(tree: ast.AST) -> list[int]:
    """Lines of ``with`` statements whose context mentions a unit of work."""
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.With | ast.AsyncWith)
        and any(_mentions_uow(item.context_expr) for item in node.items)
    )


def units_used(tree: ast.AST) -> list[int]:
    """Lines where a unit of work is made (``….uow()``, ``self._uow()``) and used on the spot
    instead of passed straight to a call as an argument."""
    handed = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for arg in (*node.args, *(k.value for k in node.keywords))
    }
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _makes_a_unit(node.func)
        and not node.args
        and not node.keywords
        and id(node) not in handed
    )


def _makes_a_unit(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return "uow" in name


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ADAPTERS)))
def test_the_chat_adapters_only_hand_units_of_work_to_services(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert opened_units(tree) == [], f"{path.name} opens a unit of work itself"
    assert units_used(tree) == [], f"{path.name} uses a unit of work itself"


def test_the_check_finds_units_used_by_an_adapter() -> None:
    adapter = ast.parse(
        "def claim(self, key):\n"
        "    with self._uow() as uow:\n"
        "        return uow.claims.claim(key)\n"
        "def find(self, user):\n"
        "    return identify(self._uow(), user_id=user)\n"
        "def peek(self):\n"
        "    return self._uow().people.all()\n"
        "async def later(self):\n"
        "    return await asyncio.to_thread(channels, self._uow(), platform='teams')\n"
    )
    assert opened_units(adapter) == [2]
    assert units_used(adapter) == [2, 7]
