from datetime import date

from acctclose import inventory as inv
from acctclose.report import Severity
from tests.helpers import TODAY, clean_inventory, findings_of, severity_of


def test_any_domain_still_held_must_be_processed():
    inventory = clean_inventory(domains=(inv.Domain("example.com", date(2027, 5, 1)),))
    finding = findings_of(inventory)["domains.held"]
    assert finding.severity is Severity.MUST_PROCESS
    assert finding.evidence["expired"] == 0


def test_a_domain_past_expiry_in_grace_or_redemption_still_blocks():
    inventory = clean_inventory(domains=(inv.Domain("old.com", date(2026, 10, 2)),))
    finding = findings_of(inventory)["domains.held"]
    assert finding.severity is Severity.MUST_PROCESS
    assert finding.evidence["expired"] == 1
    assert "redemption" in finding.detail


def test_a_domain_expiring_today_is_not_yet_counted_as_expired():
    inventory = clean_inventory(domains=(inv.Domain("today.com", TODAY),))
    assert findings_of(inventory)["domains.held"].evidence["expired"] == 0


def test_domains_known_none_and_unknown():
    assert severity_of(clean_inventory(domains=()), "domains.held") is None
    assert severity_of(clean_inventory(domains=None), "domains.held") is Severity.UNKNOWN


def test_icp_filings_block_and_unstated_filings_are_unknown():
    filed = clean_inventory(icp_filings=(inv.IcpFiling("浙ICP备12345678号"),))
    assert severity_of(filed, "icp.filings") is Severity.MUST_PROCESS
    assert severity_of(clean_inventory(icp_filings=()), "icp.filings") is None
    unknown = findings_of(clean_inventory(icp_filings=None))["icp.filings"]
    assert unknown.severity is Severity.UNKNOWN
    assert "ICP filing system" in unknown.what_to_do


def test_reseller_relationship_blocks_and_unstated_is_unknown():
    with_partner = clean_inventory(partner=inv.Partner(present=True, name="Acme Cloud Partner"))
    finding = findings_of(with_partner)["partner.reseller"]
    assert finding.severity is Severity.MUST_PROCESS
    assert "Acme Cloud Partner" in finding.title
    assert (
        severity_of(clean_inventory(partner=inv.Partner(present=False)), "partner.reseller") is None
    )
    assert severity_of(clean_inventory(partner=None), "partner.reseller") is Severity.UNKNOWN
