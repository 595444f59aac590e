"""`close --member` at a real terminal (a pseudo-terminal driven by pexpect): the abandonable
checks are asked one by one, then the member's ID must be typed; a wrong ID deletes nothing."""

from __future__ import annotations

import sys

import pexpect

from tests.members.conftest import ABANDONABLE, ALLOWED, ROOT, deletions


def spawn(env: dict[str, str], *args: str) -> pexpect.spawn:
    terminal = {**env, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    terminal.pop("COLUMNS", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "acctclose", "close", *args],
        cwd=str(ROOT),
        env=terminal,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 200),
    )


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None
    return child.exitstatus


def test_abandon_each_check_then_type_the_id_deletes_the_member(env, cloud):
    child = spawn(env, "--member", ABANDONABLE)

    child.expect_exact("NON_SP_cs  Container Service: Instances running.")
    child.expect_exact(f"Member {ABANDONABLE}: abandon NON_SP_cs (Container Service)?")
    child.send("y")
    child.expect_exact(f"Member {ABANDONABLE}: abandon NON_SP_oss (OSS)?")
    child.send("y")
    child.expect_exact(f"Type the account ID ({ABANDONABLE}) to go ahead:")
    child.send(ABANDONABLE + "\r")
    child.expect_exact("deleted")

    assert finish(child) == 0
    assert deletions(cloud) == [(ABANDONABLE, ["NON_SP_cs", "NON_SP_oss"])]


def test_a_wrongly_typed_id_is_refused_and_nothing_is_deleted(env, cloud):
    child = spawn(env, "--member", ALLOWED)

    child.expect_exact(f"Type the account ID ({ALLOWED}) to go ahead:")
    child.send("2000000000000099\r")
    child.expect_exact("not_confirmed")

    assert finish(child) == 1
    assert "DeleteAccount" not in cloud.actions()
    assert cloud.count("CheckAccountDelete") == 1


def test_a_live_progress_table_shows_while_members_are_checked(env, cloud):
    terminal = {**env, "TERM": "xterm", "ACCTCLOSE_POLL_SECONDS": "0.1"}
    terminal.pop("COLUMNS", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "acctclose", "check", "--member", ALLOWED, "--member", ABANDONABLE],
        cwd=str(ROOT),
        env=terminal,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 200),
    )

    child.expect_exact("Checking members: 0/2 done")
    child.expect_exact("Members (check): 2")  # then the summary table

    assert finish(child) == 0


def test_ctrl_c_stops_at_once_with_130_and_keeps_each_members_progress(env, cloud, tmp_path):
    import signal

    import yaml

    from tests.fakes.resource_directory import MASTER_ID

    cloud.directory.members[ALLOWED].check_polls = 10_000
    terminal = {**env, "TERM": "xterm", "ACCTCLOSE_POLL_SECONDS": "0.2"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "acctclose", "check", "--member", ALLOWED, "--format", "json"],
        cwd=str(ROOT),
        env=terminal,
        encoding="utf-8",
        timeout=20,
    )
    while cloud.count("GetAccountDeletionCheckResult") < 2:
        child.expect(pexpect.TIMEOUT, timeout=0.1)
    child.kill(signal.SIGINT)

    assert finish(child) == 130
    record = yaml.safe_load((tmp_path / "state" / f"{MASTER_ID}.yaml").read_text())
    assert record["members"][ALLOWED]["status"] == "checking"


def test_abandon_flags_answer_in_advance_at_a_terminal_but_the_id_is_still_typed(env, cloud):
    child = spawn(env, "--member", ABANDONABLE, "--abandon", "NON_SP_cs", "--abandon", "NON_SP_oss")

    child.expect_exact("abandon NON_SP_oss (OSS)? yes (--abandon)")
    child.expect_exact(f"Type the account ID ({ABANDONABLE}) to go ahead:")
    child.send(ABANDONABLE + "\r")

    assert finish(child) == 0
    assert deletions(cloud) == [(ABANDONABLE, ["NON_SP_cs", "NON_SP_oss"])]
