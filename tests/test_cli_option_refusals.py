"""Options the chosen path would ignore are refused (exit 2), never silently dropped."""

from __future__ import annotations

import pytest

from tests.cli_run import EXAMPLES, run_cli


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (
            ["close", "--member", "123456789", "--reason", "done"],
            "--reason cannot be used with --member",
        ),
        (
            ["close", "--member", "123456789", "--result", "closed"],
            "--result cannot be used with --member",
        ),
        (["close", "--junit", "report.xml"], "--junit cannot be used without --member"),
        (["close", "--abandon", "check-1"], "--abandon cannot be used without --member"),
        (
            ["check", "--from", str(EXAMPLES / "clean.yaml"), "--rate", "3"],
            "--concurrency, --rate and --timeout are for --member",
        ),
    ],
)
def test_an_option_the_path_would_ignore_is_a_usage_error(args, named, tmp_path):
    result = run_cli(*args, env={"ACCTCLOSE_STATE_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert named in result.stderr
    assert not list(tmp_path.iterdir())  # refused before any record was written
