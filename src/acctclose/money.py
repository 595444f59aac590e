"""Amounts of money: always Decimal, never float, and converted to CNY only with a given rate."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

CNY = "CNY"


def parse_amount(text: str) -> Decimal:
    """Parse a decimal amount such as "12.50"; ValueError for anything that is not one."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_fx_rate(spec: str) -> tuple[str, Decimal]:
    """Parse `CUR=RATE` (for example `USD=7.1`): CNY per one unit of CUR."""
    currency, sep, rate_text = spec.partition("=")
    currency = currency.strip().upper()
    if not sep or len(currency) != 3 or not currency.isalpha():
        raise ValueError(f"expected CUR=RATE such as USD=7.1, got {spec!r}")
    try:
        rate = parse_amount(rate_text)
    except ValueError:
        raise ValueError(f"rate for {currency} is not a number: {rate_text!r}") from None
    if rate <= 0:
        raise ValueError(f"rate for {currency} must be positive, got {rate_text!r}")
    return currency, rate


def to_cny(amount: Decimal, currency: str, fx_rates: Mapping[str, Decimal]) -> Decimal | None:
    """The amount in CNY, or None when no rate for the currency was given (fail closed)."""
    if currency == CNY:
        return amount
    rate = fx_rates.get(currency)
    return None if rate is None else amount * rate


def format_amount(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"
