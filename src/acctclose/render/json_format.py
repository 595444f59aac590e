"""`--format json`: the contract's report object."""

from __future__ import annotations

import json

from acctclose.render.document import report_document
from acctclose.report import Report


def render(report: Report) -> str:
    return json.dumps(report_document(report), indent=2, ensure_ascii=False) + "\n"
