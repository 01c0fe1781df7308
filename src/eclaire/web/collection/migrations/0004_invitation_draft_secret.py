"""An invitation keeps its draft's secret, wrapped, so that a reminder's link resumes the draft."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0003_remove_invitation_draft_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="draft_secret",
            field=models.BinaryField(
                default=b"",
                help_text="The draft's secret, wrapped (survey.sealing); empty once finished.",
            ),
        ),
    ]
