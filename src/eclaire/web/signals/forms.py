from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SignalUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Signal file or export (CSV or XLSX)"),
        help_text=_(
            "The canonical signal file, or a Zendesk, Freshdesk, HubSpot or Salesforce export."
        ),
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[
            ("file", _("Canonical signal file")),
            ("zendesk", "Zendesk"),
            ("freshdesk", "Freshdesk"),
            ("hubspot", "HubSpot"),
            ("salesforce", "Salesforce"),
        ],
        initial="file",
    )
    mapping = forms.FileField(
        label=_("Mapping file (YAML)"),
        required=False,
        help_text=_("Needed for an export: queues and teams to units, reasons to the taxonomy."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt", ".tsv")):
            raise forms.ValidationError(_("Expected a .csv or .xlsx file."))
        return upload

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("source") not in (None, "file") and not data.get("mapping"):
            self.add_error("mapping", _("An export needs its mapping file."))
        return data
