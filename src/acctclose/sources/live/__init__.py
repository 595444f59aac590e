"""The live source: an account's facts read through the official Alibaba Cloud SDK.

The SDK is imported when the first client or request is built, so only the live path loads it
(`acctclose --help` stays fast). The names below load on first use for the same reason:
importing a light submodule such as `settings` must not pull in every reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from acctclose.sources.live.reader import read_live
    from acctclose.sources.live.settings import LiveSettings

__all__ = ["LiveSettings", "read_live"]


def __getattr__(name: str) -> Any:
    if name == "read_live":
        from acctclose.sources.live.reader import read_live

        return read_live
    if name == "LiveSettings":
        from acctclose.sources.live.settings import LiveSettings

        return LiveSettings
    raise AttributeError(name)
