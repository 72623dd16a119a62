"""Editing any field of a tactic from chat (name, purpose, audience, notes, objectives, phase),
each change kept in the tactic's history. Timing, owners and status have their own services in
:mod:`commplan.services.tactics`, since each changes more than one thing."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from commplan.errors import InvalidInput, NotFound
from commplan.people import Directory, Person
from commplan.permissions import require_change
from commplan.plan import Phase, Tactic
from commplan.ports import UnitOfWork
from commplan.services.history import record_change
from commplan.services.plan import current_year

#: The fields edited as typed; the name cannot be left empty.
TEXT_FIELDS = ("name", "purpose", "audience", "notes")
#: Every field :func:`edit_tactic` changes.
FIELDS = (*TEXT_FIELDS, "objectives", "phase")
#: What clears a field ("set the notes of tactic 12 to nothing").
_EMPTY = frozenset({"none", "nothing", "blank", "empty", "clear", "-", "n/a"})


@dataclass(frozen=True, kw_only=True)
class Edited:
    """A tactic after one field was set; ``old`` is that field's value before, as text."""

    tactic: Tactic
    field: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def edit_tactic(
    uow: UnitOfWork, number: int, field: str, value: str, *, person: Person | None, at: datetime
) -> Edited:
    """Set one field of the tactic with this number in the current plan; owners and the team.

    Raises:
        InvalidInput: the field is not one of :data:`FIELDS`, or the value does not fit it
            (an empty name, an objective the plan does not list, a phase that is not Q1-Q4).
    """
    if field not in FIELDS:
        raise InvalidInput(f"A tactic has no field {field!r}; I can change {', '.join(FIELDS)}.")
    with uow as repos:
        year = current_year(repos, at.date())
        tactic = repos.tactics.get(year, number)
        if tactic is None:
            raise NotFound("tactic", number)
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
        require_change(person, tactic.owners, directory, f"tactic {number}")
        plan = repos.plans.get(year)
        listed = len(plan.objectives) if plan is not None else 0
        changed = _with(tactic, field, value.strip(), listed)
        old, new = field_text(tactic, field), field_text(changed, field)
        if old != new:
            repos.tactics.save(changed)
            record_change(repos, changed, field, old, new, who=person.name if person else "", at=at)
            repos.commit()
    return Edited(tactic=changed, field=field, old=old, new=new)


def field_text(tactic: Tactic, field: str) -> str:
    """A field's value as the history and replies write it."""
    if field == "objectives":
        return ", ".join(str(o) for o in tactic.objectives)
    if field == "phase":
        return tactic.phase.value
    return str(getattr(tactic, field))


def _with(tactic: Tactic, field: str, value: str, listed: int) -> Tactic:
    cleared = value.lower().strip(" .") in _EMPTY
    if field == "objectives":
        return replace(tactic, objectives=() if cleared else objectives(value, listed))
    if field == "phase":
        match = re.fullmatch(r"(?:q|phase\s*|quarter\s*)?([1-4])", value.lower().strip())
        if match is None:
            raise InvalidInput(f"{value!r} is not a phase; say Q1, Q2, Q3 or Q4.")
        return replace(tactic, phase=Phase(f"Q{match.group(1)}"))
    if field == "name" and (cleared or not value):
        raise InvalidInput("A tactic needs a name; say 'rename tactic 12 to ...'.")
    text = "" if cleared else value
    if field == "name":
        return replace(tactic, name=text)
    if field == "purpose":
        return replace(tactic, purpose=text)
    if field == "audience":
        return replace(tactic, audience=text)
    return replace(tactic, notes=text)


def objectives(text: str, listed: int) -> tuple[int, ...]:
    """Objective numbers as typed ("1 and 2", "1, 2", "objective 2"), each one the plan lists.

    Raises:
        InvalidInput: no number, or one beyond the plan's list of ``listed`` objectives.
    """
    numbers = tuple(dict.fromkeys(int(n) for n in re.findall(r"\d+", text)))
    if not numbers:
        raise InvalidInput(f"{text!r} names no objective; say e.g. 'objectives 1 and 2'.")
    beyond = [n for n in numbers if n < 1 or (listed and n > listed)]
    if beyond:
        raise InvalidInput(
            f"The plan lists {listed} objectives; there is no objective {beyond[0]}. "
            "Say 'plan objectives' to see them."
        )
    return tuple(sorted(numbers))
