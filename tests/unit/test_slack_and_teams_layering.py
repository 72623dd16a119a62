"""The chat adapters keep no unit of work for themselves: every one they make, even from a
factory of their own (``self._uow()``), goes straight to a service.

``tests/unit/test_layering.py`` finds units opened with ``with`` anywhere in the adapters and
units made by ``….uow()``; this also catches a private factory's, which the chat adapters hold.
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
    assert units_used(adapter) == [2, 7]
