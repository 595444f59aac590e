from datetime import date

import pytest

from acctclose import inventory as inv
from acctclose.business_days import add_business_days, is_business_day
from acctclose.timeline import estimate
from tests.helpers import clean_inventory


def test_weekends_are_not_business_days_anywhere():
    assert not is_business_day(date(2026, 11, 28), "international")  # Saturday
    assert is_business_day(date(2026, 11, 27), "international")  # Friday


def test_mainland_holidays_are_skipped_on_the_china_site_only():
    national_day = date(2026, 10, 1)
    assert not is_business_day(national_day, "china")
    assert is_business_day(national_day, "international")


def test_weekend_days_worked_in_mainland_china_count_as_business_days():
    # 2026-10-10 is a Saturday worked in exchange for 2026-10-07 (National Day week).
    assert is_business_day(date(2026, 10, 10), "china")
    assert not is_business_day(date(2026, 10, 10), "international")


def test_adding_business_days_across_national_day():
    # From Wed 30 Sep 2026: 1-7 Oct off, Fri 9 Oct and Sat 10 Oct worked.
    assert add_business_days(date(2026, 9, 30), 2, "china") == date(2026, 10, 9)
    assert add_business_days(date(2026, 9, 30), 3, "china") == date(2026, 10, 10)
    assert add_business_days(date(2026, 9, 30), 2, "international") == date(2026, 10, 2)


def test_zero_business_days_is_today_even_on_a_weekend():
    saturday = date(2026, 11, 28)
    assert add_business_days(saturday, 0, "china") == saturday


def test_no_workloads_means_minutes_to_initiate():
    timeline = estimate(clean_inventory(), date(2026, 11, 26))
    assert (timeline.earliest_close, timeline.latest_close) == ("2026-11-26", "2026-11-26")
    assert any("minutes" in line for line in timeline.basis)
    assert any("cool-down" in line for line in timeline.basis)


def test_workloads_take_two_to_five_business_days():
    inventory = clean_inventory(
        resources=(inv.Resource("i-1", "ACS::ECS::Instance", "cn-hangzhou"),)
    )
    timeline = estimate(inventory, date(2026, 11, 26))  # Thursday
    assert (timeline.earliest_close, timeline.latest_close) == ("2026-11-30", "2026-12-03")


def test_domains_or_icp_add_seven_to_fifteen_business_days():
    inventory = clean_inventory(domains=(inv.Domain("example.com"),))
    timeline = estimate(inventory, date(2026, 11, 26))
    assert (timeline.earliest_close, timeline.latest_close) == ("2026-12-07", "2026-12-17")


@pytest.mark.parametrize("unknown", ["resources", "domains", "icp_filings", "subscriptions"])
def test_unknown_facts_count_as_the_longer_case(unknown):
    timeline = estimate(clean_inventory(**{unknown: None}), date(2026, 11, 26))
    assert timeline.latest_close > "2026-11-26"
    assert any("not established" in line for line in timeline.basis)


def test_only_ended_subscriptions_do_not_count_as_workloads():
    ended = inv.Subscription(id="x", status="Expired")
    timeline = estimate(clean_inventory(subscriptions=(ended,)), date(2026, 11, 26))
    assert timeline.latest_close == "2026-11-26"
