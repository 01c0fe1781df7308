"""analyze_messages: privacy thresholds, consistency, drift, contradictions, masking, determinism."""

import json
from importlib import resources

import jsonschema
import numpy as np
import pandas as pd
import pytest

from eclaire.core.analysis.result_schema import INTERVAL
from eclaire.core.messages import DefaultEmbedder, analyze_messages
from eclaire.core.messages.evaluation import contradiction_scores, load_jsonl

from .test_commitments import DATA

COLS = ["text:MSG_PROMISE", "text:MSG_NONNEGOTIABLE", "text:MSG_PRIORITY"]
PARENTS = {"ORG": None, "VTE": "ORG", "LOG": "ORG", "ADV": "ORG"}
SALES = [
    "Livraison sous 48h chez le client, Marc s'en occupe",
    "livraison en 48 h",
    "on livre en 48h chrono",
    "Livraison 48h partout",
    "48h pour livrer le client",
]
LOGISTICS = [
    "Expédition sous 5 jours ouvrés",
    "livraison sous 5 jours ouvrés",
    "zéro erreur de prépa",
    "livraison 5 jours ouvrés",
    "la sécurité avant tout",
    "ranger l'entrepôt",
]


def fragment_schema(name: str) -> dict:
    text = (
        resources.files("eclaire.core")
        .joinpath("schemas", "result", f"{name}.json")
        .read_text("utf-8")
    )
    schema = json.loads(text)
    schema["$defs"] = {**schema.get("$defs", {}), "interval": INTERVAL}
    return schema


@pytest.fixture(scope="module")
def embedder():
    return DefaultEmbedder()


def frame() -> pd.DataFrame:
    rows = []
    for i in range(12):
        rows.append(
            {
                "unit_id": "VTE",
                COLS[0]: SALES[i % 5],
                COLS[1]: "remise max 15% voir avec Marc",
                COLS[2]: "signer des nouveaux clients",
            }
        )
    for i in range(11):
        rows.append(
            {
                "unit_id": "LOG",
                COLS[0]: LOGISTICS[i % 6],
                COLS[1]: "pas de remise",
                COLS[2]: "tenir les délais",
            }
        )
    for _ in range(6):
        rows.append(
            {"unit_id": "ADV", COLS[0]: "livraison 72h", COLS[1]: None, COLS[2]: "facturer juste"}
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def result(embedder):
    return analyze_messages(
        frame(),
        "unit_id",
        COLS,
        parents=PARENTS,
        embedder=embedder,
        name_vocabulary=["Marc Lefort"],
    )


def test_matches_the_schema_fragment_and_is_json(result):
    jsonschema.validate(result, fragment_schema("messages"))
    assert json.loads(json.dumps(result)) == result


def test_flags_the_planted_contradictions_with_values_and_counts(result):
    found = {(c["kind"], c["subject"]): c for c in result["contradictions"]}
    delay = found[("delay", "delivery")]
    assert delay["rule"] == "delay_ratio"
    assert set(delay["units"]) == {"VTE", "LOG"}
    values = {s["unit_id"]: (s["value"], s["n_stating"]) for s in delay["sides"]}
    assert values == {"VTE": (48.0, 12), "LOG": (168.0, 6)}
    discount = found[("discount", "discount")]
    assert discount["rule"] == "none_vs_value"
    assert {s["unit_id"]: s["none"] for s in discount["sides"]} == {"VTE": False, "LOG": True}


def test_a_side_stated_by_fewer_than_k_people_is_not_shown(embedder):
    # 4 of the 11 logistics people state a delivery delay: under k = 5, no side, no contradiction
    data = frame()
    data.loc[data["unit_id"].eq("LOG") & data[COLS[0]].eq(LOGISTICS[1]), COLS[0]] = "ranger"
    out = analyze_messages(data, "unit_id", COLS, parents=PARENTS, embedder=embedder)
    assert ("delay", "delivery") not in {(c["kind"], c["subject"]) for c in out["contradictions"]}
    assert all(s["n_stating"] >= 5 for c in out["contradictions"] for s in c["sides"])


def test_groups_under_comment_k_show_no_verbatim(result):
    adv = result["key_messages"]["MSG_PROMISE"]["units"]["ADV"]
    assert adv["n"] == 6 and "consistency" in adv
    assert "themes" not in adv
    flagged = [s for c in result["contradictions"] for s in c["sides"]]
    assert all(("examples" in s) == (s["n"] >= 10) for s in flagged)


def test_groups_under_k_show_n_only(embedder):
    small = frame().iloc[:16]  # 12 VTE, 4 LOG
    out = analyze_messages(small, "unit_id", COLS, embedder=embedder)
    assert out["key_messages"]["MSG_PROMISE"]["units"]["LOG"] == {"n": 4}
    assert out["key_messages"]["MSG_PROMISE"]["drift"]["units"] == ["VTE"]
    assert all("LOG" not in c["units"] for c in out["contradictions"])


def test_names_are_masked_in_examples(result):
    texts = [
        e
        for u in result["key_messages"]["MSG_NONNEGOTIABLE"]["units"].values()
        for t in u.get("themes", [])
        for e in t["examples"]
    ]
    texts += [
        q["text"]
        for c in result["contradictions"]
        for s in c["sides"]
        for q in s.get("examples", [])
    ]
    assert texts and all("Marc" not in t for t in texts)
    assert any("[…]" in t for t in texts)


def test_consistency_is_higher_when_members_say_the_same_thing(embedder):
    same = [
        "Livraison sous 48h",
        "livraison en 48 h",
        "Livraison 48h partout",
        "on livre sous 48h",
        "livraison sous 48 h",
    ]
    mixed = [
        "Livraison sous 48h",
        "la sécurité au quai",
        "signer des clients",
        "zéro défaut",
        "former les alternants",
    ]
    rows = [{"unit_id": "A", "text:M": t} for t in same] + [
        {"unit_id": "B", "text:M": t} for t in mixed
    ]
    out = analyze_messages(pd.DataFrame(rows), "unit_id", ["text:M"], embedder=embedder)
    units = out["key_messages"]["M"]["units"]
    a, b = units["A"]["consistency"], units["B"]["consistency"]
    assert a["mean"] > b["interval"][1]
    assert a["interval"][0] <= a["mean"] <= a["interval"][1]
    assert a["n_pairs"] == 10


def test_drift_is_symmetric_with_zero_diagonal_and_furthest_sorted(result):
    section = result["key_messages"]["MSG_PROMISE"]
    matrix = np.array(section["drift"]["matrix"])
    assert section["drift"]["units"] == ["ADV", "LOG", "VTE"]  # tree order
    assert np.allclose(matrix, matrix.T) and np.allclose(np.diag(matrix), 0)
    distances = [f["distance"] for f in section["furthest"]]
    assert distances == sorted(distances, reverse=True)


def test_same_input_gives_the_same_output(result, embedder):
    again = analyze_messages(
        frame(),
        "unit_id",
        COLS,
        parents=PARENTS,
        embedder=embedder,
        name_vocabulary=["Marc Lefort"],
    )
    assert json.dumps(again, sort_keys=True) == json.dumps(result, sort_keys=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"k": 2}, "at least 3"),
        ({"comment_k": 4}, "comment_k"),
        ({"lang": "de"}, "lang"),
        ({"parents": {"ORG": None}}, "not in the unit tree"),
    ],
)
def test_rejects_bad_arguments(kwargs, message, embedder):
    with pytest.raises(ValueError, match=message):
        analyze_messages(frame(), "unit_id", COLS, embedder=embedder, **kwargs)


def test_rejects_missing_columns():
    with pytest.raises(ValueError, match="not in the frame"):
        analyze_messages(frame(), "unit", COLS)


def test_labelled_contradiction_cases():
    scores, errors = contradiction_scores(load_jsonl(DATA / "contradictions.jsonl"))
    assert scores.f1 >= 0.9, errors
