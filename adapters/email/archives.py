"""Reading .eml files and mbox archives, streamed one message at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

_QUOTED_FROM = re.compile(rb"^>+From ")


def iter_mbox(path: Path) -> Iterator[bytes]:
    """Stream the messages of an mbox archive one at a time, in constant memory.

    A message starts at a "From " line at the start of the file or after a blank line;
    ">From " quoting in bodies is undone (mboxrd: one ">" comes off).
    """
    with Path(path).open("rb") as handle:
        lines: list[bytes] = []
        after_blank = True  # the start of the file counts as after a blank line
        for line in handle:
            if after_blank and line.startswith(b"From "):
                message = _mbox_message(lines)
                if message:
                    yield message
                lines = []
                after_blank = False
                continue
            after_blank = not line.rstrip(b"\r\n")
            lines.append(line[1:] if _QUOTED_FROM.match(line) else line)
        message = _mbox_message(lines)
        if message:
            yield message


def iter_paths(paths: Iterable[Path | str]) -> Iterator[tuple[str, bytes]]:
    """Yield (source label, raw message) for .eml files and mbox archives.

    A directory stands for its .eml and .mbox files, sorted by name; a message from an archive
    is labelled "archive#n", counting from 1. A file with neither suffix is taken as an mbox
    archive when it starts with "From ", else as one message.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            members = sorted(
                child
                for child in path.iterdir()
                if child.is_file() and child.suffix.lower() in {".eml", ".mbox"}
            )
            for member in members:
                yield from _iter_file(member)
        else:
            yield from _iter_file(path)


def _mbox_message(lines: list[bytes]) -> bytes:
    """One archived message: the blank line that preceded the next separator comes off."""
    if lines and not lines[-1].rstrip(b"\r\n"):
        lines = lines[:-1]
    message = b"".join(lines)
    return message if message.strip() else b""


def _iter_file(path: Path) -> Iterator[tuple[str, bytes]]:
    if _is_mbox(path):
        for number, raw in enumerate(iter_mbox(path), start=1):
            yield f"{path}#{number}", raw
    else:
        yield str(path), path.read_bytes()


def _is_mbox(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in {".mbox", ".eml"}:
        return suffix == ".mbox"
    with path.open("rb") as handle:
        return handle.read(5) == b"From "
