from django.db import migrations, models


def renumber_duplicate_orders(apps, schema_editor):
    """Before the constraint: a plan whose stages share a position is renumbered 0, 1, 2...
    in its current reading order (order, then id), which keeps what users saw."""
    InterviewStage = apps.get_model("requisitions", "InterviewStage")
    duplicated = (
        InterviewStage.objects.values("requisition_id", "order")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
        .values_list("requisition_id", flat=True)
        .distinct()
    )
    for requisition_id in set(duplicated):
        stages = InterviewStage.objects.filter(requisition_id=requisition_id).order_by("order", "id")
        for position, stage in enumerate(stages):
            if stage.order != position:
                InterviewStage.objects.filter(pk=stage.pk).update(order=position)


class Migration(migrations.Migration):
    dependencies = [
        ("requisitions", "0003_single_line_fields"),
    ]

    operations = [
        migrations.RunPython(renumber_duplicate_orders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="interviewstage",
            constraint=models.UniqueConstraint(
                fields=("requisition", "order"),
                name="interview_stage_order_unique",
                violation_error_message="Another stage of this plan already has that position.",
            ),
        ),
    ]
