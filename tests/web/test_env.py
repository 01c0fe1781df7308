import pytest

from eclaire.web import env


def test_settings_page_lists_every_variable():
    with open("docs/settings.md", encoding="utf-8") as fh:
        assert fh.read() == env.settings_doc(), (
            "run: python -c 'from eclaire.web.env import settings_doc…'"
        )


def test_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("ECLAIRE_DEBUG", "perhaps")
    with pytest.raises(env.ConfigurationError, match="ECLAIRE_DEBUG='perhaps'"):
        env.env_bool("ECLAIRE_DEBUG")


def test_a_number_above_its_maximum_names_the_variable(monkeypatch):
    monkeypatch.setenv("ECLAIRE_ANALYSIS_PROCESSES", "8")
    with pytest.raises(
        env.ConfigurationError, match="ECLAIRE_ANALYSIS_PROCESSES=8: expected at most 2"
    ):
        env.env_int("ECLAIRE_ANALYSIS_PROCESSES", 2, minimum=1, maximum=2)


def test_unknown_database_scheme_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/x")
    with pytest.raises(env.ConfigurationError, match="expected sqlite"):
        env.env_database("DATABASE_URL", default_path=tmp_path / "x.sqlite3")


def test_a_sqlite_without_returning_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(env.sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(env.sqlite3, "sqlite_version", "3.34.1")
    with pytest.raises(env.ConfigurationError, match=r"SQLite is 3\.34\.1; .* needs SQLite 3\.35"):
        env.env_database("DATABASE_URL", default_path=tmp_path / "x.sqlite3")


def test_sqlite_runs_in_wal_mode(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", default_path=tmp_path / "x.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_url_selects_postgres(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eclaire")
    config = env.env_database("DATABASE_URL", default_path=tmp_path / "x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "eclaire"


def test_undocumented_variable_cannot_be_read():
    with pytest.raises(env.ConfigurationError, match="not documented"):
        env.env_str("ECLAIRE_SOMETHING_ELSE", "x")


SQLITE = {"ENGINE": env.SQLITE_ENGINE}
POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "eclaire"}


@pytest.fixture
def outside_tests(monkeypatch):
    """As in a real process: no secret in the environment and not under pytest."""
    monkeypatch.delenv("ECLAIRE_SECRET_KEY", raising=False)
    monkeypatch.delenv("PYTEST_VERSION", raising=False)


def test_secret_key_is_made_once_beside_a_sqlite_database(outside_tests, tmp_path):
    database = {**SQLITE, "NAME": str(tmp_path / "x.sqlite3")}
    key = env.env_secret("ECLAIRE_SECRET_KEY", debug=False, database=database)
    kept = tmp_path / "x.sqlite3.secret-key"
    assert kept.read_text().strip() == key and len(key) >= 50
    assert kept.stat().st_mode & 0o777 == 0o600
    assert env.env_secret("ECLAIRE_SECRET_KEY", debug=False, database=database) == key


def test_secret_key_from_the_environment_wins(outside_tests, monkeypatch, tmp_path):
    monkeypatch.setenv("ECLAIRE_SECRET_KEY", "given-secret")
    database = {**SQLITE, "NAME": str(tmp_path / "x.sqlite3")}
    assert env.env_secret("ECLAIRE_SECRET_KEY", debug=False, database=database) == "given-secret"
    assert not (tmp_path / "x.sqlite3.secret-key").exists()


def test_postgres_in_production_refuses_a_missing_secret_key(outside_tests):
    with pytest.raises(env.ConfigurationError, match="ECLAIRE_SECRET_KEY is not set"):
        env.env_secret("ECLAIRE_SECRET_KEY", debug=False, database=POSTGRES)
    assert env.env_secret("ECLAIRE_SECRET_KEY", debug=True, database=POSTGRES)


def test_an_emptied_secret_key_file_is_refused(outside_tests, tmp_path):
    (tmp_path / "x.sqlite3.secret-key").write_text("\n")
    database = {**SQLITE, "NAME": str(tmp_path / "x.sqlite3")}
    with pytest.raises(env.ConfigurationError, match="no usable secret key"):
        env.env_secret("ECLAIRE_SECRET_KEY", debug=False, database=database)
