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


def test_unknown_database_scheme_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/x")
    with pytest.raises(env.ConfigurationError, match="expected sqlite"):
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
