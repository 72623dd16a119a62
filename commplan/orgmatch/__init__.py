"""Organisations resolved as a person would: typed names matched to the directory, or classified.

Pure code: the standard library and rapidfuzz only. Build an :class:`OrganisationIndex` once
from the directory and call :func:`resolve_organisation` for each name a person typed (chat,
the Slack contact modal, the inbox's Correct dialogue, imported contacts):

- a name the directory knows, in any everyday form ("DfE", "Dept for Education", "Manchester
  Uni", "Goverment Actuarys Department"), gives the directory's entry: ``known`` is true;
- input that fits several entries equally ("Nuffield", "Department of Health") gives
  ``candidates`` to ask about, never a silent pick;
- a name the directory does not know is classified by the patterns UK readers know ("Leeds
  City Council", "NHS Lothian", "Savanta Ltd"): ``new`` is true, so the caller can tell the
  team a new organisation has been met. When no pattern fits, the type and group are None.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.orgmatch.index import OrganisationIndex
from commplan.orgmatch.patterns import NameClass, classify_name
from commplan.orgmatch.text import fold, tidy

__all__ = [
    "NameClass",
    "OrganisationIndex",
    "OrganisationMatch",
    "classify_name",
    "resolve_organisation",
]


@dataclass(frozen=True, kw_only=True)
class OrganisationMatch:
    """What one typed organisation name resolves to.

    ``name`` is the directory's name when ``known``, else the typed name tidied. ``how`` says
    what decided: "name", "alias", "abbreviation", "spelling", "partial" (the directory name
    plus or minus a word), "pattern" (classified, not listed), "unclassified" (neither),
    "ambiguous" (see ``candidates``) or "blank".
    """

    typed: str
    name: str
    org_type: OrgType | None
    user_group: UserGroup | None
    known: bool
    how: str
    candidates: tuple[Organisation, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """Several directory entries fit (or one only loosely): ask which is meant."""
        return bool(self.candidates)

    @property
    def new(self) -> bool:
        """A named organisation the directory does not list: worth telling the team."""
        return bool(self.name) and not self.known and not self.candidates


def resolve_organisation(
    text: str, directory: OrganisationIndex | Iterable[Organisation]
) -> OrganisationMatch:
    """Resolve a typed organisation name against the directory; never raises.

    Pass an :class:`OrganisationIndex` when resolving more than one name; a plain sequence
    of organisations is indexed on the spot (the last few directories are remembered).
    """
    index = directory if isinstance(directory, OrganisationIndex) else _index(tuple(directory))
    name = tidy(text)
    if not name or " ".join(fold(name)) in _PLACEHOLDERS:
        return OrganisationMatch(
            typed=text, name="", org_type=None, user_group=None, known=False, how="blank"
        )
    found = index.find(text)
    if found is not None and found.sure:
        listed = index[found.names[0]]
        # An entry learnt from an import may have no type yet: the pattern fills the gap.
        filler = None
        if listed.org_type is None or listed.user_group is None:
            filler = classify_name(listed.name) or classify_name(text)
        return OrganisationMatch(
            typed=text,
            name=listed.name,
            org_type=listed.org_type or (filler.org_type if filler else None),
            user_group=listed.user_group or (filler.user_group if filler else None),
            known=True,
            how=found.how,
        )
    guess = classify_name(text)
    if found is not None:
        candidates = tuple(index[n] for n in found.names[:_MAX_CANDIDATES])
        # What the candidates agree on holds whichever is meant; the rest is the pattern's.
        types = {c.org_type for c in candidates}
        groups = {c.user_group for c in candidates}
        org_type = types.pop() if len(types) == 1 else _of(guess)[0]
        user_group = groups.pop() if len(groups) == 1 else _of(guess)[1]
        return OrganisationMatch(
            typed=text,
            name=name,
            org_type=org_type,
            user_group=user_group,
            known=False,
            how="ambiguous",
            candidates=candidates,
        )
    org_type, user_group = _of(guess)
    return OrganisationMatch(
        typed=text,
        name=name,
        org_type=org_type,
        user_group=user_group,
        known=False,
        how="pattern" if guess else "unclassified",
    )


_MAX_CANDIDATES = 5
# What forms and people put where no organisation is known ("n/a" is not The National Archives).
_PLACEHOLDERS = frozenset(
    {"na", "n a", "none", "unknown", "not known", "anon", "anonymous", "tbc", "tba", "tbd",
     "not given", "not stated", "unspecified", "nil", "no", "x", "xx", "xxx", "other"}
)  # fmt: skip


def _of(guess: NameClass | None) -> tuple[OrgType | None, UserGroup | None]:
    return (guess.org_type, guess.user_group) if guess else (None, None)


@functools.lru_cache(maxsize=4)
def _index(organisations: tuple[Organisation, ...]) -> OrganisationIndex:
    return OrganisationIndex.build(organisations)
