from pathlib import Path

from acctclose.findings_doc import render_findings_doc
from acctclose.rules import all_specs

DOC = Path(__file__).resolve().parent.parent / "docs" / "findings.md"


def test_docs_findings_md_is_generated_from_the_rules_and_not_stale():
    assert DOC.read_text(encoding="utf-8") == render_findings_doc(), (
        "docs/findings.md is stale: python -m acctclose.findings_doc > docs/findings.md"
    )


def test_every_finding_id_is_documented_with_its_source():
    text = DOC.read_text(encoding="utf-8")
    for spec in all_specs():
        assert f"### `{spec.id}`" in text
        assert spec.source in text
