"""Drafts sealed with a key derived from the link: the clear columns go, clear drafts are deleted.

A clear draft cannot be sealed: the key comes from the link's raw secret, which the server never
stored. Drafts of open campaigns are therefore deleted; their respondents start again from their
link (their answers were never counted; nothing submitted is touched).
"""

from django.db import migrations, models


def delete_clear_drafts(apps, schema_editor):
    apps.get_model("survey", "Draft").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0002_draft_revision"),
    ]

    operations = [
        migrations.RunPython(delete_clear_drafts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="draft", name="answers"),
        migrations.RemoveField(model_name="draft", name="attributes"),
        migrations.RemoveField(model_name="draft", name="interface_units"),
        migrations.RemoveField(model_name="draft", name="page"),
        migrations.AddField(
            model_name="draft",
            name="sealed",
            field=models.BinaryField(
                default=b"", help_text="Answers, attributes, units picked and page, AES-GCM sealed."
            ),
        ),
        migrations.AlterField(
            model_name="draft",
            name="key_hash",
            field=models.CharField(
                help_text="Locator derived from the link's secret.", max_length=64, unique=True
            ),
        ),
    ]
