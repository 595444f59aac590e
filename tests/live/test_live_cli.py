"""`acctclose check` on the live source, run as a user would: a subprocess with credentials in
its environment (the credentials package reads them at import), against the fake cloud."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from acctclose.sources.file import load_inventory
from tests.fakes.accounts import clean_account, typical_account
from tests.fakes.alibaba_cloud import FakeAlibabaCloud
from tests.live.conftest import KEY_ID, SECRET
from tests.live.test_live_reader import READ_PREFIXES

ROOT = Path(__file__).resolve().parents[2]
KEYRING_BACKEND = "tests.fakes.keyring_backend.EnvKeyring"


@pytest.fixture
def cloud() -> Iterator[FakeAlibabaCloud]:
    fake = FakeAlibabaCloud(typical_account(datetime.now(UTC))).start()
    try:
        yield fake
    finally:
        fake.stop()


def environment(
    home: Path, cloud: FakeAlibabaCloud | None, *, keys: bool = True, **extra: str
) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ALIBABA_CLOUD_", "ACCTCLOSE_"))
    }
    env.update(
        HOME=str(home),
        COLUMNS="120",
        ALIBABA_CLOUD_ECS_METADATA_DISABLED="true",
        PYTHON_KEYRING_BACKEND=KEYRING_BACKEND,
        ACCTCLOSE_STATE_DIR=str(home / "state"),
        ACCTCLOSE_RETRY_BASE_SECONDS="0.001",
        ACCTCLOSE_TIMEOUT_SECONDS="5",
    )
    if cloud is not None:
        env["ACCTCLOSE_ENDPOINT"] = cloud.url
    if keys:
        env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = KEY_ID
        env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = SECRET
    env.update(extra)
    return env


def acctclose(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "acctclose", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def findings_by_id(stdout: str) -> dict[str, dict]:
    return {finding["id"]: finding for finding in json.loads(stdout)["findings"]}


def test_check_reads_the_live_account_and_reports_what_blocks(cloud, tmp_path):
    result = acctclose("check", "--format", "json", env=environment(tmp_path, cloud))

    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["source"] == "live"
    assert report["account"] == {"id": "1234567890123456", "site": "china"}
    assert report["verdict"] == "blocked"
    findings = findings_by_id(result.stdout)
    assert findings["billing.outstanding"]["severity"] == "must_process"
    assert findings["subscriptions.active"]["severity"] == "must_process"
    assert findings["ram.users"]["severity"] == "must_process"
    assert result.stderr == ""  # no progress without a terminal
    assert all(action.startswith(READ_PREFIXES) for action in cloud.actions())


def test_check_never_calls_a_write_api_even_when_areas_fail(cloud, tmp_path):
    cloud.account.resource_center = "Disabled"
    cloud.fail("ListUsers", "forbidden", times=-1)
    cloud.fail("QueryBillOverview", "throttle", times=3)
    cloud.fail("QueryDomainList", "server_error", times=-1)
    result = acctclose("check", "--format", "json", env=environment(tmp_path, cloud))
    assert result.returncode == 3, result.stderr
    assert "EnableResourceCenter" not in cloud.actions()
    assert all(action.startswith(READ_PREFIXES) for action in cloud.actions())


def test_a_failing_area_is_unknown_with_the_api_and_code_and_the_rest_still_reported(tmp_path):
    cloud = FakeAlibabaCloud(clean_account()).start()
    try:
        cloud.fail("QueryAccountBalance", "server_error", times=-1)
        result = acctclose("check", "--format", "json", env=environment(tmp_path, cloud))
    finally:
        cloud.stop()

    assert result.returncode == 4, result.stderr
    findings = findings_by_id(result.stdout)
    balance = findings["billing.balance"]
    assert balance["severity"] == "unknown"
    assert balance["evidence"]["unknown_reason"].startswith("QueryAccountBalance: InternalError")
    assert "QueryAccountBalance: InternalError" in balance["detail"]
    assert "domains.held" not in findings  # the other areas are still read and judged
    assert "ram.users" not in findings  # read by the account itself, no RAM identities left


def test_no_secret_in_output_logs_or_files(cloud, tmp_path):
    saved = tmp_path / "facts.yaml"
    report = tmp_path / "report.md"
    env = environment(tmp_path, cloud)
    runs = [
        acctclose("--debug", "check", "--save-inventory", str(saved), "--format", "yaml", env=env),
        acctclose("--debug", "check", "-f", "markdown", "-o", str(report), env=env),
    ]
    cloud.fail("GetCallerIdentity", "error", times=-1, code="SignatureDoesNotMatch")
    failed = acctclose("--debug", "check", "--format", "json", env=env)
    runs.append(failed)

    assert failed.returncode == 1
    assert "SignatureDoesNotMatch" in failed.stderr
    assert saved.exists() and report.exists()
    for run in runs:
        assert SECRET not in run.stdout and SECRET not in run.stderr
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_save_inventory_writes_a_file_that_check_from_reads_to_the_same_findings(cloud, tmp_path):
    saved = tmp_path / "facts.yaml"
    env = environment(tmp_path, cloud)
    live = acctclose("check", "--format", "json", "--save-inventory", str(saved), env=env)
    from_file = acctclose("check", "--format", "json", "--from", str(saved), env=env)

    assert live.returncode == from_file.returncode == 3
    inventory = load_inventory(saved)
    assert len(inventory.resources) == 231 and inventory.account.caller == "ram_user"
    strip = [(f["id"], f["severity"], f["title"]) for f in json.loads(live.stdout)["findings"]]
    again = [(f["id"], f["severity"], f["title"]) for f in json.loads(from_file.stdout)["findings"]]
    assert strip == again


def test_no_credentials_anywhere_is_one_clear_line_and_exit_1(cloud, tmp_path):
    result = acctclose("check", env=environment(tmp_path, cloud, keys=False))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no Alibaba Cloud credentials found" in lines[0]
    assert "ALIBABA_CLOUD_ACCESS_KEY_ID" in lines[0] and "acctclose auth login" in lines[0]
    assert cloud.calls == []


def test_the_keyring_key_is_used_when_nothing_else_is_configured(cloud, tmp_path):
    entries = {"acctclose:access_key_id": "LTAIkeyringKey0001", "acctclose:access_key_secret": "x"}
    env = environment(tmp_path, cloud, keys=False, ACCTCLOSE_TEST_KEYRING=json.dumps(entries))
    result = acctclose("check", "--format", "json", "--site", "international", env=env)
    assert result.returncode == 3, result.stderr
    assert json.loads(result.stdout)["account"]["site"] == "international"
    assert {call.access_key_id for call in cloud.calls} == {"LTAIkeyringKey0001"}


def test_profile_picks_an_aliyun_cli_profile(cloud, tmp_path):
    config = {
        "current": "default",
        "profiles": [
            {
                "name": "reader",
                "mode": "AK",
                "access_key_id": "LTAIprofileKey0001",
                "access_key_secret": "profile-secret",
                "region_id": "cn-hangzhou",
            }
        ],
    }
    (tmp_path / ".aliyun").mkdir()
    (tmp_path / ".aliyun" / "config.json").write_text(json.dumps(config))
    env = environment(tmp_path, cloud)
    result = acctclose("check", "--format", "json", "--profile", "reader", env=env)
    assert result.returncode == 3, result.stderr
    assert {call.access_key_id for call in cloud.calls} == {"LTAIprofileKey0001"}

    missing = acctclose("check", "--profile", "nosuch", env=env)
    assert missing.returncode == 1
    assert "aliyun CLI profile 'nosuch'" in missing.stderr


def test_a_bad_endpoint_setting_is_one_line_and_exit_1(tmp_path):
    env = environment(tmp_path, None, ACCTCLOSE_ENDPOINT="ftp://example")
    result = acctclose("check", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("acctclose: error: ACCTCLOSE_ENDPOINT: expected http(s)://")


def test_live_options_with_from_are_a_usage_error(tmp_path):
    inventory = ROOT / "examples" / "accounts"
    example = next(iter(sorted(inventory.glob("*.yaml"))), None)
    if example is None:
        pytest.skip("no example inventory")
    result = acctclose(
        "check", "--from", str(example), "--profile", "x", env=environment(tmp_path, None)
    )
    assert result.returncode == 2


def test_help_and_the_cli_app_do_not_import_the_cloud_sdk(tmp_path):
    probe = (
        "import sys\n"
        "from acctclose.cli.app import app\n"
        "try:\n"
        "    app(['--help'], prog_name='acctclose')\n"
        "except SystemExit:\n"
        "    pass\n"
        "try:\n"
        "    app(['check', '--help'], prog_name='acctclose')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m.startswith(('alibabacloud', 'darabonba', 'Tea'))]\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment(tmp_path, None),
        timeout=60,
    )
    assert "LOADED []" in result.stdout, result.stdout[-500:]
    assert "--save-inventory" in result.stdout and "--enable-resource-center" in result.stdout


def test_progress_is_shown_per_area_on_a_terminal(cloud, tmp_path):
    import pexpect

    env = environment(tmp_path, cloud, TERM="xterm")
    env.pop("COLUMNS", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "acctclose", "check"],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=60,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
    assert "resources" in child.before and "reading" in child.before
