"""The state file's YAML: writing it, and reading it back with errors that name file and line.

Older schema versions are brought up to date by MIGRATIONS (one function per version
step) before validation, so an old file keeps working and is rewritten in the new
shape on the next change. A file from a newer acctclose is refused, never downgraded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from acctclose import statements
from acctclose.state import (
    ITEM_STATUSES,
    SCHEMA_VERSION,
    STAGES,
    CheckSummary,
    ClosureRecord,
    ClosureStep,
    Event,
    ItemRecord,
    MemberRecord,
    State,
    StatementRecord,
)
from acctclose.state_file import StateError

# libyaml's safe loader and dumper when present (same safety, several times faster).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# version n -> function turning a version-n document into a version n+1 document.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_HEADER = (
    "# acctclose record for account {id}. Written by acctclose; the previous version is\n"
    "# kept beside it as {id}.yaml.bak. Holds no secrets.\n"
)


# Writing


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_document(state: State) -> dict[str, Any]:
    closure = state.closure
    return {
        "schema_version": SCHEMA_VERSION,
        "account": {"id": state.account_id, "site": state.site},
        "stage": state.stage,
        "created_at": _time(state.created_at),
        "updated_at": _time(state.updated_at),
        "cool_down_ends": state.cool_down_ends.isoformat() if state.cool_down_ends else None,
        "items": {
            item_id: {"status": item.status, "at": _time(item.at), "note": item.note}
            for item_id, item in state.items.items()
        },
        "statements": {
            key: {"value": record.value, "at": _time(record.at), "note": record.note}
            for key, record in state.statements.items()
        },
        "last_check": None
        if state.last_check is None
        else {
            "at": _time(state.last_check.at),
            "source": state.last_check.source,
            "verdict": state.last_check.verdict,
            "counts": state.last_check.counts,
            "findings": state.last_check.findings,
            "timeline": state.last_check.timeline,
        },
        "closure": {
            "initiated_at": _time(closure.initiated_at),
            "cool_down_started_at": _time(closure.cool_down_started_at),
            "result": closure.result,
            "result_at": _time(closure.result_at),
            "steps": [
                {"id": step.id, "at": _time(step.at), "outcome": step.outcome, "note": step.note}
                for step in closure.steps
            ],
        },
        "events": [
            {"at": _time(event.at), "command": event.command, "change": event.change}
            for event in state.events
        ],
        **({"members": _members_document(state.members)} if state.members else {}),
    }


def _members_document(members: dict[str, MemberRecord]) -> dict[str, Any]:
    return {
        member_id: {
            "status": record.status,
            "at": _time(record.at),
            "display_name": record.display_name,
            "blocking": list(record.blocking),
            "abandonable": list(record.abandonable),
            "abandoned": list(record.abandoned),
            "deletion_type": record.deletion_type,
            "submitted_at": _time(record.submitted_at),
            "note": record.note,
        }
        for member_id, record in members.items()
    }


def dump(state: State) -> str:
    body = yaml.dump(
        to_document(state),
        Dumper=_SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return _HEADER.format(id=state.account_id) + body


# Reading


class _Problem(Exception):
    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def load(text: str, path: Path) -> State:
    """Parse a state file's text; StateError names the file, the line and the field."""
    if not text.strip():
        raise _error(path, 1, "empty state file (expected an acctclose record)")
    try:
        document = yaml.load(text, Loader=_SafeLoader)  # the safe loader, in C when present
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = f"invalid YAML: {error.problem or error.context}"
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            problem += f" ({error.context} started on line {error.context_mark.line + 1})"
        raise _error(path, line, problem) from None
    except yaml.YAMLError as error:
        raise _error(path, None, f"invalid YAML: {error}") from None
    try:
        return _state(_migrate(document))
    except _Problem as problem:
        where = ".".join(str(part) for part in problem.path)
        message = f"{where}: {problem.message}" if where else problem.message
        raise _error(path, _line_of(text, problem.path), message) from None


def _error(path: Path, line: int | None, message: str) -> StateError:
    at = f", line {line}" if line else ""
    backup = path.with_name(path.name + ".bak")
    hint = (
        f" The file was left as it is: fix it by hand, or restore the previous version "
        f"with `cp {backup} {path}`."
        if backup.exists()
        else " The file was left as it is: fix it by hand."
    )
    return StateError(f"{path}{at}: {message}.{hint}")


def _line_of(text: str, where: tuple[str | int, ...]) -> int | None:
    """The line of the deepest node on `where` that exists in the file."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in where:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if str(key.value) == str(part):
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def _migrate(document: object) -> dict[str, Any]:
    data = _mapping(document, ())
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Problem(("schema_version",), f"expected a number, got {version!r}")
    if version > SCHEMA_VERSION:
        raise _Problem(
            ("schema_version",),
            f"written by a newer acctclose (version {version}; this one reads up to "
            f"{SCHEMA_VERSION}): upgrade acctclose",
        )
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise _Problem(("schema_version",), f"unsupported version {version}")
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def _mapping(value: object, where: tuple[str | int, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Problem(where, f"expected a mapping, got {type(value).__name__}")
    return value


def _known_keys(data: dict[str, Any], allowed: tuple[str, ...], where: tuple[str | int, ...]):
    for key in data:
        if key not in allowed:
            raise _Problem((*where, key), f"unknown key (expected one of: {', '.join(allowed)})")


def _text(value: object, where: tuple[str | int, ...], optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Problem(where, f"expected text, got {value!r}")
    return value


def _moment(value: object, where: tuple[str | int, ...], optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if isinstance(value, datetime):  # an unquoted timestamp typed by hand
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise _Problem(where, f"expected a time such as 2026-11-27T10:00:00Z, got {value!r}")


def _day(value: object, where: tuple[str | int, ...]) -> date | None:
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _Problem(where, f"expected a date such as 2026-12-10, got {value!r}")


def _choice(value: object, choices: tuple[str, ...], where: tuple[str | int, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _Problem(where, f"expected one of {', '.join(choices)}, got {value!r}")
    return value


_TOP = (
    "schema_version",
    "account",
    "stage",
    "created_at",
    "updated_at",
    "cool_down_ends",
    "items",
    "statements",
    "last_check",
    "closure",
    "events",
    "members",
)


def _state(data: dict[str, Any]) -> State:
    _known_keys(data, _TOP, ())
    account = _mapping(data.get("account"), ("account",))
    _known_keys(account, ("id", "site"), ("account",))
    account_id = account.get("id")
    if isinstance(account_id, int) and not isinstance(account_id, bool):
        account_id = str(account_id)
    if not isinstance(account_id, str) or not account_id.isdigit():
        raise _Problem(("account", "id"), f"expected the numeric account ID, got {account_id!r}")
    return State(
        account_id=account_id,
        site=_text(account.get("site"), ("account", "site"), optional=True),
        stage=_choice(data.get("stage"), STAGES, ("stage",)),
        created_at=_moment(data.get("created_at"), ("created_at",)),
        updated_at=_moment(data.get("updated_at"), ("updated_at",)),
        cool_down_ends=_day(data.get("cool_down_ends"), ("cool_down_ends",)),
        items=_items(data.get("items") or {}),
        statements=_statements(data.get("statements") or {}),
        last_check=_last_check(data.get("last_check")),
        closure=_closure(data.get("closure") or {}),
        events=_events(data.get("events") or []),
        members=_members(data.get("members") or {}),
    )


def _items(value: object) -> dict[str, ItemRecord]:
    items = {}
    for item_id, raw in _mapping(value, ("items",)).items():
        where = ("items", item_id)
        record = _mapping(raw, where)
        _known_keys(record, ("status", "at", "note"), where)
        status = _choice(record.get("status"), ITEM_STATUSES, (*where, "status"))
        note = _text(record.get("note"), (*where, "note"), optional=True)
        if status == "waived" and note is None:
            raise _Problem((*where, "note"), "a waived item needs its reason")
        items[str(item_id)] = ItemRecord(status, _moment(record.get("at"), (*where, "at")), note)
    return items


def _statements(value: object) -> dict[str, StatementRecord]:
    result = {}
    for key, raw in _mapping(value, ("statements",)).items():
        where = ("statements", key)
        spec = statements.BY_KEY.get(str(key))
        if spec is None:
            known = ", ".join(statements.BY_KEY)
            raise _Problem(where, f"unknown statement (known: {known})")
        record = _mapping(raw, where)
        _known_keys(record, ("value", "at", "note"), where)
        try:
            stated = statements.validate(spec, record.get("value"))
        except ValueError as error:
            raise _Problem((*where, "value"), str(error)) from None
        result[spec.key] = StatementRecord(
            stated,
            _moment(record.get("at"), (*where, "at")),
            _text(record.get("note"), (*where, "note"), optional=True),
        )
    return result


def _last_check(value: object) -> CheckSummary | None:
    if value is None:
        return None
    where: tuple[str | int, ...] = ("last_check",)
    data = _mapping(value, where)
    _known_keys(data, ("at", "source", "verdict", "counts", "findings", "timeline"), where)
    counts = _mapping(data.get("counts") or {}, (*where, "counts"))
    for key, count in counts.items():
        if isinstance(count, bool) or not isinstance(count, int):
            raise _Problem((*where, "counts", key), f"expected a number, got {count!r}")
    findings = data.get("findings") or []
    if not isinstance(findings, list):
        raise _Problem((*where, "findings"), "expected a list")
    for index, finding in enumerate(findings):
        entry = _mapping(finding, (*where, "findings", index))
        for key in ("id", "severity", "title"):
            _text(entry.get(key), (*where, "findings", index, key))
    return CheckSummary(
        at=_moment(data.get("at"), (*where, "at")),
        source=_text(data.get("source"), (*where, "source")),
        verdict=_choice(
            data.get("verdict"), ("ready", "blocked", "incomplete"), (*where, "verdict")
        ),
        counts=counts,
        findings=findings,
        timeline=_mapping(data.get("timeline") or {}, (*where, "timeline")),
    )


def _closure(value: object) -> ClosureRecord:
    where: tuple[str | int, ...] = ("closure",)
    data = _mapping(value, where)
    _known_keys(
        data, ("initiated_at", "cool_down_started_at", "result", "result_at", "steps"), where
    )
    steps = data.get("steps") or []
    if not isinstance(steps, list):
        raise _Problem((*where, "steps"), "expected a list")
    result = data.get("result")
    if result is not None:
        _choice(result, ("closed", "failed"), (*where, "result"))
    return ClosureRecord(
        initiated_at=_moment(data.get("initiated_at"), (*where, "initiated_at"), optional=True),
        cool_down_started_at=_moment(
            data.get("cool_down_started_at"), (*where, "cool_down_started_at"), optional=True
        ),
        result=result,
        result_at=_moment(data.get("result_at"), (*where, "result_at"), optional=True),
        steps=[_closure_step(step, (*where, "steps", i)) for i, step in enumerate(steps)],
    )


def _closure_step(value: object, where: tuple[str | int, ...]) -> ClosureStep:
    data = _mapping(value, where)
    _known_keys(data, ("id", "at", "outcome", "note"), where)
    return ClosureStep(
        id=_text(data.get("id"), (*where, "id")),
        at=_moment(data.get("at"), (*where, "at")),
        outcome=_text(data.get("outcome"), (*where, "outcome")),
        note=_text(data.get("note"), (*where, "note"), optional=True),
    )


def _events(value: object) -> list[Event]:
    if not isinstance(value, list):
        raise _Problem(("events",), "expected a list")
    events = []
    for index, raw in enumerate(value):
        where = ("events", index)
        data = _mapping(raw, where)
        _known_keys(data, ("at", "command", "change"), where)
        events.append(
            Event(
                _moment(data.get("at"), (*where, "at")),
                _text(data.get("command"), (*where, "command")),
                _text(data.get("change"), (*where, "change")),
            )
        )
    return events


_MEMBER_KEYS = (
    "status",
    "at",
    "display_name",
    "blocking",
    "abandonable",
    "abandoned",
    "deletion_type",
    "submitted_at",
    "note",
)


def _members(value: object) -> dict[str, MemberRecord]:
    """Resource Directory members' deletion progress (issue 6)."""
    members = {}
    for member_id, raw in _mapping(value, ("members",)).items():
        where: tuple[str | int, ...] = ("members", str(member_id))
        if not str(member_id).isdigit():
            raise _Problem(where, "expected a member's numeric account ID")
        data = _mapping(raw, where)
        _known_keys(data, _MEMBER_KEYS, where)
        lists = {}
        for key in ("blocking", "abandonable", "abandoned"):
            items = data.get(key) or []
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise _Problem((*where, key), "expected a list of check ids")
            lists[key] = list(items)
        deletion_type = data.get("deletion_type")
        members[str(member_id)] = MemberRecord(
            status=_text(data.get("status"), (*where, "status")),
            at=_moment(data.get("at"), (*where, "at")),
            display_name=_text(data.get("display_name"), (*where, "display_name"), optional=True),
            deletion_type=None if deletion_type is None else str(deletion_type),
            submitted_at=_moment(data.get("submitted_at"), (*where, "submitted_at"), optional=True),
            note=_text(data.get("note"), (*where, "note"), optional=True),
            **lists,
        )
    return members
