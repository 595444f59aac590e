"""The members report: one JSON document (docs/members.md), and the same as a table, YAML,
Markdown or JUnit (one test case per member, for CI dashboards); and the run's exit code."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

from acctclose.members.model import PENDING, SUCCESSFUL, MemberOutcome
from acctclose.members.preconditions import Preflight

SCHEMA_VERSION = 1
EXIT_OK, EXIT_ERROR, EXIT_BLOCKED, EXIT_INCOMPLETE = 0, 1, 3, 4


def document(
    command: str, outcomes: Sequence[MemberOutcome], preflight: Preflight, generated_at: datetime
) -> dict[str, Any]:
    counts = Counter(outcome.outcome for outcome in outcomes)
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,  # check | close | status
        "generated_at": generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "directory": {
            "id": preflight.directory.directory_id,
            "management_account_id": preflight.directory.master_account_id,
            "member_deletion": preflight.directory.member_deletion,
        },
        "caller": {"account_id": preflight.caller.account_id, "type": preflight.caller.kind},
        "summary": {"total": len(outcomes), "outcomes": dict(sorted(counts.items()))},
        "exit_code": exit_code(command, outcomes),
        "members": [member_document(outcome) for outcome in outcomes],
    }


def member_document(outcome: MemberOutcome) -> dict[str, Any]:
    deletion = outcome.deletion
    return {
        "account_id": outcome.account_id,
        "display_name": outcome.display_name,
        "outcome": outcome.outcome,
        "detail": outcome.detail,
        "allow_delete": None if outcome.check is None else outcome.check.allow_delete,
        "findings": outcome.findings,
        "abandoned": list(outcome.abandoned),
        "deletion": None
        if deletion is None
        else {
            "status": deletion.status,
            "deletion_type": deletion.deletion_type,
            "silence_period": deletion.deletion_type == "1",
            "create_time": deletion.create_time,
            "deletion_time": deletion.deletion_time,
            "fail_reasons": [
                {"name": r.name, "description": r.description} for r in deletion.fail_reasons
            ],
        },
    }


def exit_code(command: str, outcomes: Sequence[MemberOutcome]) -> int:
    found = {outcome.outcome for outcome in outcomes}
    if command == "close":
        # 0 only when every member is deleted (now or before); 4 when nothing failed but a
        # deletion is still under way (silence period, or still running at the timeout).
        if found <= SUCCESSFUL:
            return EXIT_OK
        return EXIT_INCOMPLETE if found <= SUCCESSFUL | PENDING else EXIT_ERROR
    if command == "status":
        if found <= SUCCESSFUL:
            return EXIT_OK
        failed = {"delete_failed", "check_failed"}
        return EXIT_BLOCKED if found & failed else EXIT_INCOMPLETE
    if "blocked" in found:
        return EXIT_BLOCKED
    return EXIT_INCOMPLETE if found - {"allowed"} else EXIT_OK


def render(doc: dict[str, Any], fmt: str, *, color: bool = False, width: int | None = None) -> str:
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    if fmt == "junit":
        return junit(doc)
    if fmt == "markdown":
        return markdown(doc)
    return table(doc, color=color, width=width)


def _checks(member: dict[str, Any], severity: str) -> str:
    return ", ".join(
        str(f.get("check_id") or f["id"]) for f in member["findings"] if f["severity"] == severity
    )


def table(doc: dict[str, Any], *, color: bool = False, width: int | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    summary = ", ".join(f"{k} {v}" for k, v in doc["summary"]["outcomes"].items())
    grid = Table(
        title=f"Members ({doc['command']}): {doc['summary']['total']} — {summary}",
        title_justify="left",
    )
    closing = doc["command"] == "close"
    columns = ["member", "name", "outcome", "must process", "abandonable"]
    for column in [*columns, *(["abandoned"] if closing else []), "detail"]:
        grid.add_column(column, overflow="fold")
    for member in doc["members"]:
        cells = [
            member["account_id"],
            member["display_name"] or "",
            member["outcome"],
            _checks(member, "must_process"),
            _checks(member, "renounceable"),
        ]
        if closing:
            cells.append(", ".join(member["abandoned"]))
        grid.add_row(*cells, member["detail"])
    console = Console(record=True, width=width or 140, force_terminal=color, no_color=not color)
    with console.capture() as captured:
        console.print(grid)
    return captured.get()


def markdown(doc: dict[str, Any]) -> str:
    lines = [
        f"# Members ({doc['command']})",
        "",
        "| member | name | outcome | must process | abandonable | detail |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for member in doc["members"]:
        cells = [
            member["account_id"],
            member["display_name"] or "",
            member["outcome"],
            _checks(member, "must_process"),
            _checks(member, "renounceable"),
            member["detail"],
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


FAILED = frozenset({"blocked", "delete_failed", "check_failed", "not_abandoned", "not_confirmed"})


def junit(doc: dict[str, Any]) -> str:
    """One test case per member: a failure when it is blocked or its deletion failed or was not
    confirmed, an error when its state is unknown or still pending; else it passes."""
    suite = ET.Element(
        "testsuite",
        name=f"acctclose members {doc['command']}",
        timestamp=doc["generated_at"].rstrip("Z"),
        tests=str(len(doc["members"])),
    )
    passing = {"allowed"} if doc["command"] == "check" else set(SUCCESSFUL)
    counts = {"failure": 0, "error": 0}
    for member in doc["members"]:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"acctclose.members.{doc['command']}",
            name=member["account_id"],
        )
        if member["outcome"] in passing:
            continue
        tag = "failure" if member["outcome"] in FAILED else "error"
        counts[tag] += 1
        element = ET.SubElement(case, tag, message=member["detail"] or member["outcome"])
        element.set("type", member["outcome"])
        element.text = "\n".join(
            f"[{f['severity']}] {f.get('check_id') or f['id']}: {f['title']}"
            for f in member["findings"]
        )
    suite.set("failures", str(counts["failure"]))
    suite.set("errors", str(counts["error"]))
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )
