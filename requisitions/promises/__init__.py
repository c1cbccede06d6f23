"""Promises kept, both ways, and the health of a partnership, computed from what the app
records: `samples` collects them, `kept` counts them per commitment, `health` weighs them."""

from requisitions.promises.health import Health, health_of, partnership_page
from requisitions.promises.kept import (
    COMMITMENTS,
    PromiseKept,
    agreed_promises,
    pair_promises_kept,
    pair_requisitions,
    promises_kept,
)
from requisitions.promises.samples import Sample, business_days_between

__all__ = [
    "COMMITMENTS",
    "Health",
    "PromiseKept",
    "Sample",
    "agreed_promises",
    "business_days_between",
    "health_of",
    "pair_promises_kept",
    "pair_requisitions",
    "partnership_page",
    "promises_kept",
]
