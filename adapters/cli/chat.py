"""Chat commands: ``chat`` (console), ``ask`` (one turn) and ``standards lookup``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from adapters.cli.output import emit_json, emit_json_line, say
from adapters.console.render import render
from adapters.console.repl import run_chat
from bot.messages import Actor, Incoming

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--as", dest="name", default="", help="who you are (a person's name)")
    chat.set_defaults(run=run_console)

    ask = commands.add_parser("ask", help="one chat turn through the same core as every chat")
    ask.add_argument(
        "text", nargs="+", help="the message; '-' reads messages from stdin, one a line"
    )
    ask.add_argument("--as", dest="name", default="", help="who is asking (a person's name)")
    ask.add_argument("--json", action="store_true", help="print text, intent and data as JSON")
    ask.set_defaults(run=run_ask)

    standards = commands.add_parser("standards", help="the standards catalogue")
    actions = standards.add_subparsers(dest="standards_command", required=True, metavar="ACTION")
    lookup = actions.add_parser("lookup", help="answer questions read from stdin, one a line")
    lookup.add_argument("--json", action="store_true", help="print JSON lines")
    lookup.set_defaults(run=run_lookup)


def run_console(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_bot, migrate
    from adapters.console.away import waiting_for

    migrate(runtime)
    bot = build_bot(runtime)
    zone = runtime.settings.timezone
    waiting = waiting_for(runtime.uow, args.name, zone) if args.name else []
    return run_chat(bot.handle, runtime.clock.now, name=args.name, waiting=waiting)


def run_ask(args: argparse.Namespace, runtime: Runtime) -> int:
    """One turn, or with the text "-" one turn per stdin line (blank lines skipped), each
    printed as it is answered: one JSON line with --json, else one reply block."""
    from adapters.bootstrap import build_bot

    bot = build_bot(runtime)
    name = args.name or ""
    batch = args.text == ["-"]
    texts = (line.strip() for line in sys.stdin) if batch else iter([" ".join(args.text)])
    failed = False
    for text in texts:
        if not text:
            continue
        incoming = Incoming(
            actor=Actor(platform="cli", user_id=name or "cli", name=name),
            text=text,
            at=runtime.clock.now(),
            conversation="cli",
        )
        reply = bot.handle(incoming)
        failed = failed or reply.intent == "error"
        shown = {"text": reply.text, "intent": reply.intent, "data": reply.data}
        if args.json:
            emit_json_line(shown) if batch else emit_json(shown)
        else:
            say(render(reply)[0] + ("\n" if batch else ""))
    return 1 if failed else 0


def run_lookup(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_bot

    index = build_bot(runtime).deps.standards()
    for line in sys.stdin:
        query = line.strip()
        if not query:
            continue
        lookup = index.lookup(query)
        matches = [
            {
                "name": m.standard.name,
                "score": round(m.score, 3),
                "status": m.standard.status,
                "url": m.standard.url,
            }
            for m in lookup.matches[:3]
        ]
        if args.json:
            emit_json_line({"query": query, "answered": lookup.answered, "matches": matches})
        else:
            best = matches[0]["name"] if lookup.answered else "no standard covers this"
            say(f"{query}\t{best}")
    return 0
