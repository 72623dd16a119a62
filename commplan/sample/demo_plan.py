"""The sample plan as the demo shows it: this year's, read the way a team mid-year reads it.

Why the current year. The plan runs January to December, so moving it by whole years puts
today inside it in exactly one place: this year's plan. Any other year leaves today before or
after the plan, where every tactic is either "complete" in the future or long finished.

Why some states move on. The seed's states are a snapshot: the steering group's meeting pack
of 10 September 2015. Tactics whose windows ended before that meeting are shown exactly as the
pack has them (Complete, On-going, or still planned and so overdue: two of them, "Present to
GSS SPSC" and "Set up Twitter account", a realistic few). Tactics the pack still had ahead of
it were blank only because they had not happened yet; a demo after September would show every
one of them overdue (11 of 34 in December), a wall of OVERDUE no real team has. So once today
is past such a tactic's window, it takes the state :data:`LATER` gives it: most done or under
way, and two left undone where the pack itself says they were not thought through ("???
more detailed needed", a blog that waited on the National Statistician).
"""

from __future__ import annotations

from datetime import date

from commplan.records.plan import tactics_from_table
from commplan.records.table import SourceRow, Table

#: The day the seed's states were written down (the NSH SG meeting pack).
SNAPSHOT = (9, 10)

#: What became of the tactics the pack still had ahead of it, by number, as the plan's status
#: column would say it ("" leaves it planned: overdue once its window is over).
LATER = {
    21: "Complete",  # the Significance article
    24: "Complete",  # presenting to the ONS Directors Group
    25: "On-going",  # presentations to senior GSS managers
    27: "",  # John Pullinger's blog: waits on him
    28: "Complete",  # blog from Jacqui
    30: "Complete",  # liaising with Ed Humpherson and RSS users
    31: "Complete",  # the SurveyMonkey questionnaire
    32: "",  # liaise with LARIA: "??? more detailed needed"
    33: "On-going",  # training with the Statistical Training Service
    34: "On-going",  # the baseline analysis
}


def demo_plan_year(today: date) -> int:
    """The one whole-year shift that puts today inside the plan (see the module's notes)."""
    return today.year


def moved_on(tactics: Table, today: date) -> Table:
    """The plan's table (already in :func:`demo_plan_year`) with tactics the seed's snapshot
    had ahead of it, and today has passed, in their :data:`LATER` states."""
    year = demo_plan_year(today)
    snapshot = date(year, *SNAPSHOT)
    ended = {
        t.number: t.window.end
        for t in tactics_from_table(tactics, default_year=year)
        if t.window is not None
    }
    rows = []
    for row in tactics.rows:
        values = dict(row.values)
        number = int(values["number"])
        end = ended.get(number)
        if number in LATER and end is not None and snapshot < end < today:
            values["status"] = LATER[number]
        rows.append(SourceRow(number=row.number, values=values))
    return Table(source=tactics.source, columns=tactics.columns, rows=tuple(rows))
