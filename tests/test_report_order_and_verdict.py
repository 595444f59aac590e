from dataclasses import replace
from datetime import date
from decimal import Decimal

from acctclose import inventory as inv
from acctclose.check import build_report
from acctclose.report import EXIT_CODES, STEPS, Severity, Verdict
from acctclose.rules import all_specs
from tests.helpers import TODAY, billing, clean_inventory, findings_of


def busy_inventory() -> inv.Inventory:
    return clean_inventory(
        billing=billing(outstanding="50", available_cash="2000", unbilled="7"),
        resources=(inv.Resource("i-1", "ACS::ECS::Instance", "cn-hangzhou"),),
        domains=(inv.Domain("example.com", date(2027, 1, 1)),),
        ram=inv.Ram(users=("a",), groups=(), roles=(), policies=("p",), mfa_devices=()),
        icp_filings=None,
    )


def test_findings_follow_the_order_of_work():
    found = list(findings_of(busy_inventory()).values())
    steps = [finding.step for finding in found]
    assert steps == sorted(steps)
    ids = [finding.id for finding in found]
    assert ids[:3] == ["billing.outstanding", "billing.balance", "backup.export"]
    assert ids.index("domains.held") < ids.index("ram.users") < ids.index("billing.unbilled")
    assert ids[-1].startswith("identity.")


def test_verdict_blocked_beats_incomplete_beats_ready():
    assert build_report(busy_inventory(), source="file", today=TODAY).verdict is Verdict.BLOCKED
    unknown_only = clean_inventory(icp_filings=None)
    assert build_report(unknown_only, source="file", today=TODAY).verdict is Verdict.INCOMPLETE
    renounceable_only = clean_inventory(billing=billing(outstanding="10"))
    report = build_report(renounceable_only, source="file", today=TODAY)
    assert report.verdict is Verdict.READY
    assert [f.id for f in report.of_severity(Severity.RENOUNCEABLE)] == ["billing.outstanding"]


def test_exit_codes_match_the_contract():
    assert EXIT_CODES == {Verdict.READY: 0, Verdict.BLOCKED: 3, Verdict.INCOMPLETE: 4}


def test_every_finding_id_is_declared_once_with_a_guide_citation_and_an_action():
    specs = all_specs()
    ids = [spec.id for spec in specs]
    assert len(ids) == len(set(ids))
    for spec in specs:
        assert spec.id.startswith(spec.area + ".")
        assert spec.step in STEPS
        assert spec.source and spec.action and spec.summary


def test_every_finding_the_rules_produce_is_declared():
    declared = {spec.id: spec for spec in all_specs()}
    unknown_everything = inv.Inventory(account=inv.Account(id="1", site="china"))
    for inventory in (busy_inventory(), unknown_everything, clean_inventory()):
        for finding in findings_of(inventory).values():
            assert finding.spec is declared[finding.id]
            assert finding.severity in finding.spec.severities


def test_an_account_with_every_fact_unknown_is_incomplete_never_ready():
    report = build_report(
        inv.Inventory(account=inv.Account(id="1", site="china")), source="file", today=TODAY
    )
    assert report.verdict is Verdict.INCOMPLETE
    unknown_ids = {f.id for f in report.of_severity(Severity.UNKNOWN)}
    assert {"billing.outstanding", "resources.release", "icp.filings", "ram.users"} <= unknown_ids


def test_rules_are_pure_and_deterministic():
    inventory = replace(busy_inventory(), billing=billing(outstanding="11"))
    first = build_report(inventory, source="file", today=TODAY).findings
    second = build_report(inventory, source="file", today=TODAY).findings
    assert first == second
    assert inventory.billing.outstanding == Decimal("11")
