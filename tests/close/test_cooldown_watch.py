"""`acctclose status --watch` against the fake Alibaba Cloud server: a bill that turns up unpaid
in the middle of the cool-down is reported at the very next reading, within one interval."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, date, datetime
from decimal import Decimal

from acctclose.cooldown_watch import Reading, watch
from acctclose.sources.live.billing import billing_cycles
from tests.close.conftest import CLEAN, CLEAN_ID, ROOT, SECRET, record
from tests.fakes.alibaba_cloud import FakeAlibabaCloud

READS = {"GetCallerIdentity", "QueryBillOverview", "QueryAccountBalance"}
INTERVAL = 1.0


def into_cool_down(acctclose) -> None:  # type: ignore[no-untyped-def]
    run = acctclose(
        "close", "--from", CLEAN, "--yes", "--confirm-account", CLEAN_ID, "--reason", "cost"
    )
    assert run.returncode == 0, run.stderr


def unpaid_bill(amount: str) -> dict[str, object]:
    return {
        "ProductCode": "cdn",
        "ProductType": "cdn",
        "SubscriptionType": "PayAsYouGo",
        "Item": "PayAsYouGoBill",
        "Currency": "CNY",
        "PretaxAmount": float(amount),
        "PaymentAmount": 0.0,
        "OutstandingAmount": float(amount),
    }


def test_an_unpaid_bill_mid_cool_down_is_reported_within_one_interval(
    acctclose, live_env, cloud: FakeAlibabaCloud, state_dir
):
    into_cool_down(acctclose)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "acctclose", "status", "--watch", "--interval", str(INTERVAL)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=live_env,
    )
    try:
        assert watcher.stdout is not None
        first = watcher.stdout.readline()
        assert "no unpaid bills (0.00 CNY outstanding)" in first
        # A late bill arrives, unpaid.
        this_cycle = billing_cycles(datetime.now(UTC))[0]
        cloud.account.bills[this_cycle] = [unpaid_bill("12.30")]
        arrived = time.monotonic()
        out, err = watcher.communicate(timeout=15)
        reported = time.monotonic() - arrived
    finally:
        watcher.kill()

    assert watcher.returncode == 3  # a script learns of it by the exit code
    assert reported < INTERVAL + 1.0  # the next reading, not a later one
    lines = out.splitlines()
    assert len(lines) == 1 and "UNPAID BILL: 12.30 CNY outstanding" in lines[0]
    assert "Pay it now" in lines[0] and "the account is restored" in lines[0]
    assert "a new unpaid bill during the cool-down" in err
    assert SECRET not in out + err
    assert set(cloud.actions()) <= READS  # the watch only reads
    events = [event.change for event in record(state_dir, CLEAN_ID).events]
    assert "unpaid bill seen during the cool-down: 12.30 CNY outstanding" in events


def test_a_clean_cool_down_reads_n_times_and_exits_0(acctclose, live_env, cloud):
    into_cool_down(acctclose)

    run = acctclose("status", "--watch", "--interval", "0.1", "--checks", "2", **live_env)

    assert run.returncode == 0, run.stderr
    assert run.stdout.count("no unpaid bills") == 2
    assert set(cloud.actions()) <= READS


def test_a_reading_that_fails_is_not_taken_for_a_clean_one(acctclose, live_env, cloud):
    into_cool_down(acctclose)
    cloud.fail("QueryAccountBalance", "forbidden", times=-1)

    run = acctclose("status", "--watch", "--checks", "1", **live_env)

    assert run.returncode == 4
    assert "could not read the outstanding amount" in run.stdout


def test_credentials_of_another_account_are_refused(acctclose, live_env, cloud):
    into_cool_down(acctclose)
    cloud.account.account_id = "1999999999999999"

    run = acctclose("status", "--watch", "--checks", "1", **live_env)

    assert run.returncode == 1
    assert "belong to account 1999999999999999" in run.stderr
    assert "QueryBillOverview" not in cloud.actions()


def test_the_watch_is_refused_outside_the_cool_down(acctclose, live_env, cloud):
    acctclose("prepare", "--from", CLEAN, "--yes")

    run = acctclose("status", "--watch", "--checks", "1", **live_env)

    assert run.returncode == 1
    assert "not in it (stage: preparing)" in run.stderr
    assert cloud.actions() == []


def reading(amount: str | None) -> Reading:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    if amount is None:
        return Reading(now, None, problem="QueryBillOverview: Throttling")
    return Reading(now, Decimal(amount), "CNY")


def test_at_a_terminal_the_watch_goes_on_after_an_unpaid_bill():
    readings = iter([reading("0"), reading("5.00"), reading("0")])
    seen: list[Reading] = []

    end = watch(
        lambda: next(readings),
        interval=3600,
        on_reading=seen.append,
        stop_on_unpaid=False,
        checks=3,
        wait=lambda seconds: False,  # no wall time
    )

    assert [r.unpaid for r in seen] == [False, True, False]
    assert end.reason == "checks_done"


def test_the_watch_ends_once_the_cool_down_end_date_has_passed():
    end = watch(
        lambda: reading("0"),
        interval=3600,
        on_reading=lambda r: None,
        stop_on_unpaid=True,
        ends=date(2026, 12, 1),
        today=lambda: date(2026, 12, 2),
        wait=lambda seconds: False,
    )

    assert end.reason == "cool_down_over"
