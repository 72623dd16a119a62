"""When the demo's contacts happen: the seasons of a statistics team's year, and office hours."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

from commplan.workdays import WorkingDays

#: Contacts per month, against an ordinary month: quiet in August and over Christmas, busy
#: in March (the census and the first quarter's baseline) and June to September (the
#: consultation ran from June to September, and the GSS conference is in September).
SEASON = {
    1: 1.0, 2: 1.05, 3: 1.45, 4: 0.95, 5: 1.05, 6: 1.3,
    7: 1.2, 8: 0.45, 9: 1.35, 10: 1.1, 11: 1.05, 12: 0.9,
}  # fmt: skip
#: Months in which census topics are asked about more, and by how much.
CENSUS_MONTHS = {3: 3.0, 6: 2.0, 7: 2.0, 8: 1.5, 9: 2.0}


def season(day: date, calendar: WorkingDays | None) -> float:
    """How busy a day is, against an ordinary working day."""
    weight = SEASON[day.month]
    if not (calendar or WorkingDays()).is_working(day):
        weight *= 0.08
    if (day.month, day.day) >= (12, 21) or (day.month, day.day) <= (1, 2):
        weight *= 0.25  # Christmas and New Year: hardly anyone writes
    return weight


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; the means here are small)."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def office_hours(moment: datetime, rng: random.Random) -> datetime:
    """The team replies in office hours: an evening or weekend answer waits for the morning."""
    while moment.hour >= 18 or moment.hour < 8 or moment.weekday() >= 5:
        next_day = moment.date() + timedelta(days=1)
        minutes = rng.randrange(9 * 60, 11 * 60)
        moment = datetime.combine(next_day, time(minutes // 60, minutes % 60), tzinfo=moment.tzinfo)
    return moment
