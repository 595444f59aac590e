"""`status --format table`: where the closure stands, for a person at a terminal."""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

_STATUS_STYLE = {
    "done": ("done", "green"),
    "waived": ("waived", "cyan"),
    "open": ("open", "bold"),
    "resolved": ("resolved", "dim green"),
}
_VERDICT_STYLE = {"ready": "bold green", "blocked": "bold red", "incomplete": "bold yellow"}


def render(document: dict[str, Any], *, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width or 100, highlight=False
    )
    account = document["account"]
    site = f" ({account['site']} site)" if account.get("site") else ""
    console.print(Text.assemble(("Account ", "bold"), (account["id"], "bold"), site))
    console.print(Text.assemble(("Stage: ", "bold"), document["stage"]))
    checklist = document["checklist"]
    total = len(checklist["items"])
    console.print(
        Text.assemble(
            ("Checklist: ", "bold"),
            f"{checklist['done']} done, {checklist['waived']} waived, {checklist['open']} open",
            f", {checklist['resolved']} resolved" if checklist["resolved"] else "",
            f" ({total} items)",
        )
    )
    check = document["last_check"]
    if check is None:
        console.print(
            Text("Last check: none recorded (run acctclose prepare or check)", style="yellow")
        )
    else:
        console.print(
            Text.assemble(
                ("Last check: ", "bold"),
                (check["verdict"].upper(), _VERDICT_STYLE.get(check["verdict"], "")),
                f" on {check['at']} (source: {check['source']})",
            )
        )
    _items(console, checklist["items"])
    statements = document["statements"]
    if statements:
        console.print(Text("Statements", style="bold"))
        for key, record in statements.items():
            console.print(f"  {key} = {record['text']}  ", Text(f"({record['at']})", style="dim"))
    console.print(Text("Timeline", style="bold"))
    for entry in document["timeline"]:
        style = "" if entry["kind"] == "past" else "italic"
        console.print(Text(f"  {entry['date']}  {entry['what']}", style=style))
    cool_down = document["cool_down"]
    if cool_down["ends"]:
        console.print(
            Text.assemble(
                ("Cool-down: ", "bold"),
                f"ends {cool_down['ends']}, {cool_down['days_left']} day(s) left",
            )
        )
    if document.get("next_step"):  # the guide's next step for this stage (issue 5)
        console.print(Text.assemble(("Next: ", "bold"), document["next_step"]))
    return buffer.getvalue()


def _items(console: Console, items: list[dict[str, Any]]) -> None:
    if not items:
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Step", no_wrap=True, width=4)
    table.add_column("Status", no_wrap=True, width=9)
    table.add_column("Item", ratio=3)
    table.add_column("Note / what to do", ratio=3)
    for item in items:
        label, style = _STATUS_STYLE.get(item["status"], (item["status"], ""))
        title = item["title"] or "(no longer reported by the last check)"
        severity = f" · {item['severity'].replace('_', ' ')}" if item["severity"] else ""
        blocker = item["severity"] == "must_process" and item["status"] != "open"
        note = item["note"] or (item["action"] if item["status"] == "open" else "") or ""
        if blocker:
            note = f"{note}\n(still reported as must process by the last check)".strip()
        table.add_row(
            str(item["step"] or ""),
            Text(label, style=style),
            Text.assemble((title, "bold"), "\n", (f"{item['id']}{severity}", "dim")),
            note,
        )
    console.print(table)
