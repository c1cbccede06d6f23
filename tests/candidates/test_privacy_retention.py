"""The retention job: candidates nobody has worked with for CANDIDATE_RETENTION_DAYS are
erased, once."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from candidates import privacy, services
from candidates.models import Application, Candidate
from tests import factories

St = Application.Stage
pytestmark = pytest.mark.django_db


def _age(candidate, days: int) -> None:
    # The retention rule is about stored times; the test sets them directly.
    then = timezone.now() - dt.timedelta(days=days)
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=then, created_at=then)
    Application.objects.filter(candidate=candidate).update(stage_changed_at=then, created_at=then)


@pytest.fixture
def pool(recruiter, requisition):
    def person(name, days, stage=None):
        candidate = services.candidate_create(
            actor=recruiter, full_name=name, email=f"{name.split()[0].lower()}@example.org"
        )
        if stage:
            factories.ApplicationFactory(
                candidate=candidate,
                requisition=factories.RequisitionFactory(recruiter=recruiter),
                stage=stage,
                closed_reason=f"{name} declined." if stage in St.closed_values() else "",
            )
        _age(candidate, days)
        return Candidate.objects.get(pk=candidate.pk)

    return {
        "old_rejected": person("Olga Old", 800, St.REJECTED),
        "old_no_application": person("Nils None", 800),
        "old_open": person("Otto Open", 800, St.SCREENING),
        "recent_rejected": person("Rita Recent", 100, St.REJECTED),
    }


def test_retention_erases_only_candidates_past_the_period_with_nothing_open(settings, pool):
    settings.CANDIDATE_RETENTION_DAYS = 730

    report = privacy.candidates_retention_erase()

    expected = sorted([pool["old_rejected"].pk, pool["old_no_application"].pk])
    assert sorted(report.erased_ids) == expected
    assert report.as_dict()["erased"] == 2
    erased = Candidate.objects.filter(erased_at__isnull=False)
    assert sorted(erased.values_list("pk", flat=True)) == expected
    assert not Candidate.objects.filter(full_name__in=["Olga Old", "Nils None"]).exists()
    assert not Application.objects.filter(closed_reason__contains="Olga").exists()


def test_retention_is_idempotent(settings, pool):
    settings.CANDIDATE_RETENTION_DAYS = 730
    privacy.candidates_retention_erase()
    before = list(Candidate.objects.order_by("pk").values())

    report = privacy.candidates_retention_erase()

    assert report.erased_ids == []
    assert list(Candidate.objects.order_by("pk").values()) == before


def test_recent_activity_on_an_old_candidate_keeps_them(settings, pool):
    settings.CANDIDATE_RETENTION_DAYS = 730
    Application.objects.filter(candidate=pool["old_rejected"]).update(
        stage_changed_at=timezone.now()
    )

    report = privacy.candidates_retention_erase()

    assert pool["old_rejected"].pk not in report.erased_ids


def test_retention_of_zero_days_is_off(settings, pool):
    settings.CANDIDATE_RETENTION_DAYS = 0
    report = privacy.candidates_retention_erase()
    assert report.erased_ids == [] and report.cutoff is None
    assert not Candidate.objects.filter(erased_at__isnull=False).exists()


def test_retention_command_reports_what_it_erased(settings, pool, capsys):
    settings.CANDIDATE_RETENTION_DAYS = 730
    call_command("erase_expired_candidates")
    out = capsys.readouterr().out
    assert "2 candidate(s) erased" in out
    assert str(pool["old_rejected"].pk) in out

    call_command("erase_expired_candidates")
    assert "0 candidate(s) erased" in capsys.readouterr().out


def test_retention_task_returns_the_report(settings, pool):
    from candidates.tasks import candidates_retention_erase

    settings.CANDIDATE_RETENTION_DAYS = 730
    result = candidates_retention_erase.apply().get()
    assert result["erased"] == 2 and len(result["erased_ids"]) == 2


def test_retention_runs_daily_from_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["candidate-retention"]
    assert entry["task"] == "candidates.tasks.candidates_retention_erase"
