"""The operations tests reuse the survey tests' small organization (tests/web/survey)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "survey"))
