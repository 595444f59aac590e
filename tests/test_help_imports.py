"""`acctclose --help` stays fast by loading no library code: the commands import it on use.

Not a timed test: it names the modules that cost the most to import (measured with
`python -X importtime`) and checks that showing help loads none of them.
"""

from __future__ import annotations

import subprocess
import sys

from tests.cli_run import ROOT

# Each costs 10-60 ms to import; together they once doubled the time of `acctclose --help`.
HEAVY = (
    "acctclose.inventory",
    "acctclose.report",
    "acctclose.rules",
    "acctclose.state",
    "acctclose.statements",
    "acctclose.checklist",
    "acctclose.sources.live.reader",
    "acctclose.members.api",
    "yaml",
    "yaml_rs",
    "holidays",
    "questionary",
    "alibabacloud_tea_openapi",
)

PROBE = """
import sys
from acctclose.cli.app import app
for args in (["--help"], ["check", "--help"], ["prepare", "--help"], ["close", "--help"],
             ["status", "--help"], ["members", "--help"], ["auth", "--help"]):
    try:
        app(args, prog_name="acctclose")
    except SystemExit:
        pass
print("LOADED", sorted(name for name in sys.modules if name in HEAVY))
"""


def test_help_loads_no_library_module():
    result = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{PROBE}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("LOADED []"), result.stdout[-300:]
