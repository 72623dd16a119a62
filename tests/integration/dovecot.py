"""Run a real, rootless Dovecot 2.3 IMAP server on loopback for the tests.

The configuration is the one verified in the tech notes (section 5): cleartext login, a
passwd-file with one user, maildir storage, everything under a fresh temporary directory. Tests
often run as root, and Dovecot refuses root as its internal and login user, so then the server's
users are ``nobody``/``nogroup`` and the directory is theirs.
"""

from __future__ import annotations

import grp
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

log = logging.getLogger(__name__)

DOVECOT = Path("/usr/sbin/dovecot")
USERNAME = "shared"
PASSWORD = "s3cret-dovecot-pw"  # a test-only password, distinctive so leaks are easy to spot
_START_SECONDS = 15.0
_STOP_SECONDS = 10.0

_CONFIG = """\
# Written by tests/integration/dovecot.py: IMAP on loopback, cleartext login, maildir, no TLS.
protocols = imap
listen = 127.0.0.1
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Dovecot waits 2 s before answering a failed login; the tests need no brute-force brake.
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:{dir}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {dir}/users
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass(frozen=True, kw_only=True)
class DovecotServer:
    """A running server: where it listens and the one account it knows."""

    host: str
    port: int
    username: str
    password: str
    directory: Path


def require_dovecot() -> None:
    """Skip the test when Dovecot is not installed, or fail when services are required."""
    if DOVECOT.exists():
        return
    reason = f"{DOVECOT} is not installed (apt-get install dovecot-imapd)"
    if os.environ.get("HARMONIBOT_REQUIRE_SERVICES") == "1":
        pytest.fail(f"Dovecot is required: {reason}")
    pytest.skip(reason)


@contextmanager
def run_dovecot() -> Iterator[DovecotServer]:
    """Start Dovecot on a free loopback port, yield it, and stop it again."""
    user, group = _service_account()
    uid, gid = pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid
    # Not pytest's tmp_path: as root that lies under a 0700 directory the server's user cannot
    # traverse, and a short path keeps Dovecot's unix sockets under the 108-byte limit.
    directory = Path(tempfile.mkdtemp(prefix="harmonibot-dovecot-"))
    try:
        port = _free_port()
        _write_config(directory, user=user, group=group, uid=uid, gid=gid, port=port)
        _chown_tree(directory, uid, gid)
        # A file, not a pipe: nobody reads a pipe while the tests run, and a full one blocks.
        with (directory / "stdout.log").open("ab") as output:
            process = subprocess.Popen(
                [str(DOVECOT), "-F", "-c", str(directory / "dovecot.conf")],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Its own process group, so teardown can signal the master and its children.
                start_new_session=True,
            )
        try:
            _wait_for_port(process, port, directory)
            yield DovecotServer(
                host="127.0.0.1",
                port=port,
                username=USERNAME,
                password=PASSWORD,
                directory=directory,
            )
        finally:
            _stop(process)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _service_account() -> tuple[str, str]:
    """The user and group Dovecot's services run as: ``nobody`` when we are root."""
    if os.geteuid() == 0:
        return "nobody", "nogroup"
    return pwd.getpwuid(os.geteuid()).pw_name, grp.getgrgid(os.getegid()).gr_name


def _free_port() -> int:
    """A loopback port nobody listens on now (the kernel's choice for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _write_config(directory: Path, *, user: str, group: str, uid: int, gid: int, port: int) -> None:
    for name in ("run", "state", "mail", "home"):
        (directory / name).mkdir()
    for name in ("dovecot.log", "stdout.log"):
        (directory / name).touch()
    (directory / "users").write_text(
        f"{USERNAME}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{directory}/home/{USERNAME}\n"
    )
    (directory / "dovecot.conf").write_text(
        _CONFIG.format(dir=directory, user=user, group=group, uid=uid, gid=gid, port=port)
    )


def _chown_tree(directory: Path, uid: int, gid: int) -> None:
    """Give the server's user the whole directory, traversable from /tmp down."""
    directory.chmod(0o755)
    for root, names, files in os.walk(directory):
        os.chown(root, uid, gid)
        for name in [*names, *files]:
            os.chown(os.path.join(root, name), uid, gid)


def _wait_for_port(process: subprocess.Popen[bytes], port: int, directory: Path) -> None:
    """Return once the server accepts connections; fail with its log if it never does."""
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Dovecot exited with {process.returncode}:\n{_output(directory)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    _stop(process)
    pytest.fail(f"Dovecot did not listen on port {port}:\n{_output(directory)}")


def _output(directory: Path) -> str:
    """What Dovecot said: its standard output and its log file."""
    said = ""
    for name in ("stdout.log", "dovecot.log"):
        path = directory / name
        if path.exists():
            said += path.read_text(errors="replace")
    return said


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and its children, killing them if they hang.

    SIGTERM goes to the whole process group: the master alone waits a second or more for its
    children to notice, which would add up over a test run.
    """
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            log.warning("Dovecot did not stop on SIGTERM; killing it")
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process: subprocess.Popen[bytes], signum: signal.Signals) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass  # already gone
