"""Bounded candidate pages: pagination, board columns, the shortlist review's on-demand
decision forms, and their query budgets with few and many rows."""

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Application, ShortlistEntry, Tag
from tests import factories
from tests.candidates.conftest import submit_shortlist

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db


def test_candidate_list_shows_fifty_a_page_and_links_the_next_keeping_the_search(client, recruiter):
    for i in range(55):
        factories.CandidateFactory(full_name=f"Berta {i:02d}", location="Berlin")
    factories.CandidateFactory(full_name="Paula Paris", location="Paris")
    client.force_login(recruiter)
    url = reverse("candidates:candidate_list")

    first = client.get(url, {"q": "berlin"})
    assert [c["full_name"] for c in first.context["candidates"]][:2] == ["Berta 00", "Berta 01"]
    assert len(first.context["candidates"]) == 50
    assert 'href="?q=berlin&amp;page=2"' in first.content.decode()

    second = client.get(url, {"q": "berlin", "page": 2})
    assert [c["full_name"] for c in second.context["candidates"]] == [
        f"Berta {i}" for i in range(50, 55)
    ]
    assert not second.context["page"].has_next()


def test_candidate_search_matches_email_and_location_and_the_tag_filter(client, recruiter):
    python = Tag.objects.create(name="python")
    ada = factories.CandidateFactory(full_name="Ada", email="ada@lovelace.org", location="London")
    ada.tags.add(python)
    factories.CandidateFactory(full_name="Bob", email="bob@example.org", location="Paris")
    client.force_login(recruiter)
    url = reverse("candidates:candidate_list")

    def names(**params):
        return [c["full_name"] for c in client.get(url, params).context["candidates"]]

    assert names(q="LOVELACE") == ["Ada"]
    assert names(q="pari") == ["Bob"]
    assert names(tag="Python") == ["Ada"]


def test_candidate_search_reads_wildcards_as_text_on_every_search_of_a_statement(recruiter):
    """The statement is compiled once per shape: each search and tag is put in as its
    lookup would, a `%` or `_` matching itself."""
    from candidates import selectors

    a_tag, other_tag = Tag.objects.create(name="a_b"), Tag.objects.create(name="axb")
    factories.CandidateFactory(full_name="Ann", location="100% remote").tags.add(a_tag)
    factories.CandidateFactory(full_name="Bo", location="100 remote").tags.add(other_tag)

    def names(q="", tag=""):
        return [r["full_name"] for r in selectors.candidate_list(user=recruiter, q=q, tag=tag)]

    assert names(q="100%") == ["Ann"]
    assert names(q="100") == ["Ann", "Bo"]
    assert names(q="REMOTE", tag="A_B") == ["Ann"]
    assert names(tag="axb") == ["Bo"]
    assert names(tag="a%") == []
    assert selectors.candidate_list(user=recruiter)[1:5][0]["full_name"] == "Bo"


def test_a_search_holding_the_tag_stand_in_is_searched_as_typed(recruiter):
    """The search is put into a compiled statement where the search's stand-in is: a
    search that contains the tag filter's stand-in is not rewritten as the tag."""
    from candidates import selectors
    from candidates.selectors.people import _TAG

    tag = Tag.objects.create(name="remote")
    factories.CandidateFactory(full_name="Cy", location=f"x{_TAG}y").tags.add(tag)
    factories.CandidateFactory(full_name="Di", location="remote").tags.add(tag)
    found = selectors.candidate_list(user=recruiter, q=_TAG, tag="remote")
    assert [r["full_name"] for r in found] == ["Cy"]


@pytest.mark.parametrize("n", [3, 70])
def test_candidate_search_query_count_does_not_grow(
    client, recruiter, n, django_assert_num_queries
):
    for i in range(n):
        factories.ApplicationFactory(candidate__location="Berlin", candidate__full_name=f"C{i}")
    client.force_login(recruiter)
    # session, user, the page (tags and applications in its rows), the tag filter's names
    with django_assert_num_queries(4):
        response = client.get(reverse("candidates:candidate_list"), {"q": "Berlin"})
    assert len(response.context["candidates"]) == min(n, 50)


def test_pipeline_table_pages_keep_the_filters(client, recruiter, requisition):
    for i in range(60):
        factories.ApplicationFactory(
            requisition=requisition, candidate__full_name=f"Sam {i:02d}", stage=St.SCREENING
        )
    factories.ApplicationFactory(requisition=requisition, stage=St.SOURCED)
    client.force_login(recruiter)
    url = reverse("candidates:pipeline", args=[requisition.pk])

    response = client.get(url, {"stage": St.SCREENING})
    page = response.context["page"]
    assert (len(page.object_list), page.paginator.count) == (50, 60)
    assert 'href="?stage=screening&amp;page=2"' in response.content.decode()
    rest = client.get(url, {"stage": St.SCREENING, "page": 2}).context["applications"]
    assert [a["candidate_name"] for a in rest] == [f"Sam {i}" for i in range(50, 60)]


@pytest.mark.parametrize("n", [3, 45])
def test_board_shows_the_first_cards_of_each_stage_and_links_the_rest(
    client, recruiter, requisition, n, django_assert_num_queries
):
    for i in range(n):
        factories.ApplicationFactory(
            requisition=requisition, candidate__full_name=f"Kim {i:02d}", stage=St.SCREENING
        )
    factories.ApplicationFactory(requisition=requisition, stage=St.SOURCED)
    client.force_login(recruiter)
    url = reverse("candidates:pipeline", args=[requisition.pk])

    # 6: the counts per stage and the shortlists' acceptance come with the requisition
    with django_assert_num_queries(6):
        response = client.get(url, {"view": "board"})

    columns = {c["stage"]: c for c in response.context["board"]}
    screening = columns[St.SCREENING]
    assert len(screening["apps"]) == min(n, 20)
    assert screening["total"] == n and screening["more"] == max(0, n - 20)
    assert [a.candidate.full_name for a in screening["apps"]][:1] == ["Kim 00"]
    assert len(columns[St.SOURCED]["apps"]) == 1
    html = response.content.decode()
    if n > 20:
        assert f"Show {n - 20} more" in html
        assert 'href="?view=table&amp;stage=screening"' in html
    else:
        assert 'data-test="show-more"' not in html


# --- Shortlist review -------------------------------------------------------------------------
@pytest.fixture
def three(recruiter, hiring_manager, requisition, version, add_application):
    apps = [add_application(name=n) for n in ("Ann Advanced", "Ben Pending", "Cy Pending")]
    shortlist = submit_shortlist(
        recruiter,
        requisition,
        apps,
        unassessed_reason="Screened by phone; the assessment follows",
    )
    ann, ben, cy = shortlist.entries.order_by("pk")
    services.shortlist_entry_decide(
        entry=ann, actor=hiring_manager, decision=D.ADVANCE, reason="Great production story"
    )
    return shortlist, ann, ben, cy


def test_review_collapses_decided_entries_and_opens_the_first_undecided_form(
    client, hiring_manager, three
):
    shortlist, ann, ben, cy = three
    client.force_login(hiring_manager)
    response = client.get(reverse("candidates:shortlist_review", args=[shortlist.pk]))
    html = response.content.decode()
    entries = {e.pk: e for e in response.context["entries"]}
    assert not entries[ann.pk].form_open and entries[ben.pk].form_open
    assert not entries[cy.pk].form_open
    assert html.count('data-test="decide-form"') == 1
    assert "Great production story" in html
    assert "shortlist-entry-decided" in html
    # Cy's form comes on demand (htmx), with a plain link as the fallback.
    form_url = reverse("candidates:shortlist_entry_form", args=[cy.pk])
    assert f'data-hx-get="{form_url}?page=1"' in html
    assert f'href="?answer={cy.pk}#entry-{cy.pk}"' in html


def test_answer_link_without_javascript_opens_that_entrys_form(client, hiring_manager, three):
    shortlist, ann, ben, cy = three
    client.force_login(hiring_manager)
    response = client.get(
        reverse("candidates:shortlist_review", args=[shortlist.pk]), {"answer": cy.pk}
    )
    entries = {e.pk: e for e in response.context["entries"]}
    assert entries[cy.pk].form_open


def test_entry_form_partial_renders_only_the_decision_form(client, hiring_manager, three):
    shortlist, ann, ben, cy = three
    client.force_login(hiring_manager)
    response = client.get(
        reverse("candidates:shortlist_entry_form", args=[cy.pk]),
        {"page": 1},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'data-test="decide-form"' in html
    assert f'id="d-{cy.pk}-advance"' in html and 'name="page" value="1"' in html


def test_entry_form_of_a_decided_entry_is_not_found(client, hiring_manager, three):
    shortlist, ann, ben, cy = three
    client.force_login(hiring_manager)
    response = client.get(reverse("candidates:shortlist_entry_form", args=[ann.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["recruiter", "interviewer"])
def test_only_the_hiring_manager_gets_the_entry_form(client, request, three, role):
    shortlist, ann, ben, cy = three
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("candidates:shortlist_entry_form", args=[cy.pk]))
    assert response.status_code in (403, 404)


def test_saving_an_answer_returns_to_the_same_page_of_entries(client, hiring_manager, three):
    shortlist, ann, ben, cy = three
    client.force_login(hiring_manager)
    response = client.post(
        reverse("candidates:shortlist_entry_decide", args=[ben.pk]),
        {"decision": D.ADVANCE, "reason": "Yes", "page": "2"},
    )
    url = reverse("candidates:shortlist_review", args=[shortlist.pk])
    assert response["Location"] == f"{url}?page=2#entry-{ben.pk}"


def test_review_shows_twenty_entries_a_page(
    client, recruiter, hiring_manager, requisition, version
):
    apps = [factories.ApplicationFactory(requisition=requisition) for _ in range(25)]
    shortlist = submit_shortlist(
        recruiter,
        requisition,
        apps,
        unassessed_reason="Screened by phone; the assessment follows",
    )
    client.force_login(hiring_manager)
    url = reverse("candidates:shortlist_review", args=[shortlist.pk])
    assert len(client.get(url).context["entries"]) == 20
    assert len(client.get(url, {"page": 2}).context["entries"]) == 5


# --- Shortlist inbox --------------------------------------------------------------------------
def test_recruiter_inbox_opens_on_their_requisitions_with_everyones_a_click_away(
    client, recruiter, requisition
):
    mine = factories.ShortlistEntryFactory(shortlist__requisition=requisition).shortlist
    other = factories.ShortlistEntryFactory().shortlist
    client.force_login(recruiter)
    url = reverse("candidates:shortlist_inbox")
    assert [s.pk for s in client.get(url).context["shortlists"]] == [mine.pk]
    everyone = client.get(url, {"scope": "all"}).context["shortlists"]
    assert {s.pk for s in everyone} == {mine.pk, other.pk}


def test_candidate_list_rows_carry_tags_by_name_and_visible_applications_latest_first(
    recruiter, hiring_manager, requisition
):
    from candidates import selectors

    person = factories.CandidateFactory(full_name="Ada")
    person.tags.add(Tag.objects.create(name="zig"), Tag.objects.create(name="ada"))
    shortlisted = {"shortlisted_at": timezone.now()}  # what its hiring manager sees
    older = factories.ApplicationFactory(candidate=person, requisition=requisition, **shortlisted)
    newer = factories.ApplicationFactory(candidate=person)
    factories.CandidateFactory(full_name="Bob")

    rows = list(selectors.candidate_list(user=recruiter))

    assert [r["full_name"] for r in rows] == ["Ada", "Bob"]
    assert rows[0]["listed_tags"] == ["ada", "zig"]
    assert [a["id"] for a in rows[0]["visible_applications"]] == [newer.pk, older.pk]
    assert rows[0]["visible_applications"][1] == {
        "id": older.pk,
        "stage": older.stage,
        "title": requisition.title,
    }
    assert (rows[1]["listed_tags"], rows[1]["visible_applications"]) == ([], [])

    # a hiring manager sees the person through their shortlisted application only
    rows = list(selectors.candidate_list(user=hiring_manager))
    assert [(r["full_name"], [a["id"] for a in r["visible_applications"]]) for r in rows] == [
        ("Ada", [older.pk])
    ]
