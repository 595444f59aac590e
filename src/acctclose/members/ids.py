"""Member IDs from the command line and from a members file (one ID a line, `#` comments)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from acctclose.errors import AcctcloseError


def check_id(text: str, where: str) -> str:
    value = text.strip()
    if not value.isdigit() or not value.isascii():
        raise AcctcloseError(f"{where}: expected a member's numeric account ID, got {text!r}")
    return value


def read_members_file(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise AcctcloseError(f"{path}: cannot read the members file ({error.strerror})") from None
    except UnicodeDecodeError:
        raise AcctcloseError(f"{path}: not a UTF-8 text file") from None
    ids = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            ids.append(check_id(content, f"{path}, line {number}"))
    if not ids:
        raise AcctcloseError(f"{path}: no member IDs (one numeric account ID a line)")
    return ids


def member_ids(options: Iterable[str] | None, members_file: Path | None) -> list[str]:
    """The IDs in the order given, each once."""
    ids = [check_id(value, "--member") for value in options or []]
    if members_file is not None:
        ids += read_members_file(members_file)
    return list(dict.fromkeys(ids))
