"""A sender's display name sharpens what an unlisted domain alone would make of them."""

from __future__ import annotations

import pytest

from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.senders import SenderDirectory

ONS = Organisation(
    name="Office for National Statistics",
    org_type=OrgType.CENTRAL_GOVERNMENT,
    user_group=UserGroup.OTHER_GOVERNMENT,
    domains=("ons.gov.uk",),
)
DIRECTORY = SenderDirectory([ONS])


@pytest.mark.parametrize(
    ("address", "name", "organisation", "org_type", "user_group"),
    [
        # an unknown domain takes what the name plainly is, keeping the domain as its name
        ("surveys@bmgresearch.co.uk", "BMG Research", "bmgresearch.co.uk", OrgType.PRIVATE,
         UserGroup.PRIVATE_SECTOR),
        ("info@example.org.uk", "Leeds Community Foundation", "example.org.uk",
         OrgType.CHARITY, UserGroup.VOLUNTARY),
        ("j@mrc.ac.org", "Jane Smith (Medical Research Council)", "mrc.ac.org",
         OrgType.GOVERNMENT_AGENCY, UserGroup.ACADEMIC),
        # a .gov.uk domain taken for a council turns out to be a central or NHS body
        ("enquiries@legalaid.gov.uk", "Legal Aid Agency", "legalaid.gov.uk",
         OrgType.GOVERNMENT_AGENCY, UserGroup.OTHER_GOVERNMENT),
        ("a@hmcts.gov.uk", "Sam Jones - HM Courts & Tribunals Service", "hmcts.gov.uk",
         OrgType.GOVERNMENT_AGENCY, UserGroup.OTHER_GOVERNMENT),
        ("a@dexeu.gov.uk", "Department for Exiting the European Union", "dexeu.gov.uk",
         OrgType.CENTRAL_GOVERNMENT, UserGroup.OTHER_GOVERNMENT),
    ],
)  # fmt: skip
def test_a_plain_display_name_sharpens_an_unlisted_domain(
    address: str, name: str, organisation: str, org_type: OrgType, user_group: UserGroup
) -> None:
    found = DIRECTORY.classify_named(address, name)
    assert (found.organisation, found.org_type, found.user_group) == (
        organisation,
        org_type,
        user_group,
    )
    assert found.rule == "display-name"
    # the same name inside the address does the same
    assert DIRECTORY.classify(f'"{name}" <{address}>') == found


@pytest.mark.parametrize(
    ("address", "name", "rule", "org_type"),
    [
        # a person's name says nothing
        ("a@leeds.gov.uk", "Jane Smith", "local-government", OrgType.LOCAL_GOVERNMENT),
        ("a@mail.acme.io", "Smith, Jane", "unknown", None),
        ("a@mail.acme.co.uk", "Smith, Jane", "company-domain", OrgType.PRIVATE),
        # a weak pattern fits people too ("Post" is a surname and a newspaper)
        ("a@mail.acme.io", "Emily Post", "unknown", None),
        ("a@mail.acme.co.uk", "Emily Post", "company-domain", OrgType.PRIVATE),
        # a council's name on a council's domain changes nothing
        ("a@leeds.gov.uk", "Leeds City Council", "local-government", OrgType.LOCAL_GOVERNMENT),
        # a .gov.uk domain is a public body, whatever its sender calls themself
        ("a@leeds.gov.uk", "Acme Consulting Ltd", "local-government", OrgType.LOCAL_GOVERNMENT),
        ("a@leeds.gov.uk", "a member of the public", "local-government",
         OrgType.LOCAL_GOVERNMENT),
        # the directory and the firmer rules are not second-guessed
        ("jane@ons.gov.uk", "Leeds City Council", "directory", OrgType.CENTRAL_GOVERNMENT),
        ("jo@gmail.com", "Kent County Council", "free-mail", OrgType.OTHER),
        ("a@leeds.ac.uk", "Leeds Teaching Hospitals NHS Trust", "academic", OrgType.EDUCATION),
        ("a@met.police.uk", "Metropolitan Police Service", "police", OrgType.GOVERNMENT_AGENCY),
    ],
)  # fmt: skip
def test_names_that_say_nothing_new_leave_the_domain_s_guess(
    address: str, name: str, rule: str, org_type: OrgType | None
) -> None:
    found = DIRECTORY.classify_named(address, name)
    assert (found.rule, found.org_type) == (rule, org_type)
    assert found == DIRECTORY.classify(address)


def test_a_name_given_apart_wins_over_the_one_in_the_address() -> None:
    found = DIRECTORY.classify_named('"Jane Smith" <a@legalaid.gov.uk>', "Legal Aid Agency")
    assert (found.rule, found.org_type) == ("display-name", OrgType.GOVERNMENT_AGENCY)


def test_a_bare_address_classifies_as_before() -> None:
    assert DIRECTORY.classify("a@leeds.gov.uk") == DIRECTORY.classify_named("a@leeds.gov.uk", "")


@pytest.mark.parametrize(
    ("address", "name", "hints", "rule", "org_type"),
    [
        # the signature names the body when the display name is a person's
        ("m@housingvoice.io", "Matt Osei", ("Matt Osei", "Tenants' Charity of Leeds"),
         "signature", OrgType.CHARITY),
        # ... or confirms what the registry presumes
        ("m@acme.co.uk", "Matt Osei", ("Matt Osei", "Research Manager, Acme Research"),
         "signature", OrgType.PRIVATE),
        ("m@acme.co.uk", "Matt Osei", ("Matt Osei",), "company-domain", OrgType.PRIVATE),
        ("m@hmcts.gov.uk", "Sam Jones", ("Sam Jones", "HM Courts & Tribunals Service"),
         "signature", OrgType.GOVERNMENT_AGENCY),
        # the display name goes first; the directory and the firm rules are never overruled
        ("m@acme.io", "Acme Consulting Ltd", ("Leeds City Council",), "display-name",
         OrgType.PRIVATE),
        ("m@ons.gov.uk", "Jane Smith", ("Leeds City Council",), "directory",
         OrgType.CENTRAL_GOVERNMENT),
        ("m@leeds.ac.uk", "Jane Smith", ("Save the Children",), "academic", OrgType.EDUCATION),
    ],
)  # fmt: skip
def test_a_signature_sharpens_a_guess_the_display_name_leaves(
    address: str, name: str, hints: tuple[str, ...], rule: str, org_type: OrgType
) -> None:
    found = DIRECTORY.classify_named(address, name, hints=hints)
    assert (found.rule, found.org_type) == (rule, org_type)
