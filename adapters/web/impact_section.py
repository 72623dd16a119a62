"""The dashboard's "Tactics against the baseline" section and the evidence pack's form.

The figures are those of ``harmonibot report tactics`` (``commplan.services.impact``),
loaded by their own service call so that the page's other figures stay one small snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from html import escape

from aiohttp import web

from adapters.web.bridge import off_loop
from adapters.web.config import DashboardConfig
from adapters.web.loading import Asked, BadPeriod, asked
from adapters.web.tables import TableData
from adapters.web.widgets import Paging, page_number, table_html, tag
from commplan.impact import Change, ObjectiveProgress, RateRatio
from commplan.services.dashboard import plan_periods
from commplan.services.dashboard_impact import ImpactFigures, impact_figures

#: The query parameter of the tactics table's page.
TACTICS_PAGE = "tactics_page"

_SAYS = {
    Change.MORE: "with more contacts after than before",
    Change.FEWER: "with fewer",
    Change.UNCLEAR: "with no clear change",
    Change.NOT_YET: "too early to tell",
}


async def load_impact(config: DashboardConfig, query: Mapping[str, str]) -> ImpactFigures:
    """The impact figures and headline counts for the period the query asks for.

    Raises:
        web.HTTPBadRequest: a date is not a date, or the period ends before it starts
            (as for every dashboard request).
    """
    dates = asked(query)
    try:
        return await off_loop(_figures, config, dates.first, dates.last)
    except BadPeriod as error:
        raise web.HTTPBadRequest(text=str(error)) from None


def _figures(config: DashboardConfig, first: date | None, last: date | None) -> ImpactFigures:
    today = config.clock.now().astimezone(config.timezone).date()
    default, baseline = plan_periods(config.uow(), today)
    period, _ = Asked(first=first, last=last, baseline_first=None, baseline_last=None).periods(
        default, baseline
    )
    return impact_figures(config.uow(), period=period, today=today)


def _ratio(ratio: RateRatio) -> str:
    return "" if ratio.ratio is None else f"{ratio.ratio:.1f}\u00d7"


def _interval(ratio: RateRatio) -> str:
    """ "0.9–2.4", or "above 1.3" when nothing came before (no upper bound)."""
    if ratio.after + ratio.before == 0:
        return ""
    if ratio.high is None:
        return f"above {ratio.low:.1f}"
    return f"{ratio.low:.1f}\u2013{ratio.high:.1f}"


def _tactics_table(figures: ImpactFigures) -> TableData:
    impact = figures.impact
    rows = () if impact is None else impact.tactics
    return TableData(
        title="Each tactic's audience: contacts after it against before",
        columns=(
            "tactic",
            "name",
            "from",
            "audience",
            "after",
            "before",
            "ratio",
            "95% interval",
            "result",
        ),
        rows=tuple(
            (
                str(t.number),
                t.name,
                t.start.isoformat(),
                ", ".join(str(g) for g in t.groups) or "everyone",
                str(t.ratio.after),
                str(t.ratio.before),
                _ratio(t.ratio),
                _interval(t.ratio),
                str(t.change),
            )
            for t in rows
        ),
    )


def _objectives_table(figures: ImpactFigures) -> TableData:
    impact = figures.impact
    rows = () if impact is None else impact.objectives
    return TableData(
        title="Objectives: tactics complete and contacts around them",
        columns=(
            "objective",
            "text",
            "tactics",
            "complete",
            "after",
            "before",
            "ratio",
            "95% interval",
            "result",
        ),
        rows=tuple(
            (
                str(o.number),
                o.text,
                str(o.tactics),
                str(o.complete),
                str(o.ratio.after),
                str(o.ratio.before),
                _ratio(o.ratio),
                _interval(o.ratio),
                str(o.ratio.change),
            )
            for o in rows
        ),
    )


#: The section's tables by name, for the page and the downloads.
IMPACT_TABLES: dict[str, Callable[[ImpactFigures], TableData]] = {
    "tactics-impact": _tactics_table,
    "objectives": _objectives_table,
}


def _objective(progress: ObjectiveProgress) -> str:
    ratio = progress.ratio
    change = ratio.change
    if ratio.after + ratio.before == 0:
        contacts = "No contacts from its tactics' audiences yet."
    else:
        shown = f"{ratio.ratio:.1f}\u00d7, " if ratio.ratio is not None else ""
        contacts = (
            f"{ratio.after} contacts after its tactics, {ratio.before} before "
            f"({shown}95% interval {_interval(ratio)})."
        )
    return (
        f"<li class='objective'><h3 class='objective-title'>Objective {progress.number}: "
        f"{escape(progress.text)}</h3>"
        f"<p><label for='objective-{progress.number}'>{progress.complete} of "
        f"{progress.tactics} tactics complete</label> <progress id='objective-{progress.number}' "
        f"max='{max(progress.tactics, 1)}' value='{progress.complete}'>"
        f"{progress.share_complete:.0%}</progress></p>"
        f"<p>{escape(contacts)} {tag(str(change))}</p></li>"
    )


def impact_html(figures: ImpactFigures, *, downloads: str, links: Mapping[str, str]) -> str:
    """The section's body: how to read it, the objectives, then each tactic."""
    impact = figures.impact
    if impact is None:
        return "<p>No plan is loaded yet, so there are no tactics to measure.</p>"
    unmeasured = "".join(
        f"<li>{u.number}. {escape(u.name)}: {escape(u.why)}</li>" for u in impact.unmeasured
    )
    skipped = (
        f"<details class='details'><summary>{len(impact.unmeasured)} tactics not measured"
        f"</summary><ul class='list'>{unmeasured}</ul></details>"
        if impact.unmeasured
        else ""
    )
    counts = {c: sum(1 for t in impact.tactics if t.change is c) for c in Change}
    said = ", ".join(f"{counts[c]} {_SAYS[c]}" for c in Change if counts[c])
    return (
        f"<p>Contacts from each dated tactic's audience (its user groups) in the "
        f"{impact.weeks} weeks from its start, up to {impact.today:%-d %B %Y}, against as "
        "many days just before it. A change is claimed only when the ratio's 95% interval "
        "leaves out 1: a few contacts either way is often chance.</p>"
        f"<p class='lead-figures'>{len(impact.tactics)} tactics measured: {escape(said)}.</p>"
        f"<ul class='objectives'>{''.join(_objective(o) for o in impact.objectives)}</ul>"
        "<details class='details'><summary>The objectives' figures as a table</summary>"
        + table_html("objectives", _objectives_table(figures), downloads=downloads)
        + "</details>"
        + table_html(
            "tactics-impact",
            _tactics_table(figures),
            downloads=downloads,
            paging=Paging(key=TACTICS_PAGE, page=page_number(links, TACTICS_PAGE)),
            links=links,
        )
        + skipped
    )


def quarter_label(year: int, number: int) -> str:
    return f"{year}Q{number}"


def quarters(today: date, count: int = 8) -> tuple[tuple[str, str], ...]:
    """The last ``count`` quarters up to today's, newest first, as (value, label)."""
    year, number = today.year, (today.month - 1) // 3 + 1
    found = []
    for index in range(count):
        label = f"{year} Q{number}" + (" (so far)" if index == 0 else "")
        found.append((quarter_label(year, number), label))
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
    return tuple(found)


def last_complete_quarter(today: date) -> str:
    """The quarter before today's: the latest a pack can cover in full."""
    return quarters(today, 2)[1][0]


def pack_form(today: date) -> str:
    """The evidence pack's download: a quarter to choose, the last complete one chosen."""
    default = last_complete_quarter(today)
    options = "".join(
        f"<option value='{value}'{' selected' if value == default else ''}>{escape(label)}</option>"
        for value, label in quarters(today)
    )
    return (
        "<p>The Word document the steering group reads: plan progress, contacts against the "
        "baseline with charts, who has gone quiet, topics, unanswered questions, compliance "
        "checks, standards due for review and the champions' updates.</p>"
        "<form method='get' action='/dashboard/pack.docx' class='pack-form'>"
        "<div class='field'><label for='pack-quarter'>Quarter</label>"
        f"<select id='pack-quarter' name='quarter'>{options}</select></div>"
        "<button type='submit' class='button'>Download the evidence pack</button></form>"
    )
