"""Many members side by side: a bounded pool of workers (the API rate limit is shared by all
of them through the DirectoryApi). A worker returns an outcome for its member whatever
happens, so one member's failure never stops the others; Ctrl-C stops them all."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_batch(
    items: Sequence[T], work: Callable[[T], R], concurrency: int, stop: threading.Event
) -> list[R]:
    """`work` over `items`, at most `concurrency` at a time; results in the items' order."""
    if not items:
        return []
    pool = ThreadPoolExecutor(max(1, min(concurrency, len(items))), thread_name_prefix="member")
    futures = [pool.submit(work, item) for item in items]
    try:
        results = [future.result() for future in futures]
    except BaseException:
        # Ctrl-C or a bug: no new member starts, waits end at once, calls in flight finish.
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return results
