"""Single sign-on settings: all three parts or a message that names what is missing."""

from __future__ import annotations

import pytest

from adapters.settings import SettingsError, load_settings


def test_single_sign_on_is_off_unless_an_issuer_is_set() -> None:
    assert load_settings({}).oidc is None


def test_an_entra_tenant_is_read_with_its_label_and_the_secret_kept_out_of_repr() -> None:
    settings = load_settings(
        {
            "HARMONIBOT_OIDC_ISSUER": "https://login.microsoftonline.com/contoso/v2.0/",
            "HARMONIBOT_OIDC_CLIENT_ID": "0b1c-app",
            "HARMONIBOT_OIDC_CLIENT_SECRET": "s3cret-value",
            "HARMONIBOT_OIDC_LABEL": "Microsoft",
        }
    )
    assert settings.oidc is not None
    assert settings.oidc.issuer == "https://login.microsoftonline.com/contoso/v2.0"
    assert settings.oidc.label == "Microsoft"
    assert "s3cret-value" not in repr(settings)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"HARMONIBOT_OIDC_ISSUER": "https://slack.com"}, "HARMONIBOT_OIDC_CLIENT_ID"),
        (
            {
                "HARMONIBOT_OIDC_ISSUER": "http://idp.example",
                "HARMONIBOT_OIDC_CLIENT_ID": "a",
                "HARMONIBOT_OIDC_CLIENT_SECRET": "b",
            },
            "https://",
        ),
    ],
)
def test_an_incomplete_or_plain_http_provider_is_refused(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(environ)
