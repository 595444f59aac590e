"""What the member commands share: connecting, the preflight, progress, writing the report."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from acctclose.cli.options import terminal_width
from acctclose.errors import AcctcloseError
from acctclose.members.api import DirectoryApi, Interrupted
from acctclose.members.progress import LiveMemberTable, MemberProgress, NoProgress
from acctclose.members.settings import MemberSettings
from acctclose.output_file import write_atomically
from acctclose.sources.live.retry import Unreadable


@contextmanager
def api_errors(api: DirectoryApi | None = None) -> Iterator[None]:
    """A call that failed for good becomes the one-line error; Ctrl-C stops every worker."""
    try:
        yield
    except Interrupted:
        raise KeyboardInterrupt from None
    except KeyboardInterrupt:
        if api is not None:
            api.stop.set()
        raise
    except Unreadable as error:
        raise AcctcloseError(error.reason) from None


def connect(
    *,
    profile: str | None,
    site: str | None,
    concurrency: int | None = None,
    rate: float | None = None,
    timeout: float | None = None,
) -> tuple[DirectoryApi, MemberSettings]:
    settings = MemberSettings.from_environment(
        site=site, concurrency=concurrency, rate=rate, timeout=timeout
    )
    return DirectoryApi.connect(settings, profile=profile), settings


def progress_factory(show: bool) -> Any:
    def factory(title: str, total: int) -> AbstractContextManager[MemberProgress]:
        if show and total:
            return LiveMemberTable(total, title)
        return contextlib.nullcontext(NoProgress())

    return factory


def now() -> datetime:
    return datetime.now(UTC)


def emit(text: str, output: Path | None, note: str) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
        sys.stderr.write(f"Report written to {output} ({note})\n")


def table_width(interactive: bool) -> int | None:
    """Members tables carry more columns than the account's report: allow them wider."""
    return terminal_width(interactive, widest=160)


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
