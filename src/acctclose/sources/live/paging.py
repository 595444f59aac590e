"""The two paging styles of the APIs read here: page numbers with a total, and tokens."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.retry import ResponseError

T = TypeVar("T")

MAX_PAGES = 100_000  # far beyond any account; stops a server that never ends a listing


def by_page_number(
    ctx: LiveContext,
    product: str,
    api: str,
    fetch: Callable[[int], tuple[list[T], int]],
    page_size: int,
) -> list[T]:
    """Page 1 gives the total; the remaining pages are fetched side by side."""
    first, total = fetch(1)
    pages = math.ceil(total / page_size) if total > 0 else 1
    if pages > MAX_PAGES:
        raise ResponseError(product, api, f"implausible total {total}")
    rest = ctx.map(lambda number: fetch(number)[0], range(2, pages + 1))
    items = list(first)
    for page in rest:
        items.extend(page)
    if len(items) < total:
        # Fail closed: a listing shorter than its own total is not the whole listing.
        raise ResponseError(product, api, f"{len(items)} items listed of {total}")
    return items


def by_token(
    product: str,
    api: str,
    fetch: Callable[[str | None], tuple[list[T], str | None]],
    on_page: Callable[[int], None] | None = None,
) -> list[T]:
    """Follow NextToken/Marker until the last page; a repeated token is an error, not a loop."""
    items: list[T] = []
    token: str | None = None
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        page, token = fetch(token)
        items.extend(page)
        if on_page is not None:
            on_page(len(page))
        if not token:
            return items
        if token in seen:
            raise ResponseError(product, api, "a page token repeated")
        seen.add(token)
    raise ResponseError(product, api, f"more than {MAX_PAGES} pages")
