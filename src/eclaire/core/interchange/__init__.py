"""Interchange files: reading and validating units, roster and responses (CSV or XLSX), writing tables.

Every reader validates the whole file and raises one :class:`ImportProblems` listing each problem
with its file, row, column and value, so a caller writes nothing from a bad file. The formats are
described in ``docs/formats.md``.
"""

from eclaire.core.interchange.problems import ImportProblems, Problem
from eclaire.core.interchange.reading import FileBytes
from eclaire.core.interchange.responses import ResponsesTable, read_responses
from eclaire.core.interchange.roster import read_roster
from eclaire.core.interchange.units import read_units
from eclaire.core.interchange.writing import write_table

__all__ = [
    "FileBytes",
    "ImportProblems",
    "Problem",
    "ResponsesTable",
    "read_responses",
    "read_roster",
    "read_units",
    "write_table",
]
