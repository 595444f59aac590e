"""`acctclose check` as a subprocess: every format, exit codes, and the JSON contract."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.cli_run import EXAMPLES, run_cli

EXPECTED_VERDICTS = {
    "clean.yaml": ("ready", 0),
    "small-forfeit.yaml": ("ready", 0),
    "busy-workloads.yaml": ("blocked", 3),
    "domains-and-icp.yaml": ("blocked", 3),
    "rd-management.yaml": ("blocked", 3),
    "ram-reader-last.yaml": ("blocked", 3),
    "international-usd.yaml": ("incomplete", 4),  # no --fx-rate: billing unknown
    "partly-known.yaml": ("incomplete", 4),
}

AREAS = {
    "identity",
    "billing",
    "subscriptions",
    "resources",
    "domains",
    "icp",
    "ram",
    "relationships",
    "partner",
    "backup",
}
SEVERITIES = {"must_process", "renounceable", "advisory", "unknown"}


def assert_matches_report_contract(report: dict) -> None:
    """The keys and values promised in the contracts' report section."""
    assert report["schema_version"] == 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", report["generated_at"])
    assert report["source"] in {"live", "file"}
    assert set(report["account"]) >= {"id", "site"}
    assert report["account"]["site"] in {"china", "international"}
    assert report["verdict"] in {"ready", "blocked", "incomplete"}
    for finding in report["findings"]:
        assert set(finding) >= {"id", "area", "severity", "title", "detail", "evidence", "action"}
        assert finding["area"] in AREAS
        assert finding["severity"] in SEVERITIES
        assert finding["id"].startswith(finding["area"] + ".")
        assert isinstance(finding["evidence"], dict)
        assert finding["title"] and finding["action"]
    timeline = report["timeline"]
    assert set(timeline) >= {"earliest_close", "latest_close", "basis"}
    assert timeline["earliest_close"] <= timeline["latest_close"]
    assert all(isinstance(line, str) for line in timeline["basis"])
    severities = {finding["severity"] for finding in report["findings"]}
    expected = (
        "blocked"
        if "must_process" in severities
        else "incomplete"
        if "unknown" in severities
        else "ready"
    )
    assert report["verdict"] == expected


def test_every_example_is_covered():
    assert sorted(EXPECTED_VERDICTS) == sorted(p.name for p in EXAMPLES.iterdir())


@pytest.mark.parametrize("name", sorted(EXPECTED_VERDICTS))
def test_examples_give_the_expected_verdict_and_exit_code(name):
    result = run_cli("check", "--from", str(EXAMPLES / name), "--format", "json")
    verdict, code = EXPECTED_VERDICTS[name]
    assert result.returncode == code, result.stderr
    report = json.loads(result.stdout)
    assert_matches_report_contract(report)
    assert report["verdict"] == verdict
    assert report["source"] == "file"


def test_fx_rate_turns_the_usd_account_ready_with_amounts_renounceable():
    result = run_cli(
        "check",
        "--from",
        str(EXAMPLES / "international-usd.yaml"),
        "--fx-rate",
        "USD=7.1",
        "-f",
        "json",
    )
    assert result.returncode == 0
    findings = {f["id"]: f for f in json.loads(result.stdout)["findings"]}
    assert findings["billing.outstanding"]["severity"] == "renounceable"
    assert findings["billing.outstanding"]["evidence"]["amount_cny"] == "9.940"
    assert findings["billing.balance"]["evidence"]["amount_cny"] == "852.000"


@pytest.mark.parametrize("bad", ["USD", "USD=", "USD=abc", "USD=-1", "DOLLAR=7"])
def test_a_malformed_fx_rate_is_a_usage_error(bad):
    result = run_cli("check", "--from", str(EXAMPLES / "clean.yaml"), "--fx-rate", bad)
    assert result.returncode == 2
    assert "--fx-rate" in result.stderr
    assert "Traceback" not in result.stderr


def test_as_of_fixes_the_timeline_dates():
    result = run_cli(
        "check",
        "--from",
        str(EXAMPLES / "domains-and-icp.yaml"),
        "--as-of",
        "2026-09-30",
        "-f",
        "json",
    )
    timeline = json.loads(result.stdout)["timeline"]
    # 7 business days after 30 Sep 2026 on the China site: 1-7 Oct are off, Thu 8 Oct,
    # Fri 9 Oct and Sat 10 Oct (a worked weekend day) count, then Mon 12 to Thu 15 Oct.
    assert timeline["earliest_close"] == "2026-10-15"
    assert timeline["basis"][0].startswith("Counted in business days from 2026-09-30")


def test_yaml_format_is_the_same_document_as_json():
    args = ("check", "--from", str(EXAMPLES / "busy-workloads.yaml"), "--as-of", "2026-11-26")
    as_json = json.loads(run_cli(*args, "-f", "json").stdout)
    as_yaml = yaml.safe_load(run_cli(*args, "-f", "yaml").stdout)
    as_json.pop("generated_at"), as_yaml.pop("generated_at")
    assert as_yaml == as_json


def test_markdown_format_lists_steps_and_verdict():
    result = run_cli("check", "--from", str(EXAMPLES / "busy-workloads.yaml"), "-f", "markdown")
    assert result.returncode == 3
    text = result.stdout
    assert text.startswith("# Closure readiness: account 1000000000000003")
    assert "**Verdict: blocked**" in text
    assert text.index("## 1. Money and backups") < text.index("## 3. RAM identities")
    assert "`billing.unbilled`" in text


def test_junit_format_has_one_case_per_area_failing_blocked_areas():
    result = run_cli("check", "--from", str(EXAMPLES / "busy-workloads.yaml"), "-f", "junit")
    assert result.returncode == 3
    suite = ET.fromstring(result.stdout)
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert set(cases) == AREAS
    assert cases["billing"].find("failure") is not None
    assert cases["ram"].find("failure") is not None
    assert cases["domains"].find("failure") is None
    assert suite.get("failures") == str(sum(c.find("failure") is not None for c in cases.values()))


def test_junit_marks_unknown_areas_as_errors():
    result = run_cli("check", "--from", str(EXAMPLES / "partly-known.yaml"), "-f", "junit")
    cases = {case.get("name"): case for case in ET.fromstring(result.stdout).iter("testcase")}
    assert cases["icp"].find("error") is not None
    assert cases["partner"].find("error") is not None
    assert cases["billing"].find("error") is None


def test_table_format_shows_verdict_steps_and_timeline():
    result = run_cli("check", "--from", str(EXAMPLES / "busy-workloads.yaml"), "-f", "table")
    assert result.returncode == 3
    text = result.stdout
    assert "Verdict: BLOCKED" in text
    assert "1. Money and backups" in text
    assert "must process" in text
    assert "Timeline: initiate closure between" in text
    assert "\x1b[" not in text  # no colour codes when not on a terminal


def test_default_format_without_a_terminal_is_json():
    result = run_cli("check", "--from", str(EXAMPLES / "clean.yaml"))
    assert result.returncode == 0
    assert json.loads(result.stdout)["verdict"] == "ready"


@pytest.mark.parametrize("fmt", ["table", "json", "yaml", "markdown", "junit"])
def test_output_file_gets_the_report_and_stdout_stays_empty(tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = run_cli(
        "check", "--from", str(EXAMPLES / "small-forfeit.yaml"), "-f", fmt, "-o", str(out)
    )
    assert result.returncode == 0
    assert result.stdout == ""
    assert "verdict: ready" in result.stderr
    assert out.read_text(encoding="utf-8").strip()
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temp file left


def test_output_into_a_missing_directory_is_one_error_line(tmp_path):
    out = tmp_path / "missing" / "report.json"
    result = run_cli("check", "--from", str(EXAMPLES / "clean.yaml"), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith(f"acctclose: error: {out}: cannot write")
    assert result.stderr.count("\n") == 1


def test_unknown_format_is_a_usage_error():
    result = run_cli("check", "--from", str(EXAMPLES / "clean.yaml"), "-f", "pdf")
    assert result.returncode == 2


def test_version_and_help():
    from acctclose import __version__

    assert run_cli("--version").stdout == f"acctclose {__version__}\n"
    help_text = run_cli("--help").stdout
    assert "check" in help_text
    assert "--install-completion" in help_text
