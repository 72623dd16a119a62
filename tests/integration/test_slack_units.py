"""How many units of work (transactions) one Slack request costs, over the real stack: a signed
request through Bolt to ``serve``'s application, run in process with a counted unit of work."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from adapters.bootstrap import build_runtime
from adapters.settings import load_settings
from tests.integration.slack.in_process import CountingUnits, serving_in_process
from tests.integration.slack.recorder import Call
from tests.integration.slack.requests import command_body, unique
from tests.integration.slack.thread import recording_slack
from tests.integration.slack.workspace import FORM, seed_workspace, slack_environment, slack_users

ETHNICITY = "Ethnicity harmonised standard"
#: One to start the turn (claim, identify, draft), one for the command's own service call.
MOST_UNITS = 2


async def test_a_slash_command_opens_at_most_two_units_of_work(tmp_path: Path) -> None:
    database = seed_workspace(tmp_path)
    with recording_slack(slack_users()) as slack:
        runtime = build_runtime(load_settings(slack_environment(database, slack.api_url)))
        units = CountingUnits(runtime.uow)
        try:
            async with serving_in_process(replace(runtime, uow=units)) as serve:

                async def ask(text: str, user: str) -> int:
                    hook = unique("units-")
                    units.reset()
                    body = command_body(text, user=user, response_url=slack.hook(hook))
                    assert (await serve.post(body, FORM)).status_code == 200

                    def answers() -> list[Call]:
                        return [
                            c for c in slack.recorder.recorded("response_url") if hook in c.path
                        ]

                    await serve.answered(lambda: bool(answers()))
                    [answer] = answers()
                    assert ETHNICITY in answer.text()
                    return units.entered

                # The catalogue is read once (and re-read at most once a minute), not per turn.
                await ask("which standard covers ethnicity", "UBECKI")
                # Pete is known by his Slack id; Palvi only by e-mail, linked in the same unit.
                assert await ask("which standard covers ethnicity", "UPETE") <= MOST_UNITS
                assert await ask("which standard covers ethnicity", "UPALVI") <= MOST_UNITS
            with runtime.uow() as uow:
                palvi = uow.people.get("Palvi Shah")
            assert palvi is not None and palvi.slack_id == "UPALVI"
        finally:
            runtime.engine.dispose()
