"""The alignment meeting's agenda, generated from the intake, the criteria and the
persona."""

from __future__ import annotations

from requisitions.models import Criterion, Intake, Requisition
from requisitions.selectors.intake import intake_answer_label

# How the agenda names an intake answer where it says it shorter than the answer's label.
AGENDA_LABELS = {
    "success_6_months": "After 6 months",
    "success_12_months": "After 12 months",
    "last_person_in_role": "The last person in the role",
    "past_hire_not_worked": "A hire that did not work out",
}


def alignment_agenda(requisition: Requisition) -> str:
    """An agenda for the alignment meeting: the intake, section by section as
    `Intake.SECTIONS` orders it; the criteria (the draft if there is one, else the signed
    version) and the persona; then the plan and the sign-off."""
    intake = Intake.objects.filter(requisition=requisition).first()
    version = requisition.criteria_versions.order_by("-number").prefetch_related("criteria").first()
    items = [(title, _intake_lines(intake, names)) for title, names in Intake.SECTIONS]
    criteria = list(version.criteria.all()) if version else []
    persona = version.persona if version else ""
    items += [
        (
            "Job requirements: walk through each criterion and its definition",
            _criteria_lines(criteria) or ["- No criteria drafted yet."],
        ),
        (
            "Candidate profile (persona)",
            [f"- {_one_line(persona)}" if persona else "- Describe the persona together."],
        ),
        ("Interview plan: which stage assesses which criterion", []),
        ("Sign-off of the criteria by the hiring manager, and next steps", []),
    ]
    lines = [f"Alignment meeting: {requisition.title} ({requisition.team})", ""]
    for number, (title, body) in enumerate(items, start=1):
        lines.append(f"{number}. {title}")
        lines += [f"   {line}" for line in body]
    return "\n".join(lines)


def _intake_lines(intake: Intake | None, names: tuple[str, ...]) -> list[str]:
    lines = [
        f"- {AGENDA_LABELS.get(name) or intake_answer_label(name)}: {_one_line(value)}"
        for name in names
        if (value := getattr(intake, name, ""))
    ]
    return lines or ["- Not captured in the intake yet: talk it through first."]


def _criteria_lines(criteria: list[Criterion]) -> list[str]:
    lines = []
    for kind in Criterion.Kind:
        of_kind = [c for c in criteria if c.kind == kind]
        if of_kind:
            lines.append(f"{kind.label}s:")
            for c in of_kind:
                definition = f": {_one_line(c.definition)}" if c.definition else " (define it)"
                lines.append(f"- {c.name}{definition}")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())
