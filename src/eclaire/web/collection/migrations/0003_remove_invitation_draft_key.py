"""Invitations no longer hold a draft key: drafts are found and opened from the link alone."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0002_invitation_draft_key_mailing"),
    ]

    operations = [
        migrations.RemoveField(model_name="invitation", name="draft_key"),
    ]
