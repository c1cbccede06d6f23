"""Demo candidates: a pipeline on "Senior Backend Engineer" with a decided shortlist and one
awaiting the manager's review (a deal-breaker flag, a need-more-information thread), and on
"Data Analyst" an offer in progress; "Frontend Engineer" filled after three shortlists.
Built through the services; idempotent. Dated like a real quarter (hiring_hub.demo.days_ago):
candidates added over weeks, shortlists answered days after they were sent."""

from candidates.demo.analyst import seed_analyst
from candidates.demo.backend import seed_backend
from candidates.demo.check_ins import seed_check_ins
from candidates.demo.frontend import seed_frontend


def seed(users) -> None:
    seed_backend(users)
    seed_analyst(users)
    seed_frontend(users)
    seed_check_ins(users)


__all__ = ["seed"]
