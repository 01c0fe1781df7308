from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The public data sets beside the repository (see ../shared/data/README.md)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"public test data not found at {SHARED_DATA}")
    return SHARED_DATA
