"""Writing a sample as interchange files: units.csv, roster.csv, responses.csv, truth.json.

CSV files are UTF-8 without a byte-order mark, comma-separated, ``\\n`` line ends, quoted only
where a cell needs it, texts a spreadsheet would run as formulas quoted
(``eclaire.core.interchange.formulas``). In responses.csv an empty cell is a missing answer and ``NA`` an answer
"not applicable"; answers and ranks are written as integers and ``self`` as ``yes``/``no``.

responses.csv is wide (five columns per rated unit) and mostly empty, so it is written by turning
every cell into an index in one table of labels, a block of rows at a time, instead of formatting
cell by cell.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from eclaire.core.interchange.formulas import neutralize, neutralize_column
from eclaire.core.sample.generate import Sample

__all__ = ["write_sample", "FILES"]

FILES = ("units.csv", "roster.csv", "responses.csv", "truth.json")
ROWS_PER_BLOCK = 2000
MISSING, NOT_APPLICABLE, FIRST_NUMBER = 0, 1, 2
LARGEST_NUMBER = 999


def write_sample(sample: Sample, out_dir: Path) -> list[Path]:
    """Write the four files into ``out_dir`` (created if needed); return their paths."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"out_dir must be a directory, {out_dir} is a file")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / name for name in FILES]
    for frame, path in ((sample.units, paths[0]), (sample.roster, paths[1])):
        safe = frame.apply(
            neutralize_column
        )  # no text a spreadsheet would run (interchange.formulas)
        safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", na_rep="")
    _write_responses(sample.responses, sample.not_applicable, paths[2])
    paths[3].write_text(
        json.dumps(sample.truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return paths


def _quote(cell: str) -> str:
    """A CSV cell as the csv module's minimal quoting writes it."""
    if any(ch in cell for ch in ',"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _string_codes(responses: pd.DataFrame, columns: list[str], labels: list[str]) -> np.ndarray:
    """Label indices of the text-like columns; their distinct values are added to ``labels``."""
    codes = np.empty((len(responses), len(columns)), dtype=np.int32)
    for j, column in enumerate(columns):
        values = responses[column]
        if values.dtype == bool:
            values = pd.Series(np.where(values.to_numpy(), "yes", "no"))
        found, uniques = pd.factorize(values, use_na_sentinel=True)
        codes[:, j] = np.where(found < 0, MISSING, found + len(labels))
        labels.extend(_quote(str(neutralize(u))) for u in uniques)
    return codes


def _number_codes(values: np.ndarray, na: np.ndarray) -> np.ndarray:
    """Label indices of whole numbers, with the missing and not-applicable marks."""
    blank = np.isnan(values)
    whole = np.where(blank, 0, values)
    if whole.min(initial=0) < 0 or whole.max(initial=0) > LARGEST_NUMBER:
        raise ValueError(f"responses hold numbers outside 0–{LARGEST_NUMBER}")
    return np.where(
        blank, np.where(na, NOT_APPLICABLE, MISSING), whole.astype(np.int32) + FIRST_NUMBER
    )


def _write_responses(responses: pd.DataFrame, not_applicable: pd.DataFrame, path: Path) -> None:
    columns = list(responses.columns)
    numeric = [c for c in columns if responses[c].dtype.kind == "f"]
    others = [c for c in columns if responses[c].dtype.kind != "f"]
    labels = ["", "NA"] + [str(i) for i in range(LARGEST_NUMBER + 1)]
    text_codes = _string_codes(responses, others, labels)
    table = np.array(labels, dtype=object)
    at = {c: j for j, c in enumerate(columns)}
    numeric_at = [at[c] for c in numeric]
    others_at = [at[c] for c in others]
    marks = not_applicable.reindex(columns=numeric, fill_value=False)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(_quote(c) for c in columns) + "\n")
        for start in range(0, len(responses), ROWS_PER_BLOCK):
            stop = min(start + ROWS_PER_BLOCK, len(responses))
            block = np.empty((stop - start, len(columns)), dtype=np.int32)
            block[:, numeric_at] = _number_codes(
                responses.iloc[start:stop][numeric].to_numpy(dtype=float),
                marks.iloc[start:stop].to_numpy(dtype=bool),
            )
            block[:, others_at] = text_codes[start:stop]
            out.writelines(",".join(table[row].tolist()) + "\n" for row in block)
