"""Demo requisitions at different steps (extended as requisition features land)."""

from requisitions.models import Requisition

DEMO_REQUISITIONS = [
    # title, team, location, status, recruiter key, manager key
    ("Senior Backend Engineer", "Payments", "Berlin / remote", "sourcing", "recruiter", "manager"),
    ("Product Designer", "Growth", "New York", "intake", "recruiter", "manager2"),
    ("Data Analyst", "Finance", "London", "interviewing", "recruiter2", "manager"),
    ("Engineering Manager", "Platform", "Remote (EU)", "draft", "recruiter", "manager2"),
]


def seed(users) -> None:
    for title, team, location, status, recruiter, manager in DEMO_REQUISITIONS:
        requisition, _ = Requisition.objects.get_or_create(
            title=title,
            team=team,
            defaults={
                "location": location,
                "status": status,
                "recruiter": users[recruiter],
                "hiring_manager": users[manager],
            },
        )
        requisition.hiring_team.add(users["interviewer"], users["interviewer2"])
