"""The plan's objectives as the plan lists them, and a tactic's named by them."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Bullets, Header, Intent, Reply


def objectives_text(numbers: Sequence[int], listed: Sequence[str]) -> str:
    """Objective numbers with the plan's words for them; a number the plan does not list is
    kept as the tactic gives it."""
    if not listed:
        return ", ".join(str(n) for n in numbers)
    return "; ".join(
        f"{n}. {listed[n - 1]}" if 0 < n <= len(listed) else f"{n} (not in the plan's list)"
        for n in numbers
    )


def objectives_list(year: int, listed: Sequence[str]) -> Reply:
    """The plan's objectives, numbered as tactics refer to them."""
    if not listed:
        return Reply(text=f"The {year} plan lists no objectives.", intent=Intent.PLAN_SUMMARY)
    return Reply(
        blocks=(
            Header(text=f"Objectives of the {year} plan"),
            Bullets(items=tuple(f"{n}. {text}" for n, text in enumerate(listed, 1))),
        ),
        intent=Intent.PLAN_SUMMARY,
        data={"year": year, "objectives": list(listed)},
    )
