"""A customer-signal file for a sample organization, with the internal problems echoed outside.

A few thousand events over one wave (help-desk tickets, complaints, escalations, returns, deals,
satisfaction surveys) from some 400 customer accounts, spread over the customer-facing and
supply units. Two planted echoes, recorded in ``truth["signals"]``:

- **late deliveries where sales and logistics contradict each other** (the message drift of the
  sample: 48 h on the sales side, a week on the logistics side): cases handed from one sales
  agency to the warehouse are often late and their verbatims hold two promises that disagree;
- **escalations at the broken interface** (the sample's tense sales → production or support
  pair): cases handed over there escalate several times as often.

With ``coherent=True`` nothing is planted: the same traffic at the baseline rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["generate_signals"]

START = pd.Timestamp("2026-01-05")
DAYS = 84
ACCOUNTS = 400
BASE = {"late": 0.12, "escalation": 0.05, "contradiction": 0.03}
PLANTED = {"late": 0.6, "escalation": 0.35, "contradiction": 0.45}
CONTRADICTIONS = (
    "On m'a promis 48 h, on me dit maintenant 5 jours.",
    "Le commercial annonçait une livraison sous 48h, l'entrepôt parle d'une semaine.",
    "Livraison promise en 2 jours à la commande, annoncée à 7 jours par la logistique.",
    "On nous avait garanti une livraison sous 24h, le transporteur dit 4 jours.",
)
LATE = (
    "Commande toujours pas reçue, aucune nouvelle.",
    "Livraison en retard, le chantier attend.",
    "Retard de livraison, deuxième fois ce mois-ci.",
)
PLAIN = (
    "Merci pour la réactivité de l'équipe.",
    "Demande de duplicata de facture.",
    "Question sur la disponibilité d'une référence.",
    "Besoin d'un devis pour une extension.",
    "Pièce reçue, conforme à la commande.",
)
ESCALATED = (
    "Renvoyé d'un service à l'autre, personne ne prend la main.",
    "Troisième relance sans réponse, je demande un responsable.",
)
REASONS_CONTACT = (
    "delivery.late",
    "delivery.incomplete",
    "price.invoice_error",
    "service.slow_response",
    "product.quality",
    "other",
)
REASONS_LOST = (
    "price.too_high",
    "competition.competitor",
    "competition.no_decision",
    "delivery.late",
    "other",
)


def _leaves(units: pd.DataFrame, functions: Sequence[str]) -> list[str]:
    parents = set(units["parent_id"].dropna())
    rows = units[units["function"].isin(functions) & ~units["unit_id"].isin(parents)]
    return rows["unit_id"].tolist()


def _pick(rng: np.random.Generator, pool: Sequence[str]) -> str:
    return str(pool[int(rng.integers(len(pool)))])


def _planted_pairs(
    units: pd.DataFrame, truth: dict[str, Any], sales: list[str], logistics: list[str]
) -> dict[str, tuple[str, str]]:
    tense = truth.get("patterns", {}).get("tense_interface", {})
    agencies = [u for u in sales if u != tense.get("from_unit")] or sales
    out = {"contradiction": (agencies[0], logistics[0])}
    if tense.get("from_unit") and tense.get("to_unit"):
        out["escalation"] = (str(tense["from_unit"]), str(tense["to_unit"]))
    return out


def _event(
    rng: np.random.Generator,
    i: int,
    kind: str,
    unit: str,
    handoff: tuple[str, str] | None,
    planted: set[str],
) -> dict[str, Any]:
    def rate(name: str) -> float:
        return PLANTED[name] if name in planted else BASE[name]

    row: dict[str, Any] = {
        "signal_id": f"EV-{i:05d}",
        "date": (START + pd.Timedelta(days=int(rng.integers(DAYS)))).strftime("%Y-%m-%d"),
        "kind": kind,
        "unit_id": unit,
        "handoff_from_unit": handoff[0] if handoff else "",
        "handoff_to_unit": handoff[1] if handoff else "",
        "account": f"C-{int(rng.integers(ACCOUNTS)) + 1:04d}",
    }
    if kind in ("ticket", "complaint", "escalation", "return"):
        if kind != "escalation" and rng.random() < rate("escalation"):
            row["kind"] = "escalation"
        row["reopened"] = "oui" if rng.random() < 0.08 else "non"
        row["reason"] = _pick(rng, REASONS_CONTACT)
        text = _pick(rng, ESCALATED) if row["kind"] == "escalation" else _pick(rng, PLAIN)
        if rng.random() < 0.6:  # a delivery behind the case
            promised = int(rng.integers(2, 6))
            late = rng.random() < rate("late")
            row["promised_delay_days"] = promised
            row["actual_delay_days"] = promised + (int(rng.integers(2, 8)) if late else 0)
            if late:
                row["reason"] = "delivery.late"
                text = _pick(rng, LATE)
        if rng.random() < rate("contradiction"):
            text = _pick(rng, CONTRADICTIONS)
            row["reason"] = "promise.contradictory"
        row["text"] = text
    elif kind == "lost_deal":
        row["reason"] = _pick(rng, REASONS_LOST)
    elif kind == "survey":
        row["score"] = int(rng.choice([1, 2, 3, 4, 5], p=[0.05, 0.08, 0.17, 0.4, 0.3]))
        row["score_scale"] = "csat"
    return row


def generate_signals(
    units: pd.DataFrame,
    truth: dict[str, Any],
    seed: int,
    *,
    events: int = 3000,
    coherent: bool = False,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Events as a canonical signal frame (strings, as a file holds them) and their truth."""
    if events < 500:
        raise ValueError(f"events must be at least 500 for a realistic wave, got {events}")
    rng = np.random.default_rng([seed, 17])
    sales = _leaves(units, ("sales",))
    back = _leaves(units, ("support", "sales_admin"))
    logistics = _leaves(units, ("logistics",))
    production = _leaves(units, ("production",))
    if not (sales and back and logistics):
        raise ValueError(
            "the organization needs sales, support or sales administration, and logistics units"
        )
    pairs = _planted_pairs(units, truth, sales, logistics)
    receivers = back + logistics + production
    rows = []
    focus = (
        0.12  # share of handed-over cases on each planted pair (as in real traffic: one busy link)
    )
    for i in range(events):
        kind = str(
            rng.choice(
                ["ticket", "complaint", "escalation", "return", "lost_deal", "won_deal", "survey"],
                p=[0.42, 0.12, 0.04, 0.05, 0.08, 0.14, 0.15],
            )
        )
        planted: set[str] = set()
        handoff = None
        if kind in ("lost_deal", "won_deal"):
            unit = _pick(rng, sales)
        elif kind == "survey":
            unit = _pick(rng, sales + back)
        elif rng.random() < 0.45:
            draw = rng.random()
            if draw < focus:
                handoff = pairs["contradiction"]
                planted = {"late", "contradiction"}
            elif draw < 2 * focus and "escalation" in pairs:
                handoff = pairs["escalation"]
                planted = {"escalation"}
            else:
                handoff = (_pick(rng, sales), _pick(rng, receivers))
            unit = handoff[1]
        else:
            unit = _pick(rng, back + logistics)
        rows.append(_event(rng, i + 1, kind, unit, handoff, set() if coherent else planted))
    frame = pd.DataFrame(rows, dtype=object).fillna("").astype(str)
    return frame, _truth(pairs, events, coherent)


def _truth(pairs: dict[str, tuple[str, str]], events: int, coherent: bool) -> dict[str, Any]:
    echoes = (
        []
        if coherent
        else [
            {
                "pattern": "late_deliveries_contradiction",
                "from_unit": pairs["contradiction"][0],
                "to_unit": pairs["contradiction"][1],
                "measures": ["late", "contradiction"],
                "planted_rates": {
                    "late": PLANTED["late"],
                    "contradiction": PLANTED["contradiction"],
                },
                "description": "cases handed from a sales agency to the warehouse: late deliveries and "
                "verbatims holding two promises that disagree (48 h against a week), echoing the message drift",
            },
        ]
    )
    if not coherent and "escalation" in pairs:
        echoes.append(
            {
                "pattern": "escalations_at_tense_interface",
                "from_unit": pairs["escalation"][0],
                "to_unit": pairs["escalation"][1],
                "measures": ["escalation"],
                "planted_rates": {"escalation": PLANTED["escalation"]},
                "description": "cases handed over at the tense interface escalate far more often",
            }
        )
    return {
        "events": events,
        "file": "signals.csv",
        "coherent": coherent,
        "baseline_rates": dict(BASE),
        "echoes": echoes,
    }
