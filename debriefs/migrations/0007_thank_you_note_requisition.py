import django.db.models.deletion
from django.db import migrations, models


def fill_requisition(apps, schema_editor):
    """Each note takes its interview's requisition."""
    ThankYouNote = apps.get_model("debriefs", "ThankYouNote")
    Interview = apps.get_model("debriefs", "Interview")
    ThankYouNote.objects.update(
        requisition_id=models.Subquery(
            Interview.objects.filter(pk=models.OuterRef("interview_id")).values(
                "application__requisition_id"
            )[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("debriefs", "0006_lists_interview_scheduled_end"),
        ("requisitions", "0008_event_kind_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="thankyounote",
            name="requisition",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="requisitions.requisition",
            ),
        ),
        migrations.RunPython(fill_requisition, migrations.RunPython.noop, elidable=True),
    ]
