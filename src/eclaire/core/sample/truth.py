"""What was planted in a sample, with the ids involved, so tests can check an analysis finds it."""

from __future__ import annotations

import json

import pandas as pd

from eclaire.core.instrument import Instrument
from eclaire.core.sample.organization import COMPANY, Organization
from eclaire.core.sample.patterns import (
    EFFECTS,
    MEETINGS_ITEM,
    NEWCOMER_BANDS,
    SUPPORT_DIMENSION,
    Plan,
)

__all__ = ["build_truth"]


def build_truth(
    instrument: Instrument,
    org: Organization,
    plan: Plan,
    responses: pd.DataFrame,
    seed: int,
    people: int,
    response_rate: float,
    lang: str,
) -> dict:
    """A JSON-ready description of the sample and of every planted pattern."""
    ranking = instrument.ranking
    members = responses[~responses["self"]]
    return {
        "generator": "eclaire.core.sample",
        "seed": seed,
        "units": len(org.units),
        "people": people,
        "response_rate": response_rate,
        "lang": lang,
        "instrument": {"id": instrument.id, "version": instrument.version},
        "company": dict(COMPANY),
        "declared_priorities": [o.code for o in ranking.options] if ranking is not None else [],
        "responses": {
            "rows": len(responses),
            "self_assessments": int(responses["self"].sum()),
            "by_unit": {
                k: int(v) for k, v in members["unit_id"].value_counts().sort_index().items()
            },
        },
        "patterns": _patterns(instrument, org, plan),
    }


def _ids(org: Organization, *indices: int | None) -> list[str | None]:
    ids = org.units["unit_id"].to_numpy()
    return [None if i is None else str(ids[i]) for i in indices]


def _patterns(instrument: Instrument, org: Organization, plan: Plan) -> dict:
    out: dict[str, dict] = {}
    if plan.tense_from is not None and plan.tense_to is not None:
        out["tense_interface"] = _tense(instrument, org, plan)
    if plan.manager_gap is not None:
        out["manager_gap"] = _manager_gap(instrument, org, plan.manager_gap)
    if plan.dispersed is not None:
        out["priority_disagreement"] = {
            "unit_id": _ids(org, plan.dispersed)[0],
            "question": instrument.ranking.code if instrument.ranking else None,
            "description": "members rank the priorities in unrelated orders (low Kendall's W); "
            "the other units mostly agree within themselves",
        }
    if plan.newcomers:
        out["newcomer_support"] = {
            "tenure_bands": list(NEWCOMER_BANDS),
            "dimension": SUPPORT_DIMENSION,
            "planted_shift": EFFECTS.newcomer_support,
            "except_units": _ids(org, plan.coherent),
            "description": "newcomers report less support than tenured staff, across the organization",
        }
    if plan.meetings is not None:
        out["meetings_without_decisions"] = {
            "unit_id": _ids(org, plan.meetings)[0],
            "item": MEETINGS_ITEM,
            "planted_shift": EFFECTS.meetings,
            "description": "most members say meetings often or very often end without a decision",
        }
    out["coherent_unit"] = _coherent(org, plan)
    if any(item.code == "MSG_PROMISE" for item in instrument.text_items):
        out["message_drift"] = json.loads(json.dumps(MESSAGE_DRIFT))
    return out


MESSAGE_DRIFT = {
    "item": "MSG_PROMISE",
    "statements": {
        "sales": "delivery within 48 h",
        "logistics": "delivery within 5 working days or a week",
        "sales_admin": "delivery within a week",
    },
    "description": "the customer promise differs between sales and the back office",
}


def _manager_gap(instrument: Instrument, org: Organization, unit: int) -> dict:
    return {
        "unit_id": _ids(org, unit)[0],
        "family": "clarity",
        "dimensions": [d.code for d in instrument.dimensions if d.family == "clarity"],
        "min_expected_gap": EFFECTS.gap_min_expected,
        "description": "the manager's self-assessment on clarity is far above the team's view "
        "(self row minus the mean of the members' rows)",
    }


def _coherent(org: Organization, plan: Plan) -> dict:
    unit, partner = _ids(org, plan.coherent, plan.coherent_partner)
    return {
        "unit_id": unit,
        "partner_unit": partner,
        "description": "high clarity, high agreement on priorities, few symptoms, good interfaces "
        "both ways; none of the other patterns",
    }


def _tense(instrument: Instrument, org: Organization, plan: Plan) -> dict:
    functions = org.units["function"]
    ids = org.units["unit_id"]
    from_unit, to_unit = _ids(org, plan.tense_from, plan.tense_to)
    return {
        "from_unit": from_unit,
        "to_unit": to_unit,
        "from_function": "sales",
        "to_function": "production",
        "from_units": ids[functions == "sales"].tolist(),
        "to_units": ids[functions == "production"].tolist(),
        "items": [item.code for item in instrument.interface_items],
        "planted_shift": round(EFFECTS.tense_interface + EFFECTS.tense_pair_extra, 2),
        "description": "sales rate production low on every interface item; production rates "
        "sales about average (asymmetric)",
    }
