"""Forms bind and validate input; the services do the writing."""

from django import forms

from hiring_hub.forms import PkMultipleChoiceField
from hiring_hub.models import Role, User
from hiring_hub.validators import validate_single_line
from requisitions.models import (
    Criterion,
    Intake,
    PartnershipAgreement,
    PulseAnswer,
    Requisition,
    TeamProfile,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def active_users(*roles):
    qs = User.objects.filter(is_active=True).order_by("full_name")
    return qs.filter(role__in=roles) if roles else qs


class PeopleChoiceField(PkMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.get_role_display().lower()})"


class RequisitionForm(forms.ModelForm):
    hiring_team = PeopleChoiceField(
        queryset=active_users(),
        required=False,
        help_text="Interviewers see the requisition (read-only), its criteria and plan.",
    )

    class Meta:
        model = Requisition
        fields = Requisition.EDITABLE_FIELDS
        widgets = {"target_start_date": forms.DateInput(attrs={"type": "date"})}
        labels = {"salary_min": "Salary band from", "salary_max": "Salary band to"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recruiter"].queryset = active_users(Role.RECRUITER)
        self.fields["hiring_manager"].queryset = active_users(Role.HIRING_MANAGER, Role.RECRUITER)
        self.fields["recruiter"].required = False
        self.fields["recruiter"].help_text = "Leave empty to own it yourself."
        if self.instance.pk:
            self.fields["recruiter"].required = True
            self.fields["hiring_team"].initial = self.instance.hiring_team.all()


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Requisition.Status.choices)
    reason = forms.CharField(required=False, max_length=500)


class IntakeForm(forms.ModelForm):
    meeting_at = forms.DateTimeField(
        label="When",
        required=False,
        widget=DATETIME_WIDGET,
        help_text="In your time zone.",
    )
    meeting_attendees = PeopleChoiceField(queryset=active_users(), required=False)

    class Meta:
        model = Intake
        fields = (
            "meeting_at",
            "meeting_duration_minutes",
            "meeting_attendees",
            *Intake.CONTENT_FIELDS,
        )
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in Intake.CONTENT_FIELDS}
        labels = {"meeting_duration_minutes": "Length (minutes)"}

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The content fields by section, in the order of Intake.SECTIONS."""
        return [(title, [self[name] for name in names]) for title, names in Intake.SECTIONS]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ("name", "kind", "category", "definition", "order")
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "definition": "What does this mean for this team? Required for must-haves.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False


class PersonaForm(forms.Form):
    persona = forms.CharField(
        label="Candidate persona",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Who we are looking for: background, motivations, where they are today.",
    )


class AlignmentMeetingScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label="When", widget=DATETIME_WIDGET, help_text="In your time zone."
    )
    duration_minutes = forms.IntegerField(
        label="Length (minutes)", min_value=15, max_value=480, initial=45
    )
    attendees = PeopleChoiceField(
        queryset=active_users(),
        required=False,
        help_text="The recruiter and the hiring manager always attend.",
    )


class AlignmentMeetingForm(AlignmentMeetingScheduleForm):
    agenda = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))
    decisions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was agreed, including trade-offs accepted because of the talent market.",
    )


class InterviewStageForm(forms.Form):
    name = forms.CharField(max_length=120, validators=[validate_single_line])
    order = forms.IntegerField(min_value=0, required=False)
    duration_minutes = forms.IntegerField(
        label="Length (minutes)", min_value=15, max_value=480, initial=60
    )
    interviewers = PeopleChoiceField(queryset=active_users(), required=False)
    criterion_keys = forms.MultipleChoiceField(
        label="Criteria this stage assesses",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion_keys"].choices = [
            (str(c.key), f"{c.name} ({c.get_kind_display().lower()})") for c in criteria
        ]


class SignOffForm(forms.Form):
    confirm = forms.BooleanField(
        label="I agree these criteria are what we judge every candidate against.",
    )


class ChangesRequestForm(forms.Form):
    comment = forms.CharField(
        label="What should change?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The recruiter is emailed; your comment goes on the timeline.",
    )


# --- Weekly check-ins ------------------------------------------------------------------
class CheckInNoteForm(forms.Form):
    note = forms.CharField(
        label="Your note for the week",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Goes out with the figures in the weekly check-in email and stays on the "
        "report: what moved, what is blocked, what you need from the hiring manager.",
    )


class CheckInAcknowledgeForm(forms.Form):
    agenda = forms.CharField(
        label="Agenda points for our next conversation",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TeamProfileForm(forms.ModelForm):
    class Meta:
        model = TeamProfile
        fields = TeamProfile.CONTENT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in TeamProfile.CONTENT_FIELDS}
        help_texts = {
            "past_hires": "Hires that worked out or did not, and why.",
            "past_searches": "What past searches taught: the market, the process, the pace.",
        }


class RetrospectiveForm(forms.Form):
    what_worked = forms.CharField(
        label="What worked", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    what_to_change = forms.CharField(
        label="What to change next time", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


# --- The partnership ------------------------------------------------------------------------
class PartnershipAgreementForm(forms.ModelForm):
    class Meta:
        model = PartnershipAgreement
        fields = PartnershipAgreement.TERM_FIELDS
        help_texts = {
            "first_shortlist_business_days": "Counted from the hiring manager's sign-off.",
            "check_in_weekly": "The figures go out every week anyway; this promises a note too.",
            "scorecard_hours": "For everyone who interviews; reminders follow this number.",
        }


class PulseForm(forms.Form):
    mood = forms.ChoiceField(
        label="How is this search going for you?",
        choices=PulseAnswer.Mood.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything to add? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
