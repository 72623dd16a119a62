"""Ranking of the harmonised standards catalogue for "which standard covers X?" questions.

Pure code: the standard library and rapidfuzz only. Build a :class:`StandardsIndex` once from
the catalogue and call :meth:`StandardsIndex.lookup` per question.
"""

from commplan.ranking.baseline import PlainBM25Index
from commplan.ranking.features import DEFAULT_CALIBRATION, Calibration, Features
from commplan.ranking.index import Assessment, Candidate, Lookup, Match, StandardsIndex

__all__ = [
    "Assessment",
    "DEFAULT_CALIBRATION",
    "Calibration",
    "Candidate",
    "Features",
    "Lookup",
    "Match",
    "PlainBM25Index",
    "StandardsIndex",
]
