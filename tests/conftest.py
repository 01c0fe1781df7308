import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
LISTED_FILE = re.compile(r"^\| `([^`]+/[^`]+)` \|", re.MULTILINE)


def public_data_files() -> list[str]:
    """The public data files listed in tests/data/README.md, relative to tests/data."""
    return LISTED_FILE.findall((DATA / "README.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The public data sets kept in tests/data (see tests/data/README.md), all present."""
    missing = [name for name in public_data_files() if not (DATA / name).is_file()]
    if missing:
        pytest.fail(
            f"public test data missing from {DATA}: {', '.join(missing)} "
            "(listed in tests/data/README.md; restore them with `git checkout -- tests/data`)"
        )
    return DATA
