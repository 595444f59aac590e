"""`--format yaml`: the same document as JSON, in YAML."""

from __future__ import annotations

import yaml

from acctclose.render.document import report_document
from acctclose.report import Report


def render(report: Report) -> str:
    return yaml.safe_dump(report_document(report), sort_keys=False, allow_unicode=True, width=100)
