"""The roster: the people invited to answer, with the channel to reach them and their segment.

The roster is only used to send invitations and to know the size of each population; answers are
never linked to it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from eclaire.core.interchange.cells import lowered
from eclaire.core.interchange.checks import (
    check_allowed,
    check_columns,
    check_known,
    check_lengths,
    check_unique,
    check_yes_no,
    require_values,
)
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable, Source, open_table

ROLES = ("manager", "member")
TENURE_BANDS = ("lt6m", "6to12m", "1to3y", "3to10y", "gt10y")
CONTRACTS = ("permanent", "fixed_term", "apprentice", "intern", "temp")
LANGUAGES = ("fr", "en")
SEGMENTS: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "tenure_band": TENURE_BANDS,
    "contract": CONTRACTS,
}
ROSTER_COLUMNS = (
    "person_id",
    "email",
    "phone",
    "unit_id",
    "role",
    "tenure_band",
    "contract",
    "customer_facing",
    "language",
)
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE_PATTERN = r"^\+?[0-9 .()\-]+$"


def read_roster(
    path: Source, unit_ids: Collection[str], max_lengths: Mapping[str, int] | None = None
) -> pd.DataFrame:
    """Read and validate a roster; ``unit_ids`` are the organization's units.

    Returns the columns of ``ROSTER_COLUMNS`` (``NaN`` where a cell is empty): codes in lower
    case, ``customer_facing`` as ``"yes"``/``"no"``. ``max_lengths`` maps columns to the most
    characters a cell may hold. Raises :class:`ImportProblems`.
    """
    table, log = open_table(path, "roster")
    check_columns(table, log, ("person_id", "unit_id"), ROSTER_COLUMNS[1:], "roster")
    check_lengths(log, table, max_lengths or {})
    if "email" not in table.positions and "phone" not in table.positions:
        log.add(
            "a column named 'email' or 'phone' (each person needs one way to be invited)",
            row=table.header_row,
        )
    frame = validate_roster(table, log, unit_ids)
    log.raise_if_any()
    return frame


def validate_roster(table: RawTable, log: ProblemLog, unit_ids: Collection[str]) -> pd.DataFrame:
    people = table.column("person_id")
    require_values(log, people, "person_id", "a person id")
    check_unique(log, people, "person_id")
    units = table.column("unit_id")
    require_values(log, units, "unit_id", "the person's unit_id")
    check_known(log, units, "unit_id", set(unit_ids), "the unit_id of a unit of the organization")
    email, phone = _contacts(table, log)
    out = {"person_id": people, "email": email, "phone": phone, "unit_id": units}
    for name, allowed in SEGMENTS.items():
        out[name] = check_allowed(log, table.column(name), name, allowed)
    out["customer_facing"] = check_yes_no(log, table.column("customer_facing"), "customer_facing")
    out["language"] = check_allowed(log, table.column("language"), "language", LANGUAGES)
    return pd.DataFrame(out).reset_index(drop=True)


def _contacts(table: RawTable, log: ProblemLog) -> tuple[pd.Series, pd.Series]:
    """E-mail and phone: at least one per person, well formed, and not shared with another person."""
    email, phone = table.column("email"), table.column("phone")
    log.add_rows(
        (email != "") & ~email.str.match(EMAIL_PATTERN),
        "email",
        email,
        "an e-mail address such as name@example.fr",
    )
    digits = phone.str.replace(r"\D", "", regex=True).str.len()
    bad_phone = (phone != "") & (~phone.str.match(PHONE_PATTERN) | (digits < 6) | (digits > 15))
    log.add_rows(
        bad_phone,
        "phone",
        phone,
        "a phone number: 6 to 15 digits, with an optional leading + "
        "(leave the cell empty when the person has none)",
    )
    check_unique(log, email, "email", key=lowered(email))
    check_unique(log, phone, "phone", key=phone.str.replace(r"[^0-9+]", "", regex=True))
    if "email" in table.positions or "phone" in table.positions:
        neither = (email == "") & (phone == "")
        column = "email" if "email" in table.positions else "phone"
        log.add_rows(neither, column, email, "an e-mail or a phone number (both are empty)")
    return email.where(email != ""), phone.where(phone != "")
