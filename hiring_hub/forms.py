from django import forms
from django.core.exceptions import ValidationError

from hiring_hub import outbox
from hiring_hub.models import Role, User, time_zone_choices
from hiring_hub.validators import validate_single_line


class InvitationForm(forms.Form):
    full_name = forms.CharField(max_length=150, validators=[validate_single_line])
    email = forms.EmailField(validators=[validate_single_line])
    role = forms.ChoiceField(choices=Role.choices)
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial="UTC")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone with this email address already has an account.")
        return email


class ProfileForm(forms.ModelForm):
    notifications = forms.MultipleChoiceField(
        label="Emails I want",
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick a kind to stop receiving it. Reminders and the weekly check-in "
        "are timed in your time zone.",
    )

    class Meta:
        model = User
        fields = ["full_name", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds each app registered as switchable, in registration order.
        kinds = outbox.opt_out_kinds()
        self.fields["notifications"].choices = [(kind.key, kind.label) for kind in kinds]
        if self.instance.pk:
            off = set(self.instance.notification_opt_outs.values_list("kind", flat=True))
            self.fields["notifications"].initial = [
                kind.key for kind in kinds if kind.key not in off
            ]


# The largest primary key a row of ours can have (BigAutoField: a signed 64-bit integer).
MAX_PK = 2**63 - 1


def _is_pk(value) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_PK


def pk_values(raw) -> list[int]:
    """The posted ids that can be primary keys (ASCII digits within the database's integer
    range); anything else is dropped before it reaches a query, where the database would
    raise instead of finding nothing."""
    return [int(value) for value in raw if _is_pk(value)]


class PkMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses a value which cannot be a primary key before
    asking the database: Django passes 99999999999999999999 straight into `pk__in`, where
    SQLite and PostgreSQL raise an error (a 500) instead of matching nothing."""

    def _check_values(self, value):
        for pk in value:
            if not _is_pk(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's refusal on the bound form: field errors beside their field, the
    rest at the top; the user's input stays in the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
