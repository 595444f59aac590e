"""The file source: read an inventory file (YAML or JSON) into the facts model.

PyYAML needs about 15 s for a 100k-resource file, so inventories are decoded with
yaml-rs (a YAML 1.2 parser in Rust: no `no`-means-false surprises) and JSON with the
standard library, which also keeps amounts as Decimal.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from acctclose.errors import InventoryError
from acctclose.inventory import Inventory
from acctclose.inventory_parse import FieldError, parse_inventory

# Far above any real account (100k resources is about 9 MB); refuses junk before decoding it.
MAX_BYTES = 200 * 1024 * 1024

_YAML_POSITION = re.compile(r"line (\d+), column (\d+)")


def load_inventory(path: str | os.PathLike[str]) -> Inventory:
    """Read and validate an inventory file; InventoryError names the file and the field."""
    name = os.fspath(path)
    document = decode_document(name, read_text(name))
    try:
        return parse_inventory(document)
    except FieldError as error:
        raise InventoryError(name, error.where, error.problem) from None


def read_text(name: str) -> str:
    try:
        size = Path(name).stat().st_size
        if size > MAX_BYTES:
            raise InventoryError(
                name, "", f"file too large ({size:,} bytes; at most {MAX_BYTES:,})"
            )
        data = Path(name).read_bytes()
    except IsADirectoryError:
        raise InventoryError(name, "", "is a directory, not a file") from None
    except FileNotFoundError:
        raise InventoryError(name, "", "no such file") from None
    except OSError as error:
        raise InventoryError(name, "", f"cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InventoryError(name, "", f"not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise InventoryError(name, "", "empty file (expected an acctclose inventory)")
    return text


def decode_document(name: str, text: str) -> Any:
    if name.lower().endswith(".json"):
        return _decode_json(name, text)
    return _decode_yaml(name, text)


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _decode_json(name: str, text: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as error:
        raise InventoryError(
            name, f"line {error.lineno}, column {error.colno}", f"invalid JSON: {error.msg}"
        ) from None
    except (ValueError, RecursionError) as error:
        raise InventoryError(name, "", f"invalid JSON: {error}") from None


def _decode_yaml(name: str, text: str) -> Any:
    import yaml_rs  # imported here: only the file source needs it

    try:
        return yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as error:
        raise InventoryError(name, *_yaml_problem(str(error))) from None
    except (ValueError, RecursionError) as error:
        raise InventoryError(name, "", f"invalid YAML: {_first_line(str(error))}") from None


def _yaml_problem(message: str) -> tuple[str, str]:
    """yaml-rs draws a multi-line caret picture; keep its position and its last line."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    position = _YAML_POSITION.search(lines[0]) if lines else None
    where = f"line {position.group(1)}, column {position.group(2)}" if position else ""
    problem = lines[-1] if lines else "invalid YAML"
    return where, f"invalid YAML: {problem}"


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unreadable"
