"""The live source: an account's facts read through the official Alibaba Cloud SDK.

The SDK is imported when the first client or request is built, so only the live path loads it
(`acctclose --help` stays fast).
"""

from acctclose.sources.live.reader import read_live
from acctclose.sources.live.settings import LiveSettings

__all__ = ["LiveSettings", "read_live"]
