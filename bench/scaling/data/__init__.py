"""The data set of the scale benchmark, written with PostgreSQL COPY after `migrate`.

At --scale 1: 300 requisitions, 100,000 candidates, 200,000 applications, 550,000 stage
changes, 50,000 interviews (3 interviewers each, so 150,000 scorecards), plus the users,
criteria, interview plans, shortlists with entries, assessments, thank-you notes and offers
a few years of use leave behind. 12% of the candidates live in Berlin. Requisition 1 (the
first one built) has 2,000 applications and a shortlist of 60 entries waiting for its
hiring manager. Every row respects the models' constraints; ids are assigned here and the
sequences are moved past them afterwards. Deterministic for a given scale and seed.

`plan` holds the sizes and words, `copying` the writer, one module per app writes its
tables (in the order below: each step hands ids to the next through `plan.Build`), and
`sweep` the notification sweep's own small data set.
"""

from __future__ import annotations

import random
import sys

from bench.scaling.data.candidates import write_applications, write_candidates
from bench.scaling.data.copying import Copier, Progress
from bench.scaling.data.debriefs import write_interviews
from bench.scaling.data.plan import Build, counts_for
from bench.scaling.data.requisitions import write_people, write_requisitions
from bench.scaling.data.shortlists import write_assessments, write_offers, write_shortlists
from bench.scaling.data.sweep import build_sweep

__all__ = ["build", "build_sweep", "counts_for"]

STEPS = (
    write_people,
    write_requisitions,
    write_candidates,
    write_applications,
    write_assessments,
    write_shortlists,
    write_offers,
    write_interviews,
)


def build(*, scale: float = 1.0, seed: int = 10, progress_stream=sys.stderr) -> dict:
    """Write the data set into the (migrated, empty) default database; return the counts."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now().replace(microsecond=0)
    c = counts_for(scale)
    planned = (  # rows of every table, roughly (for the progress bar)
        c["candidates"] * 1.6
        + c["applications"] * 2.5
        + c["stage_changes"]
        + c["interviews"] * 8
        + c["requisitions"] * 20
    )
    progress = Progress(int(planned), stream=progress_stream)
    b = Build(random.Random(seed), now, c, Copier(connection, progress, now))
    for step in STEPS:
        step(b)
    progress.close()
    b.copier.reset_sequences()
    return {
        "tables": dict(b.copier.written),
        "big_requisition": b.requisitions[0]["id"],
        "review_shortlist": b.review_shortlist,
    }
