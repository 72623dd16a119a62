"""``harmonibot report pack --quarter 2026Q3 -o pack.docx``: the steering group's evidence pack."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.cli.output import say

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(kinds: Any) -> None:
    pack = kinds.add_parser("pack", help="the quarterly evidence pack as a Word document")
    pack.add_argument("--quarter", required=True, help="the quarter, e.g. 2026Q3")
    pack.add_argument("-o", "--output", type=Path, required=True, help="the .docx to write")
    pack.set_defaults(run=run_pack)


def run_pack(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.files.pack_docx import pack_docx
    from commplan.errors import InvalidInput
    from commplan.services.pack import evidence_pack, quarter

    if args.output.suffix.lower() != ".docx":
        raise InvalidInput(f"{args.output}: the pack is a Word document; name it .docx")
    label, period = quarter(args.quarter)
    pack = evidence_pack(runtime.uow(), label=label, period=period)
    args.output.write_bytes(pack_docx(pack))
    say(f"wrote the {label} evidence pack to {args.output}")
    return 0
