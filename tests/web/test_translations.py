"""Every text a person reads in the web app exists in French: the catalogue is complete and compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

LOCALE = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "eclaire"
    / "web"
    / "locale"
    / "fr"
    / "LC_MESSAGES"
)


def _entries(text: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr or msgstr[0], fuzzy) of each entry of a .po file, header and obsolete ones left out."""
    out = []
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if not ln.startswith("#~")]
        fuzzy = any(ln.startswith("#,") and "fuzzy" in ln for ln in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?) "(.*)"$', line)
            if match:
                current = match.group(1).replace("[0]", "")
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            out.append((fields["msgid"], fields.get("msgstr", ""), fuzzy))
    return out


def test_every_french_entry_is_translated_and_not_fuzzy():
    entries = _entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    assert len(entries) > 300
    missing = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert missing == []


def test_compiled_catalogue_holds_every_entry():
    with open(LOCALE / "django.mo", "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    entries = _entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    singular = [msgid for msgid, _msgstr, _fuzzy in entries]
    stale = [
        m
        for m in singular
        if "\\" not in m
        and catalogue._catalog.get(m) is None  # type: ignore[attr-defined]
        and (m, 0) not in catalogue._catalog
    ]  # type: ignore[attr-defined]
    assert stale == [], "run: msgfmt -o django.mo django.po"
