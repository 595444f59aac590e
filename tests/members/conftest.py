"""Member deletion against the fake Alibaba Cloud: a directory served by the fake server,
and `acctclose` run as a subprocess with credentials in its environment, polling fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.alibaba_cloud import FakeAccount, FakeAlibabaCloud
from tests.fakes.resource_directory import MASTER_ID, FakeDirectory, FakeMember, attach, check

ROOT = Path(__file__).resolve().parents[2]
KEY_ID = "LTAI5tFakeMemberKey0123"
SECRET = "s3cr3t-Member-Secret-Never-Shown-7a6b"

ALLOWED = "2000000000000001"
BLOCKED = "2000000000000002"
ABANDONABLE = "2000000000000003"
INVITED = "2000000000000004"
DELEGATED = "2000000000000005"
FAILING = "2000000000000006"
SILENT = "2000000000000007"
NOT_IN_DIRECTORY = "2999999999999999"


def standard_directory() -> FakeDirectory:
    directory = FakeDirectory()
    directory.add(FakeMember(ALLOWED, "sandbox-allowed"))
    directory.add(
        FakeMember(
            BLOCKED,
            "project-blocked",
            not_allowed=[check("NON_SP_efc", "Enterprise finance", "A finance relationship.")],
            abandonable=[check("NON_SP_cs", "Container Service", "Instances running.")],
        )
    )
    directory.add(
        FakeMember(
            ABANDONABLE,
            "leaver-abandonable",
            abandonable=[
                check("NON_SP_cs", "Container Service", "Instances running."),
                check("NON_SP_oss", "OSS", "Buckets hold data."),
            ],
        )
    )
    directory.add(FakeMember(INVITED, "invited", type="CloudAccount"))
    directory.add(FakeMember(DELEGATED, "security-admin"))
    directory.delegated[DELEGATED] = "cloudfw.aliyuncs.com"
    directory.add(FakeMember(FAILING, "failing", delete_result="DeleteFailed"))
    directory.add(FakeMember(SILENT, "recent-payg", deletion_type="1"))
    return directory


@pytest.fixture
def directory() -> FakeDirectory:
    return standard_directory()


@pytest.fixture
def cloud(directory: FakeDirectory) -> Iterator[FakeAlibabaCloud]:
    fake = FakeAlibabaCloud(FakeAccount(account_id=MASTER_ID, identity_type="RAMUser")).start()
    attach(fake, directory)
    try:
        yield fake
    finally:
        fake.stop()


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout)

    def members(self) -> dict[str, dict[str, Any]]:
        return {member["account_id"]: member for member in self.json()["members"]}


@pytest.fixture
def env(tmp_path: Path, cloud: FakeAlibabaCloud) -> dict[str, str]:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("ALIBABA_CLOUD_", "ACCTCLOSE_"))
    }
    base.update(
        HOME=str(tmp_path),
        COLUMNS="160",
        ALIBABA_CLOUD_ECS_METADATA_DISABLED="true",
        ALIBABA_CLOUD_ACCESS_KEY_ID=KEY_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET=SECRET,
        ACCTCLOSE_ENDPOINT=cloud.url,
        ACCTCLOSE_STATE_DIR=str(tmp_path / "state"),
        ACCTCLOSE_RETRY_BASE_SECONDS="0.001",
        ACCTCLOSE_TIMEOUT_SECONDS="5",
        ACCTCLOSE_POLL_SECONDS="0.005",
        ACCTCLOSE_MEMBER_RATE="1000",
        PYTHON_KEYRING_BACKEND="tests.fakes.keyring_backend.EnvKeyring",
    )
    return base


@pytest.fixture
def acctclose(env: dict[str, str]):  # type: ignore[no-untyped-def]
    def run(*args: str, stdin: str = "", **extra: str) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "acctclose", *args],
            capture_output=True,
            text=True,
            input=stdin,
            cwd=ROOT,
            env={**env, **extra},
            timeout=60,
        )
        assert SECRET not in done.stdout + done.stderr
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def settings(cloud: FakeAlibabaCloud):  # type: ignore[no-untyped-def]
    """Library-level settings against the fake: fast polls, tiny backoff."""
    from acctclose.members.settings import MemberSettings, PollTiming
    from acctclose.sources.live.settings import Endpoint, LiveSettings

    live = LiveSettings(
        override=Endpoint(cloud.address, "http"),
        connect_timeout=2.0,
        read_timeout=2.0,
        max_attempts=4,
        backoff_base=0.001,
        backoff_cap=0.01,
    )
    fast = PollTiming(first=0.002, factor=1.5, cap=0.01, timeout=5.0)
    return MemberSettings(
        live=live, concurrency=4, rate=1000.0, check_poll=fast, deletion_poll=fast
    )


@pytest.fixture
def api(settings):  # type: ignore[no-untyped-def]
    from alibabacloud_credentials.client import Client
    from alibabacloud_credentials.provider import StaticAKCredentialsProvider

    from acctclose.credentials import ResolvedCredentials
    from acctclose.members.api import DirectoryApi

    provider = StaticAKCredentialsProvider(access_key_id=KEY_ID, access_key_secret=SECRET)
    return DirectoryApi.connect(
        settings, credentials=ResolvedCredentials(Client(provider=provider), "test")
    )


WRITES = ("CheckAccountDelete", "DeleteAccount", "SetMemberDeletionPermission")


def writes(cloud: FakeAlibabaCloud) -> list[str]:
    """The calls that start or change something."""
    return [action for action in cloud.actions() if action in WRITES]


def deletions(cloud: FakeAlibabaCloud) -> list[tuple[str, list[str]]]:
    """(member, AbandonableCheckId list) of every DeleteAccount call the server received."""
    return [
        (call.params["AccountId"], json.loads(call.params.get("AbandonableCheckId") or "[]"))
        for call in cloud.calls
        if call.action == "DeleteAccount"
    ]


@pytest.fixture
def cli(env: dict[str, str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`acctclose` in this process (Typer's runner): the same code path as the subprocess
    runs, without paying the SDK's import time on every test. Credentials are the static
    test key (the SDK's environment provider reads its variables once, at import)."""
    from alibabacloud_credentials.client import Client
    from alibabacloud_credentials.provider import StaticAKCredentialsProvider
    from typer.testing import CliRunner

    from acctclose.cli.app import app
    from acctclose.credentials import ResolvedCredentials

    for name in [n for n in os.environ if n.startswith("ACCTCLOSE_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        if name.startswith("ACCTCLOSE_"):
            monkeypatch.setenv(name, value)
    provider = StaticAKCredentialsProvider(access_key_id=KEY_ID, access_key_secret=SECRET)
    resolved = ResolvedCredentials(Client(provider=provider), "test")
    monkeypatch.setattr("acctclose.members.api.resolve_credentials", lambda profile=None: resolved)

    def run(*args: str) -> Run:
        result = CliRunner().invoke(app, list(args))
        assert SECRET not in result.stdout + result.stderr
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
