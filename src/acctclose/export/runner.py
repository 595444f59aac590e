"""Writing an export: each part atomically, recorded in a manifest, so a rerun resumes.

The manifest (`.acctclose-export.json` in the folder) names the parts already written
with a hash of their content. On a rerun a part that is listed and unchanged on disk is
not written again. A file that is there but not ours (or changed since) is overwritten
only when `confirm_overwrite` says yes; the same content is simply adopted.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from acctclose.errors import AcctcloseError
from acctclose.export.plan import ExportPart, ExportPlan
from acctclose.output_file import write_atomically

MANIFEST = ".acctclose-export.json"


@dataclass(slots=True)
class ExportResult:
    directory: Path
    written: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # done by an earlier run
    kept: list[str] = field(default_factory=list)  # existing files the owner kept
    skipped: list[str] = field(default_factory=list)  # could not be exported, and why

    @property
    def complete(self) -> bool:
        return not self.kept and not self.skipped


def run_export(
    plan: ExportPlan,
    directory: Path,
    account_id: str,
    *,
    confirm_overwrite: Callable[[Path], bool],
    on_part: Callable[[ExportPart], None] | None = None,
) -> ExportResult:
    result = ExportResult(directory, skipped=list(plan.skipped))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AcctcloseError(f"{directory}: cannot create: {error.strerror or error}") from None
    manifest = _read_manifest(directory, account_id)
    for part in plan.parts:
        target = directory / part.name
        recorded = manifest["parts"].get(part.name)
        if recorded and _digest_of_file(target) == recorded["sha256"]:
            result.already.append(part.name)
        else:
            text = part.produce()
            digest = _digest(text.encode("utf-8"))
            on_disk = _digest_of_file(target)
            if on_disk is not None and on_disk != digest and not confirm_overwrite(target):
                result.kept.append(part.name)
                if on_part:
                    on_part(part)
                continue
            if on_disk != digest:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, text)
            manifest["parts"][part.name] = {
                "sha256": digest,
                "what": part.what,
                "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            _write_manifest(directory, manifest)
            result.written.append(part.name)
        if on_part:
            on_part(part)
    return result


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest_of_file(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as error:
        raise AcctcloseError(f"{path}: cannot read: {error.strerror or error}") from None


def _read_manifest(directory: Path, account_id: str) -> dict[str, Any]:
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"account_id": account_id, "parts": {}}
    except (OSError, ValueError) as error:
        raise AcctcloseError(
            f"{path}: unreadable export manifest ({error}); move it away to start afresh"
        ) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("parts"), dict):
        raise AcctcloseError(f"{path}: not an acctclose export manifest")
    if manifest.get("account_id") != account_id:
        raise AcctcloseError(
            f"{directory}: holds an export of account {manifest.get('account_id')}, not "
            f"{account_id}: choose another folder"
        )
    return manifest


def _write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    write_atomically(directory / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    os.chmod(directory / MANIFEST, 0o600)
