import datetime as dt

from django import forms
from django.utils import timezone

from candidates.models import Application
from debriefs.models import CandidateUpdate, DebriefDecision, Rating, Scorecard
from hiring_hub.forms import PkMultipleChoiceField
from hiring_hub.models import User
from hiring_hub.validators import validate_single_line
from requisitions.models import Criterion, InterviewStage

RATING_CHOICES = [("", "—")] + [(str(v), label) for v, label in Rating.choices]
CRITERION_CHOICES = [("", "No evidence")] + [(str(v), label) for v, label in Rating.choices]
# A deal-breaker is worded as whether the trait was seen, best first as the scale reads.
DEAL_BREAKER_CHOICES = [("", "No evidence")] + [
    (str(v), Rating.deal_breaker_label(v)) for v in Rating.values
]


def _rating_field(label: str, choices: list[tuple[str, str]]) -> forms.TypedChoiceField:
    """A 1–4 rating, optional (empty is no rating yet, or no evidence)."""
    return forms.TypedChoiceField(
        label=label, required=False, choices=choices, coerce=int, empty_value=None
    )


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ApplicationChoiceForm(forms.Form):
    application = forms.ModelChoiceField(
        queryset=Application.objects.none(), label="Candidate and requisition"
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: (
            f"{a.candidate.full_name} — {a.requisition.title} ({a.get_stage_display()})"
        )


class InterviewForm(forms.Form):
    """Times are typed in the scheduler's own time zone (the active zone of the request)."""

    stage = forms.ModelChoiceField(queryset=InterviewStage.objects.none())
    starts_at = forms.DateTimeField(
        label="Starts",
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)", min_value=5, max_value=600, initial=60
    )
    interviewers = PkMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty to invite the stage's interviewers.",
    )
    location = forms.CharField(max_length=200, required=False, validators=[validate_single_line])
    video_link = forms.URLField(required=False, assume_scheme="https")
    next_steps_promised_by = forms.DateField(
        label="Candidate hears from us by",
        required=False,
        widget=DateInput(),
        help_text="The next-steps promise given to the candidate.",
    )
    next_steps_message = forms.CharField(
        label="Next steps told to the candidate",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, requisition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = InterviewStage.objects.filter(requisition=requisition)
        self.fields["interviewers"].queryset = User.objects.filter(is_active=True).order_by(
            "full_name"
        )
        self.fields["interviewers"].label_from_instance = lambda u: (
            f"{u.full_name} ({u.get_role_display().lower()})"
        )

    def clean(self):
        data = super().clean()
        if not (data.get("location") or data.get("video_link")):
            self.add_error("location", "Give a location or a video link.")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        starts_at = data["starts_at"]
        return {
            "starts_at": starts_at,
            "ends_at": starts_at + dt.timedelta(minutes=data["duration_minutes"]),
            "interviewers": list(data["interviewers"]),
            "location": data["location"],
            "video_link": data["video_link"],
            "next_steps_promised_by": data["next_steps_promised_by"],
            "next_steps_message": data["next_steps_message"],
        }

    @classmethod
    def initial_for(cls, interview) -> dict:
        return {
            "stage": interview.stage_id,
            "starts_at": timezone.localtime(interview.starts_at),
            "duration_minutes": int(
                (interview.ends_at - interview.starts_at).total_seconds() // 60
            ),
            "interviewers": list(interview.interviewers.all()),
            "location": interview.location,
            "video_link": interview.video_link,
            "next_steps_promised_by": interview.next_steps_promised_by,
            "next_steps_message": interview.next_steps_message,
        }


class InterviewCancelForm(forms.Form):
    # A CharField refuses NUL characters, which PostgreSQL cannot store.
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScorecardForm(forms.Form):
    """An interviewer's scorecard: one rating + evidence per criterion of the stage, then
    skills, enthusiasm, team fit, what to explore next and the overall recommendation."""

    hard_skills = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What they showed they can do, with the example they gave.",
    )
    soft_skills = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Communication, collaboration, ownership — as seen in the interview.",
    )
    skills_evidence_strength = forms.ChoiceField(
        label="How strong is the evidence?",
        required=False,
        choices=[("", "—")] + list(Scorecard.EvidenceStrength.choices),
    )
    enthusiasm = _rating_field("Rating", RATING_CHOICES)
    enthusiasm_signals = forms.CharField(
        label="Signals you saw",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Questions they asked, preparation, what they said about the role.",
    )
    team_fit = _rating_field("Rating", RATING_CHOICES)
    team_fit_behaviour = forms.CharField(
        label="Observed behaviour",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Describe what they did or said (how they handled disagreement, asked for help, "
            "credited others) — not a gut feeling like “I'd have a beer with them”."
        ),
    )
    explore_further = forms.CharField(
        label="What to probe",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    explore_criteria = forms.MultipleChoiceField(
        label="Criteria to probe further", required=False, widget=forms.CheckboxSelectMultiple
    )
    explore_people = forms.CharField(
        label="People the candidate should meet", required=False, max_length=2000
    )
    recommendation = _rating_field("Your recommendation", RATING_CHOICES)
    amendment_reason = forms.CharField(
        label="Why are you changing your submitted scorecard?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, criteria, all_criteria, submitted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"rating_{criterion.pk}"] = _rating_field(
                "Rating",
                DEAL_BREAKER_CHOICES
                if criterion.kind == Criterion.Kind.DEAL_BREAKER
                else CRITERION_CHOICES,
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label="Evidence", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields["explore_criteria"].choices = [(str(c.pk), c.name) for c in all_criteria]
        self._all_criteria = {str(c.pk): c for c in all_criteria}
        if not submitted:
            del self.fields["amendment_reason"]

    def criterion_fields(self):
        for criterion in self.criteria:
            yield criterion, self[f"rating_{criterion.pk}"], self[f"evidence_{criterion.pk}"]

    @classmethod
    def initial_for(cls, scorecard: Scorecard) -> dict:
        initial = {name: getattr(scorecard, name) for name in Scorecard.REPORT_FIELDS}
        initial["explore_criteria"] = [str(c.pk) for c in scorecard.explore_criteria.all()]
        for rating in scorecard.ratings.all():
            initial[f"rating_{rating.criterion_id}"] = rating.rating
            initial[f"evidence_{rating.criterion_id}"] = rating.evidence
        return initial

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in Scorecard.REPORT_FIELDS}
        ratings = {
            criterion.pk: {
                "rating": data[f"rating_{criterion.pk}"],
                "evidence": data[f"evidence_{criterion.pk}"],
            }
            for criterion in self.criteria
        }
        explore = [self._all_criteria[pk] for pk in data["explore_criteria"]]
        return {"fields": fields, "ratings": ratings, "explore_criteria": explore}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=DebriefDecision.Decision.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Tie it to the criteria and the evidence. A rejection reason is kept on the "
        "application.",
    )
    next_stage_focus = forms.CharField(
        label="Focus carried to the next stage",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to the next stage's interviewers when you advance.",
    )


class ThankYouNoteForm(forms.Form):
    subject = forms.CharField(max_length=200, validators=[validate_single_line])
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 15}))


class CandidateUpdateForm(forms.Form):
    channel = forms.ChoiceField(
        choices=CandidateUpdate.Channel.choices,
        widget=forms.RadioSelect,
        initial=CandidateUpdate.Channel.EMAIL,
        label="How",
    )
    subject = forms.CharField(
        max_length=200, required=False, help_text="For an email.", validators=[validate_single_line]
    )
    body = forms.CharField(
        label="Message or call notes",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="An email is sent to the candidate as written; call notes are kept here.",
    )
    next_update_promised_by = forms.DateField(
        label="Next update promised by", required=False, widget=DateInput()
    )

    def clean(self):
        data = super().clean()
        if data.get("channel") == CandidateUpdate.Channel.EMAIL and not data.get("subject"):
            self.add_error("subject", "An email needs a subject.")
        return data
