"""Where an account's facts come from: the live Alibaba Cloud APIs or an inventory file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from acctclose.errors import AcctcloseError
from acctclose.inventory import Inventory


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How to read the facts; every command that reads them takes the same options."""

    from_file: Path | None = None
    profile: str | None = None
    site: str | None = None
    enable_resource_center: bool = False
    show_progress: bool = False

    @property
    def source_name(self) -> str:
        return "live" if self.from_file is None else "file"


def load_facts(options: SourceOptions) -> Inventory:
    """The account's facts from the chosen source; AcctcloseError when they cannot be read."""
    if options.from_file is not None:
        from acctclose.sources.file import load_inventory

        return load_inventory(options.from_file)
    raise AcctcloseError("no live source yet: pass --from INVENTORY (see examples/accounts/)")
