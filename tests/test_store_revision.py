import shutil

from store import migrate
from store.revision import draft_revision


def test_store_revision_models_and_migrations_agree(tmp_path, monkeypatch):
    """A draft against head is empty: every model change has its migration."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS", copy)
    rev_id = draft_revision("nothing to change")
    (draft,) = copy.glob(f"versions/{rev_id}_*.py")
    body = draft.read_text()
    assert "op." not in body.split("def upgrade")[1].split("def downgrade")[0]
