"""Writing imported responses, and reading a campaign's responses back as a core frame."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from django.db import transaction

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Unit
from eclaire.web.responses.models import Response

SEGMENT_COLUMNS = ("role", "tenure_band", "contract", "customer_facing")
META_COLUMNS = ("unit_id", *SEGMENT_COLUMNS, "self")


def _segment(value: object) -> str:
    return value if isinstance(value, str) else ""


def _answers(row: dict[str, object], na_row: dict[str, bool]) -> dict[str, object]:
    answers: dict[str, object] = {}
    for column, value in row.items():
        if column in META_COLUMNS:
            continue
        if na_row.get(column):
            answers[column] = "NA"
        elif isinstance(value, str):
            if value.strip():
                answers[column] = value
        elif value is not None and not (isinstance(value, float) and math.isnan(value)):
            number = float(value)  # type: ignore[arg-type]
            answers[column] = int(number) if number.is_integer() else number
    return answers


@transaction.atomic
def do_import_responses(
    campaign: Campaign, frame: pd.DataFrame, not_applicable: pd.DataFrame
) -> int:
    """Store a validated responses table in one transaction; returns the number of responses."""
    units = {u.code: u for u in Unit.objects.filter(organization=campaign.organization)}
    na_records = not_applicable.reindex(index=frame.index).fillna(False).to_dict("records")
    rows = []
    for row, na_row in zip(frame.to_dict("records"), na_records, strict=True):
        cf = row.get("customer_facing")
        rows.append(
            Response(
                campaign=campaign,
                unit=units[str(row["unit_id"])],
                role=_segment(row.get("role")),
                tenure_band=_segment(row.get("tenure_band")),
                contract=_segment(row.get("contract")),
                customer_facing=None
                if not isinstance(cf, str | bool) or cf == ""
                else cf in (True, "yes"),
                is_self=bool(row.get("self")) if not pd.isna(row.get("self")) else False,
                answers=_answers(row, na_row),
            )
        )
    Response.objects.bulk_create(rows, batch_size=2000)
    from eclaire.web.results.services import do_mark_stale

    do_mark_stale(campaign.pk)
    return len(rows)


def responses_frame(campaign: Campaign) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The campaign's responses in the core shape (docs/conventions.md), with the N/A marks."""
    records = Response.objects.filter(campaign=campaign).values_list(
        "unit__code", "role", "tenure_band", "contract", "customer_facing", "is_self", "answers"
    )
    meta, answers = [], []
    for code, role, tenure, contract, cf, is_self, ans in records:
        cf_text = "" if cf is None else ("yes" if cf else "no")
        meta.append((code, role, tenure, contract, cf_text, is_self))
        answers.append(ans)
    frame = pd.DataFrame(meta, columns=list(META_COLUMNS))
    raw = pd.DataFrame.from_records(answers) if answers else pd.DataFrame(index=frame.index)
    na = raw.eq("NA")
    from eclaire.web.campaigns.services import core_instrument

    choices = {
        i.code for i in core_instrument(campaign.instrument).iter_items() if i.kind == "choice"
    }
    kept_as_text = [c for c in raw.columns if c.startswith("text:") or c in choices]
    numeric = [c for c in raw.columns if c not in kept_as_text]
    values = raw[numeric].mask(na[numeric]).apply(pd.to_numeric, errors="coerce").astype(np.float64)
    frame = pd.concat([frame, values, raw[kept_as_text].mask(na[kept_as_text])], axis=1)
    return frame, na[numeric]
