"""What kind of body a name the directory does not know is, from the words any UK reader goes by.

Each rule gives an organisation type and the user group of the ONS user engagement strategy
(2010) that such a body falls in by default. The mapping, and why:

- Local Government -> Sub national organisations: the strategy defines that group as "all local
  authorities ..., other local public sector bodies and regional observatories". Fire and
  rescue authorities, combined authorities, the GLA and sub-national transport bodies are
  local government bodies.
- Police forces -> Government Agency, Sub national organisations: the same choice the e-mail
  rules make for ``police.uk`` (local public sector bodies with no type of their own).
- Higher/Further Education -> Academics and researchers ("academic organisations").
- NHS -> Other government departments: the shipped directory puts NHS England, NHS Scotland,
  NHS Wales and Public Health Scotland there and the e-mail rule does the same for ``nhs.net``;
  typed and e-mailed contacts from one trust must land in one group, or the baseline splits.
  (A trust is arguably an "other local public sector body"; the team can correct one.)
- Central Government Department -> Other government departments, except the devolved
  administrations -> Major policy customers, which the strategy names in that group.
- Government Agency -> Other government departments; research councils -> Academics and
  researchers, as the directory has UKRI and the ESRC.
- International Organisation -> Major policy customers ("European and International bodies");
  foreign national statistics offices are counted here too, the nearest of the ten types.
- Private/commercial organisation -> Private sector; trade bodies (chambers of commerce,
  federations) -> Other, Private sector ("organisations that represent private businesses"),
  as the directory has the FSB, CBI and British Chambers of Commerce.
- Charity -> Voluntary and Community sector; think tanks ("Institute for ...", "Centre for
  ...") -> Charity, Academics and researchers, as the directory has the IFS and Centre for
  Cities.
- Learned and professional bodies (royal societies and colleges, chartered institutes, user
  groups) -> Other, Academics and researchers ("professional organisations and learned
  societies"), as the directory has the RSS and the Royal Geographical Society.
- Media -> Journalists/media. Parliaments and assemblies -> Other, Other government
  departments, as the directory has them. Regional observatories -> Other, Sub national.
- "Member of the public" and the like -> Other, Citizen, as the directory's "Private individual".

Rules are tried in order and the first that fits decides, so the specific comes before the
general: "Betsi Cadwaladr University Health Board" is NHS before it is a university, "Royal
Society of Chemistry" a learned society before a charity, "Coventry Building Society" a
business before a society. A rule marked weak (a newspaper-like last word such as "Post")
is a reasonable guess for a name typed as an organisation but not for a person's display name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from commplan.organisations import OrgType, UserGroup
from commplan.orgmatch.text import fold

_T = OrgType
_G = UserGroup


@dataclass(frozen=True, kw_only=True)
class NameClass:
    """The type and default group a pattern gives a name; ``rule`` names the pattern."""

    org_type: OrgType
    user_group: UserGroup
    rule: str
    weak: bool = False


@dataclass(frozen=True, kw_only=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    org_type: OrgType
    user_group: UserGroup
    weak: bool = False


def _rule(
    name: str, pattern: str, org_type: OrgType, user_group: UserGroup, *, weak: bool = False
) -> _Rule:
    return _Rule(
        name=name, pattern=re.compile(pattern), org_type=org_type, user_group=user_group, weak=weak
    )


# Councils that are national bodies, not local authorities.
_NATIONAL_COUNCILS = (
    r"research|funding|arts|british|sentencing|privy|advisory|security|science|design|"
    r"medical|chiefs|standards|skills|nursing|workforce development|economic"
)

_RULES: tuple[_Rule, ...] = (
    _rule(
        "citizen",
        r"^(a )?(member of (the )?public|members of (the )?public|private (individual|person)|"
        r"individual|self|citizen|resident|general public|public)$",
        _T.OTHER,
        _G.CITIZEN,
    ),
    _rule(
        "regulator",
        r"\b(inspectorate|ombudsman|regulator)\b|\bhm inspector",
        _T.GOVERNMENT_AGENCY,
        _G.OTHER_GOVERNMENT,
    ),
    _rule(
        "nhs",
        r"\bnhs\b|\bhealth (board|authority)\b|\bintegrated care (board|system)\b|\bicb\b|"
        r"\bclinical commissioning group\b|\bccg\b|\bhospitals?\b|"
        r"\bhealth and social care (trust|board)\b|\b(healthcare|care|mental health|"
        r"primary care|ambulance|foundation) trust\b|\bambulance service\b|"
        r"\bpublic health (wales|scotland|agency)\b|\bcommissioning support unit\b",
        _T.NHS,
        _G.OTHER_GOVERNMENT,
    ),
    _rule(
        "police",
        r"\bpolice\b|\bconstabulary\b|\bpolicing\b",
        _T.GOVERNMENT_AGENCY,
        _G.SUB_NATIONAL,
    ),
    _rule(
        "observatory",
        r"\bobservator(y|ies)\b",
        _T.OTHER,
        _G.SUB_NATIONAL,
    ),
    _rule(
        "research-council",
        r"\bresearch council\b",
        _T.GOVERNMENT_AGENCY,
        _G.ACADEMIC,
    ),
    _rule(
        "national-council",
        rf"\b({_NATIONAL_COUNCILS}) council\b",
        _T.GOVERNMENT_AGENCY,
        _G.OTHER_GOVERNMENT,
    ),
    _rule(
        "local-government",
        r"\b(county|district|borough|city|town|parish|community|metropolitan|unitary|regional|"
        r"shire|island|islands) councils?\b|\bborough of\b|\bcity of london corporation\b|"
        r"\bcorporation of london\b|\bcombined authority\b|\bgreater london authority\b|"
        r"\blondon assembly\b|\bmayor of\b|\blocal authorit(y|ies)$|^local authority\b|"
        r"\blocal government association\b|\bfire and rescue\b|\bfire authority\b|"
        r"\bnational park authority\b|^transport for\b|\bcouncils?$|\bassociation of .*councils\b|"
        r"\b(cc|dc|bc|cbc)$",
        _T.LOCAL_GOVERNMENT,
        _G.SUB_NATIONAL,
    ),
    _rule(
        "learned",
        r"\broyal (college|society|academy|institution) of\b|\broyal \w+ society\b|"
        r"\b(statistical|economic|geographical|historical|philosophical|learned|professional) "
        r"society\b|\bchartered (institute|society|association)\b|\bacademy of \w* ?sciences\b|"
        r"\buser (group|forum|network|panel)\b|\bstatistics network\b|^(the )?society of\b",
        _T.OTHER,
        _G.ACADEMIC,
    ),
    _rule(
        "education",
        r"\buniversity\b|\bcollege\b|\bschool of\b|\bbusiness school\b|\bpolytechnic\b|"
        r"\bconservatoire\b|\b(higher|further) education\b|\bsixth form\b",
        _T.EDUCATION,
        _G.ACADEMIC,
    ),
    _rule(
        "professional",
        r"\binstitut(e|ion) of\b",
        _T.OTHER,
        _G.ACADEMIC,
    ),
    _rule(
        "international",
        r"^(un|united nations|eu|(the )?european union)\b|\bcentral bank\b|"
        r"\b(united nations|oecd|eurostat|world bank|imf|"
        r"international monetary fund|world health organisation|unesco|unicef|unece|unctad|"
        r"undp|unhcr|unfpa|ilo|international labour organisation|wto|world trade organisation|"
        r"nato|european (commission|central bank|investment bank|parliament|statistical system)|"
        r"council of europe|commonwealth secretariat|bank for international settlements|"
        r"(african|asian|inter american|caribbean) development bank|interpol)\b|"
        r"^international (organisation|agency|fund|federation|committee|union|energy)",
        _T.INTERNATIONAL,
        _G.MAJOR_POLICY,
    ),
    _rule(
        "devolved",
        r"\b(scottish|welsh) (assembly )?(government|executive)\b|\bnorthern ireland executive\b|"
        r"\bllywodraeth cymru\b|^(the )?(department|ministry) (of|for) .*\bnorthern ireland$",
        _T.CENTRAL_GOVERNMENT,
        _G.MAJOR_POLICY,
    ),
    _rule(
        "executive-agency",
        r"^hm .*\b(service|registry|office|courts|prisons?|passport)\b",
        _T.GOVERNMENT_AGENCY,
        _G.OTHER_GOVERNMENT,
    ),
    _rule(
        "central-government",
        r"^(the )?(department|ministry) (of|for)\b|^(the )?hm\b|\bcabinet office\b|"
        r"\bprime ministers office\b|\bdowning street\b|\b(home|foreign) office\b|"
        r"\bgovernment department\b",
        _T.CENTRAL_GOVERNMENT,
        _G.OTHER_GOVERNMENT,
    ),
    _rule(
        "foreign-statistics",
        r"\bcensus bureau\b|\bbureau of (the census|statistics|labour statistics)\b|"
        r"\bcentral statistics office\b|\bnational statistical (office|institute)\b|"
        r"\bstatistical office\b|^statistics (canada|norway|sweden|netherlands|denmark|finland|"
        r"new zealand|nz|austria|korea|iceland|estonia|lithuania|latvia|poland|south africa)\b",
        _T.INTERNATIONAL,
        _G.MAJOR_POLICY,
    ),
    _rule(
        "media",
        r"\b(news|newspapers?|gazette|herald|chronicle|broadcasting|broadcaster|radio|television|"
        r"tv|magazine|journalists?|journalism|podcast|media)\b|^(the )?(daily|sunday) \w+",
        _T.MEDIA,
        _G.MEDIA,
    ),
    _rule(
        "company",
        r"\b(ltd|limited|plc|llp|llc|inc|incorporated|gmbh)$|\band co$|\bbuilding society\b|"
        r"\bpost office\b|\broyal mail\b",
        _T.PRIVATE,
        _G.PRIVATE_SECTOR,
    ),
    _rule(
        "parliament",
        r"\bparliament\b|\bhouse of (commons|lords)\b|\bsenedd\b|\bassembly$",
        _T.OTHER,
        _G.OTHER_GOVERNMENT,
    ),
    _rule(
        "agency",
        r"\bagency\b|\bexecutive agency\b|\bcommission\b|\bcommissioners?\b|\btribunals?\b|"
        r"\bauthority\b|\boffice (for|of)\b|\boffice$|\bregistry\b|\bexecutive$|"
        r"\b(prison|probation|border|passport|courts|insolvency|civil|forensic science) service\b",
        _T.GOVERNMENT_AGENCY,
        _G.OTHER_GOVERNMENT,
    ),
    _rule(
        "trade-body",
        r"\bchambers? of commerce\b|\b(con)?federation of\b|\btrade (association|body)\b|"
        r"\b(employers|manufacturers|retailers|insurers|bankers|industry) "
        r"(association|federation|council)\b",
        _T.OTHER,
        _G.PRIVATE_SECTOR,
    ),
    _rule(
        "think-tank",
        r"^(the )?(institute|centre) for\b|\bthink tank\b|\bpolicy (institute|exchange|unit)\b",
        _T.CHARITY,
        _G.ACADEMIC,
    ),
    _rule(
        "charity",
        r"\b(charity|charities|charitable|trust|foundation|society|hospice|voluntary|volunteers?|"
        r"housing association|food bank|friends of|save the|action for|alliance|campaign|appeal|"
        r"research uk|cic|community interest company)\b|\bcommunity (group|association)\b",
        _T.CHARITY,
        _G.VOLUNTARY,
    ),
    _rule(
        "company",
        r"\b(consulting|consultancy|consultants|associates|partners|solutions|analytics|research|"
        r"surveys?|economics|econometrics|technologies|software|holdings|marketing)\b|"
        r"\bbank$|^bank of\b|\bbanking group\b|\binsurance\b",
        _T.PRIVATE,
        _G.PRIVATE_SECTOR,
    ),
    _rule(
        "media",
        r"\b(times|post|mail|express|mirror|telegraph|star|record|observer|courier|echo|argus|"
        r"journal|advertiser|tribune|standard|guardian|independent|sun|press|spectator)$",
        _T.MEDIA,
        _G.MEDIA,
        weak=True,
    ),
)


def classify_name(text: str) -> NameClass | None:
    """The type and default user group UK readers would give a name, or None if nothing fits.

    >>> classify_name("London Borough of Hackney").org_type.value
    'Local Government'
    """
    return classify_words(fold(text))


@functools.lru_cache(maxsize=4096)
def classify_words(words: tuple[str, ...]) -> NameClass | None:
    """:func:`classify_name` for a name already folded."""
    folded = " ".join(words)
    if not folded:
        return None
    for rule in _RULES:
        if rule.pattern.search(folded):
            return NameClass(
                org_type=rule.org_type, user_group=rule.user_group, rule=rule.name, weak=rule.weak
            )
    return None


#: Words the rules go by: a name that adds one of these to a directory name ("NHS" + "Lothian",
#: "Royal Society" + "of Chemistry") is usually another body.
SIGNAL_WORDS = frozenset(
    {
        "nhs", "trust", "foundation", "board", "council", "councils", "borough", "county",
        "district", "city", "authority", "university", "college", "school", "institute",
        "society", "agency", "office", "department", "ministry", "commission", "police",
        "constabulary", "government", "executive", "parliament", "assembly", "centre",
        "association", "federation", "hospital", "hospitals", "service", "services",
        "hm", "royal", "national", "international", "united", "nations", "group", "unit",
    }
)  # fmt: skip
