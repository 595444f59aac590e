"""The state file on disk: where it lives, the lock, and crash-safe writes.

A write never leaves a half-written file: the new text goes to a temporary file that
is fsynced, the current file is hard-linked to `<name>.bak` (the previous version,
kept for restore), the temporary file is renamed over the state file, and the
directory is fsynced so the rename itself survives a power cut. A reader therefore
sees the old content or the new, never a mix.

The lock is an `fcntl.flock` on a separate `<account>.lock` file (the state file is
replaced on every write, so it cannot carry the lock itself). The holder writes its
pid and command into the lock file so a second run can say who it is waiting for.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from acctclose.errors import AcctcloseError

ENV_STATE_DIR = "ACCTCLOSE_STATE_DIR"
ENV_LOCK_TIMEOUT = "ACCTCLOSE_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0
FILE_MODE = 0o600
DIR_MODE = 0o700
# A state file is a few kilobytes; anything this large is not one of ours.
MAX_BYTES = 16 * 1024 * 1024


class StateError(AcctcloseError):
    """A state file that cannot be used; the message names the file (and line)."""


class LockTimeout(StateError):
    """Another acctclose run holds the account's state lock."""


def state_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`--state-dir`, else ACCTCLOSE_STATE_DIR, else the platform's user state directory."""
    if override is not None and str(override):
        return Path(override).expanduser()
    env = os.environ.get(ENV_STATE_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("acctclose", appauthor=False))


@dataclass(frozen=True, slots=True)
class StatePaths:
    """The files of one account's record."""

    directory: Path
    account_id: str

    def __post_init__(self) -> None:
        # The id becomes a file name: digits only, so it can never climb out of the directory.
        if not self.account_id.isdigit():
            raise StateError(f"not an account ID: {self.account_id!r} (expected digits)")

    @property
    def state(self) -> Path:
        return self.directory / f"{self.account_id}.yaml"

    @property
    def backup(self) -> Path:
        return self.directory / f"{self.account_id}.yaml.bak"

    @property
    def lock(self) -> Path:
        return self.directory / f"{self.account_id}.lock"


def ensure_directory(directory: Path) -> None:
    """Create the state directory owner-only; an existing one is left as the user made it."""
    if directory.is_dir():
        return
    try:
        directory.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(directory, DIR_MODE)  # mkdir's mode is filtered by the umask
    except OSError as error:
        raise StateError(f"{directory}: cannot create: {error.strerror or error}") from None


def refuse_symlink(path: Path) -> None:
    if path.is_symlink():
        raise StateError(
            f"{path}: is a symbolic link; acctclose refuses to follow it "
            "(a state file must be a regular file, readable by its owner only)"
        )


def read_state_text(path: Path) -> str | None:
    """The file's text, or None when there is no file. Never follows a symlink."""
    refuse_symlink(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StateError(f"{path}: cannot read: {error.strerror or error}") from None
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise StateError(f"{path}: too large for a state file (over {MAX_BYTES:,} bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StateError(f"{path}: not UTF-8 text (byte {error.start})") from None


def write_state_text(paths: StatePaths, text: str) -> None:
    """Replace the state file with `text`, keeping the current one as `.bak`.

    Callers hold the lock, so any temporary file left in the directory by this account
    is debris of a writer that was killed, and is removed first.
    """
    ensure_directory(paths.directory)
    refuse_symlink(paths.state)
    _remove_debris(paths)
    temp = paths.directory / f".{paths.state.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if paths.state.exists():
            _keep_previous(paths)
        os.replace(temp, paths.state)
        _fsync_directory(paths.directory)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise StateError(f"{paths.state}: cannot write: {error.strerror or error}") from None


def _keep_previous(paths: StatePaths) -> None:
    """Make `.bak` the current version, atomically: a hard link renamed over the old backup."""
    refuse_symlink(paths.backup)
    link = paths.directory / f".{paths.backup.name}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(link)
    try:
        os.link(paths.state, link)
    except OSError:
        # No hard links on this file system: copy instead (still renamed into place).
        data = paths.state.read_bytes()
        fd = os.open(link, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(link, paths.backup)


def _remove_debris(paths: StatePaths) -> None:
    for pattern in (f".{paths.state.name}.*.tmp", f".{paths.backup.name}.*.tmp"):
        for debris in paths.directory.glob(pattern):
            with contextlib.suppress(OSError):
                debris.unlink()


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def lock_timeout() -> float:
    text = os.environ.get(ENV_LOCK_TIMEOUT)
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        raise StateError(f"{ENV_LOCK_TIMEOUT}: expected seconds, got {text!r}") from None
    return max(value, 0.0)


@contextlib.contextmanager
def locked(paths: StatePaths, command: str, timeout: float | None = None) -> Iterator[None]:
    """Hold the account's exclusive lock; wait at most `timeout` seconds, then say who has it."""
    ensure_directory(paths.directory)
    refuse_symlink(paths.lock)
    wait = lock_timeout() if timeout is None else timeout
    try:
        fd = os.open(paths.lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    except OSError as error:
        raise StateError(f"{paths.lock}: cannot open: {error.strerror or error}") from None
    try:
        _acquire(fd, paths, wait)
        holder = f"pid {os.getpid()} ({command}) since {_now_text()}\n"
        os.ftruncate(fd, 0)
        os.pwrite(fd, holder.encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # a lock file naming nobody: no stale "held by"
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, paths: StatePaths, wait: float) -> None:
    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(_held_message(paths, wait)) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.025)


def _held_message(paths: StatePaths, wait: float) -> str:
    try:
        holder = paths.lock.read_text(encoding="utf-8").strip()
    except OSError:
        holder = ""
    who = f"held by {holder}" if holder else "held by another acctclose run"
    return (
        f"{paths.state}: locked, {who}; waited {wait:g} s. Let that run finish "
        f"(or raise {ENV_LOCK_TIMEOUT}) and try again."
    )


def _now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def command_line() -> str:
    """The running command, for the lock file and the event log: no arguments (they may be
    long, and the event log records what changed instead)."""
    argv = sys.argv[1:2]
    return " ".join(["acctclose", *argv]) if argv else "acctclose"
