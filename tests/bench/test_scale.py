"""Smoke test of the scale benchmark (bench/scale.py, its steps in bench/scaling/): at a tiny
scale the data set builds on the test database (COPY on PostgreSQL, INSERTs on SQLite), every
page of its table and every floor answers, and the sweep it times sends once and then
nothing. Timings and targets are the benchmark's business, not the test suite's."""

import io
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection

from bench.scaling import data, measure, pages, report, sweep


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.TEMPLATES = [
        {
            **django_settings.TEMPLATES[0],
            "DIRS": [*django_settings.TEMPLATES[0]["DIRS"], settings.BASE_DIR / "bench/templates"],
        }
    ]


@pytest.mark.django_db
def test_tiny_data_set_serves_every_page_and_floor(bench_urls):
    # given
    built = data.build(scale=0.001, progress_stream=io.StringIO())
    subjects = pages.pick_subjects()
    clients = pages.clients_for(subjects)

    # when
    results = [
        measure.measure_page(page, subjects, clients, repeat=1, budget=5) for page in pages.PAGES
    ]

    # then
    assert built["tables"]["candidates_candidate"] == 100
    assert subjects.requisition == built["big_requisition"]
    assert subjects.shortlist == built["review_shortlist"]
    assert [r.status for r in results] == [200] * len(pages.PAGES)
    assert all(r.queries > 0 and r.floor_queries > 0 and r.floor_kib > 0 for r in results)
    assert all(r.layout_median_ms > 0 for r in results)
    if connection.vendor == "postgresql":  # the page's reads replayed (prepared ones too)
        assert all(r.sql_ms > 0 and r.floor_sql_ms > 0 and r.sql_ratio > 0 for r in results)
    else:
        assert {(r.sql_ms, r.floor_sql_ms, r.sql_ratio) for r in results} == {(None, None, None)}
    for page in pages.PAGES:
        layout = clients[page.role].get(pages.layout_floor_url(page, subjects))
        assert layout.status_code == 200 and b'id="mainNav"' in layout.content
    counts = measure.query_counts(subjects, clients)
    assert counts == {r.page: r.queries for r in results}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="replayed on PostgreSQL only")
def test_only_reads_are_replayed():
    # given
    sent = ["SELECT 1", "  with t as (select 2) select * from t", "UPDATE x SET y = 1", "BEGIN"]

    # when
    reads = measure.replayable(sent)

    # then
    assert reads == ["SELECT 1", "  with t as (select 2) select * from t"]
    assert measure.replay(reads) > 0
    assert measure.replayable(None) is None


@pytest.mark.django_db
def test_sweep_data_set_is_sent_once_then_the_sweep_is_a_no_op(bench_urls):
    # given
    now = sweep.sweep_anchor()
    built = data.build_sweep(recipients=8, now=now)

    # when
    mail.outbox = []
    first = sweep.sweep_once(now)
    sent_first = len(mail.outbox)
    second = sweep.sweep_once(now)

    # then
    assert built["recipients"] == 8
    assert {m.to[0] for m in mail.outbox} >= {
        f"{who}{g}@sweep.example"
        for g in range(2)
        for who in ("recruiter", "manager", "interviewer-a", "interviewer-b")
    }
    assert first["delivered"]["sent"] == sent_first
    assert second["delivered"]["sent"] == 0
    assert sum(c["written"] for c in second["swept"].values()) == 0
    assert len(mail.outbox) == sent_first


def test_failures_lists_each_missed_target():
    page = {
        "page": "candidate list",
        "role": "recruiter",
        "url": "/candidates/",
        "runs": 3,
        "median_ms": 30.0,
        "p95_ms": 40.0,
        "floor_median_ms": 10.0,
        "floor_p95_ms": 20.0,
        "ratio": 3.0,
        "p95_ratio": 2.0,
        "queries": 7,
        "floor_queries": 3,
        "kib": 12.0,
        "floor_kib": 4.0,
        "status": 200,
        "demo_queries": 8,
    }
    sweep = [
        {"recipients": 100, "first": {"ms": 100.0}, "noop": {"ms": 10.0}},
        {"recipients": 1000, "first": {"ms": 1300.0}, "noop": {"ms": 100.0}},
    ]

    problems = report.failures({"pages": [page], "sweep": sweep})

    assert problems == [
        "candidate list: median 3.0x its floor > 2.0x",
        "candidate list: 7 queries at scale, 8 on the demo data",
        "sweep (first): 1300.0 ms at 1000 recipients > 12.0x 100.0 ms at 100",
    ]


def test_the_command_line_starts_from_the_repository_root():
    """`python bench/scale.py` imports its steps from bench/scaling/ (see bench/README.md)."""
    root = django_settings.BASE_DIR
    done = subprocess.run(
        [sys.executable, "bench/scale.py", "--help"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--reuse" in done.stdout
