"""The evidence pack as a Word document (python-docx), with its charts drawn by matplotlib."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from adapters.charts import stacked_bars
from commplan.baseline import BaselineReport, Period
from commplan.champions import ChampionsSection
from commplan.impact import RateRatio
from commplan.services.pack import EvidencePack

LONG_LIST = 15


def pack_docx(pack: EvidencePack) -> bytes:
    from docx import Document
    from docx.shared import Inches

    document = Document()
    document.core_properties.title = f"Harmonisation evidence pack, {pack.label}"
    document.add_heading(f"Harmonisation evidence pack, {pack.label}", level=0)
    document.add_paragraph(
        f"{_days(pack.period)}. Baseline: {_days(pack.baseline_period)}. "
        f"Communication plan {pack.plan_year}."
    )

    document.add_heading("1. Plan progress", level=1)
    _table(
        document,
        ("Phase", "Tactics", "Complete", "On-going", "Overdue at quarter end"),
        [(str(p.phase), p.total, p.complete, p.ongoing, p.overdue) for p in pack.phases],
    )
    document.add_heading("Objectives", level=2)
    _table(
        document,
        ("Objective", "Tactics", "Complete", "Contacts around its tactics", "Change"),
        [
            (f"{o.number}. {o.text}", o.tactics, o.complete, _ratio(o.ratio), str(o.ratio.change))
            for o in pack.impact.objectives
        ],
    )

    document.add_heading("2. Contacts against the baseline", level=1)
    document.add_paragraph(
        f"{pack.by_group.total} contacts in the quarter. The baseline column is the baseline "
        "period's count scaled to the quarter's length."
    )
    document.add_heading("By user group", level=2)
    _baseline_table(document, pack.by_group, "User group")
    chart = stacked_bars(
        list(pack.monthly), title="Contacts per month by organisation type", fmt="png", dpi=150
    )
    document.add_picture(io.BytesIO(chart), width=Inches(6))
    document.add_heading("By organisation type", level=2)
    _baseline_table(document, pack.by_type, "Organisation type")

    document.add_heading("3. Tactics measured against the baseline", level=1)
    document.add_paragraph(
        f"Contacts from each tactic's audience in the {pack.impact.weeks} weeks from its start "
        "(to the quarter's end) against as many days before, with the rate ratio's 95% "
        "interval: a change is claimed only when the interval leaves out 1."
    )
    _table(
        document,
        ("Tactic", "Start", "After", "Before", "Ratio (95% interval)", "Change"),
        [
            (
                f"#{t.number} {t.name}",
                f"{t.start:%-d %b %Y}",
                t.ratio.after,
                t.ratio.before,
                _ratio(t.ratio),
                str(t.change),
            )
            for t in pack.impact.tactics
        ],
    )

    document.add_heading("4. Who has gone quiet", level=1)
    never = pack.gaps.never_heard
    document.add_paragraph(
        f"No contact in the {pack.gaps.days} days to {pack.gaps.at:%-d %B %Y}: "
        f"{len(pack.gaps.organisations)} organisations in the directory"
        + (f"; user groups never heard from: {', '.join(never)}." if never else ".")
    )
    quiet = [
        (q.name, f"{q.last_contact:%-d %b %Y}" if q.last_contact else "never")
        for q in pack.gaps.organisations
    ]
    _table(document, ("Organisation", "Last contact"), quiet[:LONG_LIST])
    if len(quiet) > LONG_LIST:
        document.add_paragraph(f"and {len(quiet) - LONG_LIST} more (harmonibot report gaps).")

    document.add_heading("5. Topics and queries per standard", level=1)
    topics = sorted(pack.by_standard.rows, key=lambda r: -r.count)
    _table(
        document,
        ("Standard", "Contacts", "Baseline"),
        [
            (r.group or "no standard", r.count, f"{r.baseline:g}")
            for r in topics[:LONG_LIST]
            if r.count
        ],
    )
    if pack.rising:
        document.add_paragraph(
            "Rising (a signal to review a standard): "
            + "; ".join(f"{t.topic} ({t.recent} against {t.before})" for t in pack.rising)
        )

    document.add_heading("6. Unanswered questions", level=1)
    document.add_paragraph(
        f"{len(pack.unanswered)} questions in the quarter that no standard answered."
    )
    for question in pack.unanswered[:LONG_LIST]:
        document.add_paragraph(question.text[:200], style="List Bullet")

    document.add_heading("7. Question compliance checks", level=1)
    total = sum(n for _, n in pack.checks)
    document.add_paragraph(f"{total} draft questions checked against the standards.")
    _table(document, ("Standard", "Checks"), list(pack.checks))

    document.add_heading("8. Standards due for review", level=1)
    _table(
        document,
        ("Standard", "Last reviewed"),
        [
            (s.name, f"{s.last_review:%-d %b %Y}" if s.last_review else "not known")
            for s in pack.due_for_review
        ],
    )
    _champions(document, pack.champions)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _champions(document: Any, section: ChampionsSection) -> None:
    document.add_heading("9. Champions", level=1)
    champions = len(section.updates) + len(section.missing)
    document.add_paragraph(
        f"{len(section.updates)} of {champions} harmonisation champions gave an update for "
        f"{section.quarter.label}."
    )
    _table(
        document,
        ("Organisation", "Champion", "Harmonised", "Blocked"),
        [(u.organisation, u.person, u.harmonised, u.blocked or "nothing") for u in section.updates],
    )
    document.add_heading("Champions with no update", level=2)
    _table(
        document,
        ("Champion", "Organisation"),
        [(c.person, c.organisation) for c in section.missing],
    )
    document.add_heading("Organisations with no champion", level=2)
    without = section.without_champion
    if not without:
        document.add_paragraph("Every organisation in the directory has a champion.")
        return
    document.add_paragraph(
        f"{len(without)} of the {section.directory_size} organisations in the directory have "
        "no champion"
        + (f"; the first {LONG_LIST}, departments first:" if len(without) > LONG_LIST else ":")
    )
    for name in without[:LONG_LIST]:
        document.add_paragraph(name, style="List Bullet")
    if len(without) > LONG_LIST:
        document.add_paragraph(f"and {len(without) - LONG_LIST} more.")


def _days(period: Period) -> str:
    return f"{period.first:%-d %B %Y} to {period.last:%-d %B %Y}"


def _ratio(ratio: RateRatio) -> str:
    if ratio.after + ratio.before == 0:
        return "no contacts"
    high = "\u221e" if ratio.high is None else f"{ratio.high:.1f}"
    shown = "\u2013" if ratio.ratio is None else f"{ratio.ratio:.1f}"
    return f"{shown} ({ratio.low:.1f} to {high})"


def _baseline_table(document: Any, report: BaselineReport, label: str) -> None:
    _table(
        document,
        (label, "Contacts", "Baseline", "Change"),
        [
            (r.group or "not known", r.count, f"{r.baseline:g}", f"{r.change:+g}")
            for r in report.rows
        ],
    )


def _table(document: Any, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    if not rows:
        document.add_paragraph("None.")
        return
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
