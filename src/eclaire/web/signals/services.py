"""Importing customer signals into a campaign, and reading them back as a core frame.

The file is validated whole first (canonical file or an export with its mapping); only then are
the rows written, in one transaction, replacing the campaign's signals of the same ids. Nothing is
written when anything is wrong.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import transaction

from eclaire.core.interchange import FileBytes, ImportProblems, Problem
from eclaire.core.signals import SignalsTable, read_signals
from eclaire.core.signals.adapters import load_mapping, parse_mapping, read_export
from eclaire.core.yaml_lines import DataFileError
from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Unit
from eclaire.web.signals.models import CustomerSignal

SOURCES = ("file", "zendesk", "freshdesk", "hubspot", "salesforce")


@dataclass(frozen=True)
class SignalImport:
    count: int = 0
    problems: ImportProblems | DataFileError | None = None
    warnings: tuple[str, ...] = ()


def account_digest(campaign: Campaign, account: object) -> str:
    """A keyed digest of the account: distinct customers can be counted, none can be read back."""
    if not isinstance(account, str) or not account:
        return ""
    key = f"{settings.SECRET_KEY}:signals:{campaign.pk}".encode()
    return hmac.new(key, account.encode(), hashlib.sha256).hexdigest()[:16]


def read_signal_file(
    path: Path | FileBytes,
    unit_ids: Collection[str],
    source: str = "file",
    mapping: Path | str | None = None,
) -> SignalsTable:
    """The validated events of a canonical file or of an export (``mapping``: path or YAML text)."""
    if source == "file":
        return read_signals(path, unit_ids)
    if mapping is None:
        raise ImportProblems(
            [Problem(path.name, None, None, None, f"a mapping file for a {source} export")]
        )
    parsed = (
        load_mapping(mapping, unit_ids)
        if isinstance(mapping, Path)
        else parse_mapping(mapping, "mapping.yaml", unit_ids)
    )
    return read_export(path, source, parsed, unit_ids)


def do_import_signals(
    campaign: Campaign,
    path: Path | FileBytes,
    source: str = "file",
    mapping: Path | str | None = None,
) -> SignalImport:
    """Validate ``path`` whole, then store its events; on any problem nothing is written."""
    units = {u.code: u for u in Unit.objects.filter(organization=campaign.organization)}
    try:
        table = read_signal_file(path, set(units), source, mapping)
    except (ImportProblems, DataFileError) as problems:
        return SignalImport(problems=problems)
    frame = table.frame
    rows = [_row(campaign, source, units, r) for r in frame.to_dict("records")]
    with transaction.atomic():
        CustomerSignal.objects.filter(
            campaign=campaign, signal_id__in=frame["signal_id"].tolist()
        ).delete()
        CustomerSignal.objects.bulk_create(rows, batch_size=1000)
    return SignalImport(count=len(rows), warnings=table.warnings)


def _value(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT else v


def _row(campaign: Campaign, source: str, units: dict[str, Unit], r: dict) -> CustomerSignal:
    src, dst = _value(r["handoff_from_unit"]), _value(r["handoff_to_unit"])
    reopened = _value(r["reopened"])
    return CustomerSignal(
        campaign=campaign,
        source=source,
        signal_id=r["signal_id"],
        date=r["date"].date(),
        kind=r["kind"],
        unit=units[r["unit_id"]],
        handoff_from=units[str(src)] if src else None,
        handoff_to=units[str(dst)] if dst else None,
        account_digest=account_digest(campaign, _value(r["account"])),
        reopened=None if reopened is None else bool(reopened),
        delay_days=_value(r["delay_days"]),
        reason=_value(r["reason"]) or "",
        score=_value(r["score"]),
        score_scale=_value(r["score_scale"]) or "",
        text=_value(r["text"]) or "",
    )


def signal_frame(campaign: Campaign) -> pd.DataFrame:
    """The campaign's events in the shape :func:`eclaire.core.signals.measure_signals` takes."""
    rows = CustomerSignal.objects.filter(campaign=campaign).values_list(
        "signal_id",
        "date",
        "kind",
        "unit__code",
        "handoff_from__code",
        "handoff_to__code",
        "account_digest",
        "reopened",
        "delay_days",
        "reason",
        "score",
        "score_scale",
        "text",
    )
    columns = [
        "signal_id",
        "date",
        "kind",
        "unit_id",
        "handoff_from_unit",
        "handoff_to_unit",
        "account",
        "reopened",
        "delay_days",
        "reason",
        "score",
        "score_scale",
        "text",
    ]
    frame = pd.DataFrame(list(rows), columns=columns)
    frame["date"] = pd.to_datetime(frame["date"])
    for name in ("account", "reason", "score_scale", "text"):
        frame[name] = frame[name].replace("", np.nan)
    for name in ("delay_days", "score"):
        frame[name] = frame[name].astype("float64")
    return frame
