"""What every rule receives: the facts, the day to judge them on, and the user's FX rates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from acctclose.inventory import Inventory

T = TypeVar("T")

# Evidence lists are capped so a 100k-resource report stays readable and small.
SAMPLE_SIZE = 20


@dataclass(frozen=True, slots=True)
class RuleContext:
    inventory: Inventory
    today: date
    fx_rates: dict[str, Decimal] = field(default_factory=dict)


def sample(items: Sequence[T], size: int = SAMPLE_SIZE) -> list[T]:
    return list(items[:size])


def counted(items: Sequence[Any], noun: str) -> str:
    return f"{len(items):,} {noun}{'' if len(items) == 1 else 's'}"
