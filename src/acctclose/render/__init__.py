"""Report renderers, one module per output format; each turns a Report into text."""

from __future__ import annotations

from importlib import import_module

from acctclose.report import Report

FORMATS: tuple[str, ...] = ("table", "json", "yaml", "markdown", "junit")


def render(report: Report, fmt: str, *, color: bool = False, width: int | None = None) -> str:
    """Render in one of FORMATS; `color` and `width` only matter for the table."""
    module = import_module(f"acctclose.render.{fmt}_format")
    if fmt == "table":
        return module.render(report, color=color, width=width)
    return module.render(report)
