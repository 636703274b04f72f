"""What the wrk benchmarks report alike: the median of each figure over interleaved rounds, and
the line above the results table that says how they were measured."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

type Round = dict[str, dict[str, float]]  # what was measured (a URL, a request) -> its figures


def medians(rounds: Sequence[Round]) -> Round:
    """Each figure's median over the rounds, in the first round's order."""
    return {
        name: {key: statistics.median(r[name][key] for r in rounds) for key in figures}
        for name, figures in rounds[0].items()
    }


def print_conditions(
    connections: int,
    seconds: int,
    rounds: int,
    *,
    lead: str = "",
    details: Sequence[str] = (),
    workers: int = 2,
) -> None:
    """The line above the results: `lead` (what else was measured against), wrk's load, the
    rounds the medians are of, any `details`, and the server's workers."""
    facts = [
        f"{connections} connections",
        f"{seconds} s per URL",
        f"median of {rounds} rounds",
        *details,
        f"{workers} gunicorn workers",
    ]
    print(f"\n{lead}{', '.join(facts)}\n")
