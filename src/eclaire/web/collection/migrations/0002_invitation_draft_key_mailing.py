"""A stable draft key per invitation (drafts survive token rotation) and the log of mailings."""

import secrets

import django.db.models.deletion
from django.db import migrations, models

import eclaire.web.collection.models


def fill_draft_keys(apps, schema_editor):
    Invitation = apps.get_model("collection", "Invitation")
    for invitation in Invitation.objects.filter(draft_key__isnull=True).only("pk"):
        invitation.draft_key = secrets.token_hex(16)
        invitation.save(update_fields=["draft_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("collection", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="draft_key",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(fill_draft_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invitation",
            name="draft_key",
            field=models.CharField(
                default=eclaire.web.collection.models.new_draft_key,
                editable=False,
                max_length=32,
                unique=True,
            ),
        ),
        migrations.CreateModel(
            name="Mailing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("invitation", "Invitation"), ("reminder", "Reminder")],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("sent_on", models.DateField(verbose_name="sent on")),
                ("sent", models.PositiveIntegerField(default=0, verbose_name="sent")),
                ("failed", models.PositiveIntegerField(default=0, verbose_name="failed")),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mailings",
                        to="campaigns.campaign",
                    ),
                ),
            ],
            options={"ordering": ["campaign", "-sent_on", "-id"]},
        ),
    ]
