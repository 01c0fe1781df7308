"""Writing imported responses, and reading a campaign's responses back as a core frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
from django.db import transaction

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Unit
from eclaire.web.responses.import_rows import already_stored, answer_dicts
from eclaire.web.responses.models import Response

SEGMENT_COLUMNS = ("role", "tenure_band", "contract", "customer_facing")
META_COLUMNS = ("unit_id", *SEGMENT_COLUMNS, "self")


def _segment(value: object) -> str:
    return value if isinstance(value, str) else ""


@transaction.atomic
def do_import_responses(
    campaign: Campaign,
    frame: pd.DataFrame,
    not_applicable: pd.DataFrame,
    *,
    allow_duplicates: bool = False,
) -> int:
    """Store a validated responses table in one transaction; returns the number of responses.

    Unless ``allow_duplicates``, refuses (:class:`DuplicateResponses`, nothing written) a table
    whose responses are already in the campaign, so a file imported twice is not counted twice.
    """
    units = {u.code: u.pk for u in Unit.objects.filter(organization=campaign.organization)}
    rows = _response_rows(campaign, frame, answer_dicts(frame, not_applicable), units)
    if not allow_duplicates:
        repeated = already_stored(campaign.pk, rows)
        if repeated:
            raise DuplicateResponses(repeated, len(rows))
    Response.objects.bulk_create(rows, batch_size=2000)
    from eclaire.web.results.services import do_mark_stale

    do_mark_stale(campaign.pk)
    return len(rows)


class DuplicateResponses(ValueError):
    """Responses of a file are already in the campaign (same unit, segments and answers)."""

    def __init__(self, repeated: int, total: int) -> None:
        self.repeated, self.total = repeated, total
        super().__init__(f"{repeated} of the {total} responses are already in the campaign")


def _response_rows(
    campaign: Campaign,
    frame: pd.DataFrame,
    answers: list[dict[str, object]],
    units: dict[str, int],
) -> list[Response]:
    meta = frame.reindex(columns=list(META_COLUMNS))
    records = zip(
        meta["unit_id"].astype(str).tolist(),
        *(meta[c].tolist() for c in SEGMENT_COLUMNS),
        meta["self"].fillna(False).astype(bool).tolist(),
        answers,
        strict=True,
    )
    return [
        Response(
            campaign_id=campaign.pk,
            unit_id=units[unit],
            role=_segment(role),
            tenure_band=_segment(tenure),
            contract=_segment(contract),
            customer_facing=None
            if not isinstance(cf, str | bool) or cf == ""
            else cf in (True, "yes"),
            is_self=is_self,
            answers=row_answers,
        )
        for unit, role, tenure, contract, cf, is_self, row_answers in records
    ]


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
