"""CSV and XLSX exports of the results tables: the page's figures, scope and suppression."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from eclaire.web.accounts.access import subtree_codes
from eclaire.web.organizations.models import Unit
from eclaire.web.results.exports import TABLES
from eclaire.web.results.models import AnalysisResult
from eclaire.web.results.stored import clear_cache

ResultsWorld = Any  # the ``world`` fixture of conftest.py


def _url(world: ResultsWorld, table: str, fmt: str = "csv") -> str:
    return reverse(
        "results:export",
        kwargs={"slug": "acme", "campaign_slug": "w1", "table": table, "fmt": fmt},
    )


def _rows(world: ResultsWorld, who: str, table: str, query: str = "") -> list[dict[str, str]]:
    response = world.clients[who].get(_url(world, table) + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_heatmap_export_carries_the_stored_figures_of_every_shown_unit(world: ResultsWorld):
    rows = {r["Unit code"]: r for r in _rows(world, "coach", "heatmap")}
    assert set(rows) == set(world.data["units"])
    for uid, unit in world.data["units"].items():
        if unit["suppressed"]:
            continue
        cell = unit["scores"]["clarity.roles"]
        assert float(rows[uid]["Clarity of roles"]) == round(cell["mean"], 2)
        assert int(rows[uid]["Clarity of roles · n"]) == cell["n"]
        assert int(rows[uid]["n"]) == unit["n"]


def test_a_hidden_unit_keeps_its_n_and_the_pages_words_and_no_figure(world: ResultsWorld):
    hidden = [u for u, c in world.data["units"].items() if c["suppressed"]]
    assert hidden, "the sample has units below the threshold"
    for table in ("heatmap", "units", "symptoms"):
        rows = [r for r in _rows(world, "coach", table) if r["Unit code"] == hidden[0]]
        assert len(rows) == 1, table
        row = rows[0]
        assert row["n"] == str(world.data["units"][hidden[0]]["n"])
        assert row["Note"].startswith("hidden")
        numbers = [v for k, v in row.items() if k not in ("Unit code", "Unit", "Parent unit", "n")]
        assert not any(re.fullmatch(r"-?\d+(\.\d+)?", v or "") for v in numbers), table


def test_manager_exports_only_their_scope(world: ResultsWorld):
    parents = {u["unit_id"]: u["parent_id"] for u in world.data["tree"]}
    scope = subtree_codes(parents, world.scope_root)
    for table in ("heatmap", "units", "symptoms", "priorities"):
        codes = {r["Unit code"] for r in _rows(world, "manager", table)} - {""}
        assert codes and codes <= scope, table
        assert world.sibling not in codes
    for r in _rows(world, "manager", "interfaces"):
        assert r["Rating unit code"] in scope or r["Rated unit code"] in scope
    # Organization-wide figures are the coach's: no population gaps, no overall priorities.
    assert all(r["Kind"] == "Manager and team" for r in _rows(world, "manager", "gaps"))
    assert all(r["Unit code"] for r in _rows(world, "manager", "priorities"))


def test_the_within_filter_of_the_page_applies_to_its_export(world: ResultsWorld):
    parents = {u["unit_id"]: u["parent_id"] for u in world.data["tree"]}
    dept = next(u for u in parents if parents[u] is not None and u in parents.values())
    rows = _rows(world, "coach", "heatmap", f"?within={dept}")
    assert {r["Unit code"] for r in rows} == subtree_codes(parents, dept) & set(world.data["units"])


def test_every_table_downloads_as_xlsx(world: ResultsWorld):
    for table in TABLES:
        response = world.clients["coach"].get(_url(world, table, "xlsx"))
        assert response.status_code == 200, table
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        assert book.active is not None and book.active.max_row >= 1


def test_texts_that_look_like_formulas_are_neutralized(world: ResultsWorld):
    code = world.scope_root
    Unit.objects.filter(organization__slug="acme", code=code).update(name="=HYPERLINK(1)")
    tree = [
        u | {"name": "=HYPERLINK(1)"} if u["unit_id"] == code else u for u in world.data["tree"]
    ]
    data = {**world.data, "tree": tree}  # a copy: the fixture's result is shared by the session
    AnalysisResult.objects.filter(campaign=world.campaign).update(data=data)
    clear_cache()
    text = world.clients["coach"].get(_url(world, "heatmap")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text
    book = openpyxl.load_workbook(
        io.BytesIO(world.clients["coach"].get(_url(world, "heatmap", "xlsx")).content)
    )
    cells = [c for row in book.active.iter_rows() for c in row if c.value == "=HYPERLINK(1)"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_pages_link_to_their_exports(world: ResultsWorld):
    for page, table in (
        ("heatmap", "heatmap"),
        ("interfaces", "interfaces"),
        ("gaps", "gaps"),
        ("priorities", "priorities"),
    ):
        html = world.clients["coach"].get(world.url(page)).content.decode()
        assert f'href="{_url(world, table)}"' in html, page
        assert f'href="{_url(world, table, "xlsx")}"' in html, page


@pytest.mark.parametrize("bad", ["secrets.csv", "heatmap.exe"])
def test_unknown_table_or_format_is_not_found(world: ResultsWorld, bad: str):
    url = _url(world, "heatmap").replace("heatmap.csv", bad)
    assert world.clients["coach"].get(url).status_code == 404


def test_french_exports_name_the_interval_columns_in_french(world: ResultsWorld):
    """'95% low' / '95% high' are plain text, not format strings, so they stay translated."""
    for table in ("units", "symptoms", "interfaces", "gaps"):
        response = world.clients["coach"].get(_url(world, table), HTTP_ACCEPT_LANGUAGE="fr")
        header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert "95 % bas" in header and "95 % haut" in header, (table, header)
        assert "95% low" not in header


def test_gaps_export_lists_the_departments_shown_population_gaps(world: ResultsWorld):
    shown = [r for r in world.data["perception_gaps"]["segment_units"] if not r["suppressed"]]
    assert shown, "the sample has departments cut by a population"
    rows = [r for r in _rows(world, "coach", "gaps") if r["Kind"] == "Populations"]
    within = [r for r in rows if r["Unit code"]]
    assert len(within) == len(shown)
    for row, stored in zip(within, shown, strict=True):
        assert row["Unit code"] == stored["unit_id"]
        assert row["n"] == f"{stored['n_a']} / {stored['n_b']}"
        assert float(row["Team or group A"]) == round(stored["mean_a"], 2)


def _shown(rows: list[dict[str, Any]], segment: str) -> dict[str, dict[str, Any]]:
    return {r["dimension"]: r for r in rows if r["segment"] == segment and not r["suppressed"]}


def test_the_population_the_heatmap_compares_is_in_its_export(world: ResultsWorld):
    """The export follows the page's population: the organization's two sides, then two per
    department where the page shows the cut, with the stored means; nothing the page hides."""
    gaps = world.data["perception_gaps"]
    segment = next(
        s
        for s in ("newcomers", "juniors", "customer_facing", "field")
        if _shown(gaps["segments"], s)
        and any(r["segment"] == s and not r["suppressed"] for r in gaps["segment_units"])
    )
    plain = _rows(world, "coach", "heatmap")
    rows = _rows(world, "coach", "heatmap", f"?segment={segment}")
    sides = rows[: len(rows) - len(plain)]
    assert rows[len(sides) :] == plain  # then the units, as without a population
    assert len(sides) >= 4 and all(r["Note"].startswith("population") for r in sides)
    whole = _shown(gaps["segments"], segment)
    for row, side in zip(sides[:2], "ab", strict=True):
        assert row["Unit code"] == "" and "whole organization" in row["Unit"]
        assert float(row["Clarity of roles"]) == round(whole["clarity.roles"][f"mean_{side}"], 2)
        assert int(row["Clarity of roles · n"]) == whole["clarity.roles"][f"n_{side}"]
        assert row["Index"] == "" and row[next(k for k in row if k.startswith("Meetings"))] == ""
    names = {d["code"]: d["name"]["en"] for d in world.data["dimensions"]}
    for i, row in enumerate(sides[2:]):
        mine = [r for r in gaps["segment_units"] if r["unit_id"] == row["Unit code"]]
        cut = {d: r for d, r in _shown(mine, segment).items() if d in names and d != "symptoms"}
        side = "ab"[i % 2]
        columns = [k for k in row if k in names.values()]
        shown = {k for k in columns if row[k] != ""}
        assert shown == {names[d] for d in cut if names[d] in columns}, row["Unit"]
        for d, r in cut.items():
            if names[d] in columns:
                assert float(row[names[d]]) == round(r[f"mean_{side}"], 2)
                assert int(row[f"{names[d]} · n"]) == r[f"n_{side}"]
    html = _html_of(world, f"?segment={segment}")
    assert f'href="{_url(world, "heatmap")}?segment={segment}"' in html


def test_a_manager_cannot_export_a_population(world: ResultsWorld):
    """A manager's heatmap offers no population (organization-wide cuts are the coach's): the
    parameter is ignored by the export as by the page."""
    plain = _rows(world, "manager", "heatmap")
    assert _rows(world, "manager", "heatmap", "?segment=newcomers") == plain
    assert not any(r["Note"].startswith("population") for r in plain)


def _html_of(world: ResultsWorld, query: str) -> str:
    return world.clients["coach"].get(world.url("heatmap") + query).content.decode()
