"""How the plan's chat lists look: the first page of tactics, how many more there are, and
where to see them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.messages import Block, Bullets, Context, Header, Intent, Reply, Text
from bot.views.listing import Rest, more_blocks
from bot.views.plan import STATUS_LABEL, tactic_buttons, tactic_line, window_text
from commplan.plan import Tactic


def tactic_list(
    title: str,
    tactics: Sequence[Tactic],
    today: date,
    *,
    intent: Intent,
    empty: str,
    total: int | None = None,
    rest: Rest | None = None,
) -> Reply:
    """A titled list of tactics with buttons on the first few; ``total`` counts the whole
    list when ``tactics`` is its first page, and ``rest`` says where the others are."""
    total = len(tactics) if total is None else total
    data: dict[str, object] = {"tactics": [t.number for t in tactics], "total": total}
    if not tactics:
        return Reply(blocks=(Header(text=title), Text(text=empty)), intent=intent, data=data)
    lines = [tactic_line(t, today) for t in tactics]
    blocks: list[Block] = [Header(text=title), Bullets(items=tuple(lines))]
    blocks += more_blocks(total - len(tactics), rest or Rest())
    for tactic in [t for t in tactics if not t.is_closed][:3]:
        blocks.append(Context(text=f"#{tactic.number} {tactic.name}"))
        blocks.append(tactic_buttons(tactic))
    return Reply(blocks=tuple(blocks), intent=intent, data=data)


def owners_list(
    title: str,
    tactics: Sequence[Tactic],
    today: date,
    *,
    empty: str,
    total: int | None = None,
    rest: Rest | None = None,
) -> Reply:
    """Tactics with their owners first: "who owns what", or a search of the plan."""
    total = len(tactics) if total is None else total
    data: dict[str, object] = {"tactics": [t.number for t in tactics], "total": total}
    if not tactics:
        return Reply(
            blocks=(Header(text=title), Text(text=empty)), intent=Intent.SEARCH_TACTICS, data=data
        )
    lines = tuple(
        f"{', '.join(t.owners) or 'no owner yet'}: #{t.number} {t.name} · {window_text(t)} · "
        f"{STATUS_LABEL[t.status]}{' — OVERDUE' if t.is_overdue(today) else ''}"
        for t in tactics
    )
    return Reply(
        blocks=(
            Header(text=f"{title} ({total})"),
            Bullets(items=lines),
            *more_blocks(total - len(tactics), rest or Rest()),
        ),
        intent=Intent.SEARCH_TACTICS,
        data=data,
    )
