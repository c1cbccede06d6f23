import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Separate from 0007: PostgreSQL refuses to alter a table with pending trigger events
    from the update in the same transaction."""

    dependencies = [("debriefs", "0007_thank_you_note_requisition")]

    operations = [
        migrations.AlterField(
            model_name="thankyounote",
            name="requisition",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="requisitions.requisition",
            ),
        ),
        migrations.AddIndex(
            model_name="thankyounote",
            index=models.Index(
                condition=models.Q(("status", "draft")),
                fields=["requisition", "due_at"],
                name="thank_you_draft_req_idx",
            ),
        ),
    ]
