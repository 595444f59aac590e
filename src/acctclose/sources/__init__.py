"""Where an account's facts come from: the live Alibaba Cloud APIs or an inventory file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acctclose.inventory import Inventory


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How to read the facts; every command that reads them takes the same options."""

    from_file: Path | None = None
    profile: str | None = None
    site: str | None = None
    enable_resource_center: bool = False
    show_progress: bool = False
    save_inventory: Path | None = None  # also write the facts read, in the inventory format

    @property
    def source_name(self) -> str:
        return "live" if self.from_file is None else "file"


def load_facts(options: SourceOptions) -> Inventory:
    """The account's facts from the chosen source; AcctcloseError when they cannot be read."""
    if options.from_file is not None:
        from acctclose.sources.file import load_inventory

        inventory = load_inventory(options.from_file)
    else:
        from acctclose.sources.live import LiveSettings, read_live

        settings = LiveSettings.from_environment(
            site=options.site, enable_resource_center=options.enable_resource_center
        )
        inventory, _ = read_live(
            settings, profile=options.profile, show_progress=options.show_progress
        )
    if options.save_inventory is not None:
        from acctclose.inventory_write import save_inventory

        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        save_inventory(
            inventory,
            options.save_inventory,
            note=f"acctclose inventory, read from the {options.source_name} source at {stamp}",
        )
    return inventory
