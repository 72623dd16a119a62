"""UK bank holidays from the ``holidays`` package, as the domain's working-day calendar."""

from __future__ import annotations

import holidays

from commplan.workdays import WorkingDays


def uk_working_days(region: str = "ENG") -> WorkingDays:
    """Working days for a UK nation: ENG (England and Wales), SCT or NIR.

    Wales shares England's bank holidays, which the package lists under ENG and WLS alike.
    """
    return WorkingDays(holidays=holidays.country_holidays("GB", subdiv=region))
