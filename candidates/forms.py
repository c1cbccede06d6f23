from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from candidates.models import Application, Assessment, Candidate, Offer, ShortlistEntry
from candidates.resumes import ACCEPTED_LABEL, detect_resume_type
from hiring_hub.forms import PkMultipleChoiceField
from hiring_hub.validators import validate_single_line
from requisitions.models import Criterion


class CandidateForm(forms.ModelForm):
    tags = forms.CharField(
        required=False,
        help_text="Comma-separated, e.g. python, payments, referral-2026.",
        validators=[validate_single_line],
    )
    resume = forms.FileField(
        label="Résumé",
        required=False,
        help_text=f"{ACCEPTED_LABEL}; at most 10 MB.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
    )
    requisition = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Add to requisition",
        help_text="Optional: put the candidate straight on a requisition's pipeline.",
    )

    class Meta:
        model = Candidate
        fields = ["full_name", "email", "phone", "location", "source", "links", "notes"]
        widgets = {
            "links": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, requisitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("tags", ", ".join(t.name for t in self.instance.tags.all()))
            del self.fields["requisition"]
        else:
            self.fields["requisition"].queryset = requisitions

    def clean_resume(self):
        upload = self.cleaned_data.get("resume")
        if upload:
            detect_resume_type(upload)
        return upload

    def clean_tags(self):
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]

    duplicate = None

    def clean_email(self):
        # Checked here (as well as in the service) so the page can offer the existing
        # person; a failed email also keeps the model's bare constraint message away.
        email = self.cleaned_data["email"].strip()
        self.duplicate = Candidate.holding_email(email, exclude_pk=self.instance.pk)
        if self.duplicate:
            raise ValidationError(duplicate_message(self.duplicate), code="duplicate_email")
        return email


def duplicate_message(existing: Candidate) -> str:
    return (
        f"{existing.full_name} already has this email address: open their profile or add "
        "them to the requisition instead of creating a duplicate."
    )


class AddToRequisitionForm(forms.Form):
    requisition = forms.ModelChoiceField(
        queryset=None,
        empty_label="Choose an open requisition…",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, requisitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requisition"].queryset = requisitions


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(
        choices=[("", "Choose a stage…"), *Application.Stage.choices], label="Move to"
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required for rejected and withdrawn.",
    )


class BulkMoveForm(MoveForm):
    applications = PkMultipleChoiceField(queryset=None)

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications


class AssessmentForm(forms.Form):
    """One rating and evidence field per criterion of the signed version."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            criterion, assessment = row["criterion"], row["assessment"]
            self.fields[f"rating_{criterion.pk}"] = forms.ChoiceField(
                choices=(
                    Assessment.Rating.deal_breaker_choices()
                    if criterion.kind == Criterion.Kind.DEAL_BREAKER
                    else Assessment.Rating.choices
                ),
                initial=assessment.rating if assessment else Assessment.Rating.UNKNOWN,
                label=criterion.name,
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                required=False,
                initial=assessment.evidence if assessment else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                label="Evidence",
            )
            row["rating_field"] = self[f"rating_{criterion.pk}"]
            row["evidence_field"] = self[f"evidence_{criterion.pk}"]

    def ratings(self) -> dict:
        return {
            row["criterion"].pk: (
                self.cleaned_data[f"rating_{row['criterion'].pk}"],
                self.cleaned_data[f"evidence_{row['criterion'].pk}"],
            )
            for row in self.rows
        }


class ShortlistSubmitForm(forms.Form):
    applications = PkMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Candidates"
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What the manager should know about this set.",
    )
    unassessed_reason = forms.CharField(
        label="Why send someone nobody assessed?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=(
            "Only needed for a candidate marked “not assessed”; the hiring manager sees it."
        ),
    )

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications
        self.fields["applications"].label_from_instance = _send_label


def _send_label(application) -> str:
    """A candidate as the send step shows them: stage, assessment status, flags."""
    total = getattr(application, "criteria_total", 0)
    assessed = getattr(application, "assessed", 0)
    status = f"assessed {assessed}/{total} criteria" if assessed else "not assessed"
    flag = " · ⚠ deal-breaker present" if getattr(application, "deal_breaker_flag", False) else ""
    return f"{application.candidate.full_name} ({application.get_stage_display()}) · {status}{flag}"


class ShortlistDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (value, ShortlistEntry.Decision(value).label)
            for value in ShortlistEntry.Decision.answer_values()
        ],
        widget=forms.RadioSelect,
    )
    criteria = PkMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason or question",
    )

    def __init__(self, *args, criteria=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = criteria
        self.fields["criteria"].label = "Criteria involved"


class MessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Reply")


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["base_salary", "bonus", "equity", "currency", "start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}


def _local_now() -> str:
    """Now, as a datetime-local input shows it."""
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class VerbalOfferForm(forms.Form):
    made_at = forms.DateTimeField(
        label="Verbal offer made at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        initial=_local_now,
    )
    outcome = forms.ChoiceField(choices=Offer.VerbalOutcome.choices)


class WrittenOfferForm(forms.Form):
    sent_at = forms.DateTimeField(
        label="Written offer sent at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        initial=_local_now,
    )
    expires_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class NegotiationNoteForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Negotiation note")


class OfferOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[(value, Offer.Outcome(value).label) for value in Offer.Outcome.settled_values()]
    )
    declined_reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Why declined"
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == Offer.Outcome.DECLINED
            and not data.get("declined_reason", "").strip()
        ):
            raise ValidationError({"declined_reason": "Say why the candidate declined."})
        return data
