"""Keyring backends for tests, so no test touches the real OS keyring.

`MemoryKeyring` is set in-process with `keyring.set_keyring`. `EnvKeyring` is for CLI
subprocesses: `PYTHON_KEYRING_BACKEND=tests.fakes.keyring_backend.EnvKeyring` with the
entries as JSON in `ACCTCLOSE_TEST_KEYRING` ({"service:username": "password"}).
"""

from __future__ import annotations

import json
import os

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get(f"{service}:{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[f"{service}:{username}"] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop(f"{service}:{username}", None) is None:
            raise PasswordDeleteError(username)


class EnvKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.entries.update(json.loads(os.environ.get("ACCTCLOSE_TEST_KEYRING") or "{}"))
