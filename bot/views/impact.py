"""How a tactic's effect and an objective's progress read in chat."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Block, Bullets, Context, Header, Intent, Reply, Text
from commplan.impact import Change, ObjectiveProgress, RateRatio, TacticImpact

_SAYS = {
    Change.MORE: "more contacts than before",
    Change.FEWER: "fewer contacts than before",
    Change.UNCLEAR: "no clear change: the counts are too small or too close to tell",
    Change.NOT_YET: "too early to tell: it has not started yet",
}
_CAVEAT = (
    "Contacts from the tactic's audience in the weeks from its start, against as many days "
    "just before; the 95% interval is the range the true ratio is likely in."
)


def counts(ratio: RateRatio) -> str:
    said = f"{ratio.after} after, {ratio.before} before"
    if ratio.after + ratio.before == 0:
        return said
    high = "no upper bound" if ratio.high is None else f"{ratio.high:.1f}"
    shown = "more than before (none before)" if ratio.ratio is None else f"{ratio.ratio:.1f}\u00d7"
    return f"{said}: {shown}, 95% interval {ratio.low:.1f} to {high}"


def impact_line(impact: TacticImpact) -> str:
    """One tactic's effect in a line, for the digest: "#20 GSS conference (from 17 Sep):
    more contacts than before (34 after, 12 before: 2.8x, 95% interval 1.5 to 5.4)"."""
    says = _SAYS[impact.change].split(":")[0]
    head = f"#{impact.number} {impact.name} (from {impact.start:%-d %b})"
    return f"{head}: {says} ({counts(impact.ratio)})"


def tactic_impacts(impacts: Sequence[TacticImpact]) -> Reply:
    blocks: list[Block] = []
    for impact in impacts[:5]:
        audience = ", ".join(str(g) for g in impact.groups) or "everyone"
        blocks.append(Header(text=f"#{impact.number} {impact.name}"[:150]))
        blocks.append(
            Text(
                text=f"From {impact.start:%-d %B %Y}, {impact.weeks} weeks, audience: {audience}. "
                f"*{_SAYS[impact.change].capitalize()}* ({counts(impact.ratio)})."
            )
        )
    blocks.append(Context(text=_CAVEAT))
    return Reply(
        blocks=tuple(blocks),
        intent=Intent.TACTIC_IMPACT,
        data={
            "tactics": [
                {
                    "number": i.number,
                    "change": str(i.change),
                    "after": i.ratio.after,
                    "before": i.ratio.before,
                }
                for i in impacts[:5]
            ]
        },
    )


def objective(progress: ObjectiveProgress) -> Reply:
    return Reply(
        blocks=(
            Header(text=f"Objective {progress.number}"),
            Text(text=progress.text),
            Bullets(
                items=(
                    (
                        f"{progress.complete} of {progress.tactics} tactics complete "
                        f"({progress.share_complete:.0%})"
                    ),
                    (
                        f"Contacts around its tactics: {counts(progress.ratio)} "
                        f"({_SAYS[progress.ratio.change]})"
                    ),
                )
            ),
            Context(text=_CAVEAT),
        ),
        intent=Intent.OBJECTIVE_PROGRESS,
        data={
            "objective": progress.number,
            "tactics": progress.tactics,
            "complete": progress.complete,
            "change": str(progress.ratio.change),
        },
    )


def nothing_measured(term: str) -> Reply:
    return Reply(
        blocks=(
            Text(
                text=f"I found no dated tactic about \u201c{term}\u201d to measure. Try "
                "'search tactics <words>' to find it, then 'impact of tactic <number>'."
            ),
        ),
        intent=Intent.TACTIC_IMPACT,
        data={"tactics": []},
    )
