from datetime import datetime

import pytest
from sqlalchemy import inspect, text
from sqlmodel import SQLModel, select

import store
from store import migrate

ROW = (
    "INSERT INTO announcement (news_id, stock_code, stock_codes, stock_name, title, headline,"
    " headline_t2, revised, published_at, document_url, file_type, language, status, attempts,"
    " text, facts_text, transaction_types, needs_review, discovered_at) VALUES"
    " ('old-1', '03888', '[\"03888\"]', 'KINGSOFT', 'OLD FILING', '', '[]', false,"
    " '2012-05-24 11:00:00', '', 'PDF', 'zh', 'extracted', 0, '雷軍先生 wombat', '',"
    " '[\"connected transaction\"]', false, '2012-05-24 11:00:00')"
)


@pytest.fixture
def empty_engine(empty_db_url):
    engine = store.make_engine(empty_db_url)
    yield engine
    engine.dispose()


def test_store_migrations_single_head():
    assert migrate.head_revision() == "0015"


def test_store_migrations_upgrade_keeps_data_and_indexes_it(empty_engine):
    store.upgrade(empty_engine, "0001")
    with empty_engine.begin() as conn:
        conn.execute(text(ROW))
    assert migrate.current_revision(empty_engine) == "0001"
    store.ensure_schema(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    with store.session(empty_engine) as s:
        (row,) = s.exec(select(store.Announcement)).all()
    assert row.news_id == "old-1" and row.cjk_text == "雷军先生"  # folded by 0008
    assert [h.news_id for h in store.search(empty_engine, "wombat").hits] == ["old-1"]
    assert [h.news_id for h in store.search(empty_engine, "雷軍").hits] == ["old-1"]
    assert [h.news_id for h in store.search(empty_engine, "雷军").hits] == ["old-1"]
    facets = store.search(empty_engine, "").facets
    assert facets["transaction_type"] == [("connected transaction", 1)]


def test_store_migrations_ensure_schema_is_idempotent(empty_engine):
    store.ensure_schema(empty_engine)
    store.ensure_schema(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()


def test_store_migrations_adopt_a_pre_migration_database(empty_engine):
    """Databases made by the old create_all have no alembic_version: stamp them, then upgrade."""
    store.upgrade(empty_engine, "0001")
    with empty_engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text(ROW))
    store.ensure_schema(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    assert store.search(empty_engine, "wombat").total == 1


def test_store_migrations_schema_matches_models(empty_engine):
    store.upgrade(empty_engine)
    columns = {c["name"] for c in inspect(empty_engine).get_columns("announcement")}
    model_columns = set(SQLModel.metadata.tables["announcement"].columns.keys())
    assert model_columns <= columns
    with store.session(empty_engine) as s:
        s.add(store.Announcement(news_id="n", stock_code="1", published_at=datetime.now(store.HK)))
        s.commit()


def test_store_migrations_downgrade_to_base_and_back(empty_engine):
    store.upgrade(empty_engine)
    from alembic import command

    config = migrate.alembic_config(empty_engine)
    with empty_engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "announcement" not in inspect(empty_engine).get_table_names()
    store.upgrade(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()


def test_store_migrations_0008_merges_a_person_stored_in_both_scripts(empty_engine):
    store.upgrade(empty_engine, "0007")
    with empty_engine.begin() as conn:
        conn.execute(text(ROW))
        conn.execute(
            text(
                "INSERT INTO person (id, name_key, display_name, chinese_name) VALUES"
                " (1, '雷军', '雷军', '雷军'), (2, '雷軍', '雷軍', '雷軍'),"
                " (3, '林強', '林強', NULL)"
            )
        )
        ann = conn.execute(text("SELECT id FROM announcement")).scalar_one()
        for person, role in ((1, "executive"), (2, "executive"), (2, "abstained")):
            conn.execute(
                text(
                    "INSERT INTO personmention (person_id, announcement_id, name_as_written, role)"
                    f" VALUES ({person}, {ann}, '雷軍', '{role}')"
                )
            )
    store.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        people = conn.execute(text("SELECT id, name_key FROM person ORDER BY id")).fetchall()
        mentions = conn.execute(
            text("SELECT person_id, role FROM personmention ORDER BY role")
        ).fetchall()
    assert [tuple(p) for p in people] == [(1, "雷军"), (3, "林强")]
    assert sorted((m[0], str(m[1])) for m in mentions) == [(1, "abstained"), (1, "executive")]


def test_store_migrations_concurrent_first_upgrades_all_succeed(empty_db_url):
    """Three processes opening a new database at once: one migrates, the others wait."""
    import threading

    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def open_new() -> None:
        engine = store.make_engine(empty_db_url)
        try:
            barrier.wait()
            store.ensure_schema(engine)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=open_new) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = store.make_engine(empty_db_url)
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_store_migrations_0010_fills_warnings_from_stored_extractions(empty_engine):
    store.upgrade(empty_engine, "0009")
    extraction = '{"annual_caps": [], "warnings": ["no cap found for 2013", "two currencies"]}'
    with empty_engine.begin() as conn:
        conn.execute(text(ROW))
        conn.execute(text(ROW.replace("old-1", "old-2")))
        conn.execute(
            text("UPDATE announcement SET extraction = :e WHERE news_id = 'old-1'"),
            {"e": extraction},
        )
    store.upgrade(empty_engine)
    with store.session(empty_engine) as s:
        rows = {r.news_id: r for r in s.exec(select(store.Announcement)).all()}
        queue = store.review_queue(s, state="open")
    assert rows["old-1"].warnings == ["no cap found for 2013", "two currencies"]
    assert (rows["old-1"].warning_count, rows["old-2"].warning_count) == (2, 0)
    assert rows["old-2"].warnings == []
    assert [i.news_id for i in queue] == ["old-1"]


def test_store_migrations_0011_splits_people_the_old_key_merged(empty_engine):
    """ "WONG Hon-Kit" and "Mr. WONG Kit" were one person "kit wong"; "Hon Kit WONG" was
    another ("hon kit wong"): after 0011, two persons, each with its own mentions."""
    store.upgrade(empty_engine, "0010")
    with empty_engine.begin() as conn:
        conn.execute(text(ROW))
        conn.execute(text(ROW.replace("old-1", "old-2")))
        for key, display, chinese in (
            ("kit wong", "WONG Hon-Kit", "王漢傑"),
            ("hon kit wong", "Hon Kit WONG", None),
            ("jun lei", "LEI Jun", None),
        ):  # ids from the sequence: the migration creates persons after these
            conn.execute(
                text(
                    "INSERT INTO person (name_key, display_name, chinese_name) VALUES (:k, :d, :c)"
                ),
                {"k": key, "d": display, "c": chinese},
            )
        p1, p2, p3 = conn.execute(text("SELECT id FROM person ORDER BY id")).scalars()
        first, second = conn.execute(text("SELECT id FROM announcement ORDER BY id")).scalars()
        rows = [
            (p1, first, "WONG Hon-Kit", "executive"),
            (p1, second, "Mr. WONG Kit", "executive"),
            (p1, second, "WONG Kit", "abstained"),
            (p2, first, "Hon Kit WONG", "executive"),  # the same person as p1's first
            (p2, second, "Hon Kit WONG", "abstained"),
            (p3, first, "LEI Jun", "executive"),
        ]
        for person, ann, written, role in rows:
            conn.execute(
                text(
                    "INSERT INTO personmention (person_id, announcement_id, name_as_written, role)"
                    " VALUES (:p, :a, :w, :r)"
                ),
                {"p": person, "a": ann, "w": written, "r": role},
            )
        conn.execute(
            text(
                "INSERT INTO connectedperson (announcement_id, person_id, name) VALUES"
                " (:a, :p, 'Mr. WONG Kit')"
            ),
            {"a": second, "p": p1},
        )
    store.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        people = conn.execute(
            text("SELECT id, name_key, chinese_name FROM person ORDER BY id")
        ).fetchall()
        mentions = conn.execute(
            text(
                "SELECT p.name_key, m.announcement_id, m.role FROM personmention m"
                " JOIN person p ON p.id = m.person_id"
            )
        ).fetchall()
        connected = (
            conn.execute(
                text("SELECT p.name_key FROM connectedperson c JOIN person p ON p.id = c.person_id")
            )
            .scalars()
            .all()
        )
    keys = {key: (id_, chinese) for id_, key, chinese in people}
    assert set(keys) == {"honkit wong", "kit wong", "jun lei"}
    assert keys["honkit wong"] == (p1, "王漢傑") and keys["jun lei"][0] == p3
    assert sorted((k, a, str(r)) for k, a, r in mentions) == sorted(
        [
            ("honkit wong", first, "executive"),
            ("honkit wong", second, "abstained"),
            ("kit wong", second, "executive"),
            ("kit wong", second, "abstained"),
            ("jun lei", first, "executive"),
        ]
    )
    assert connected == ["kit wong"]
    assert store.name_key("WONG Hon-Kit") == "honkit wong"


def test_store_migrations_0015_pairs_the_words_the_query_side_lists(empty_engine):
    """PostgreSQL indexes the adjacent pairs of exactly the words store.pair_words lists: the
    query side answers a phrase by its pair term only when the index holds it."""
    import importlib.util
    from pathlib import Path

    from store.pair_words import PAIR_WORDS

    path = Path(migrate.__file__).parent / "migrations" / "versions" / "0015_pg_word_pairs.py"
    spec = importlib.util.spec_from_file_location("migration_0015", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert frozenset(migration.PAIR_WORDS) == PAIR_WORDS
    store.upgrade(empty_engine)
    if empty_engine.dialect.name != "postgresql":
        return
    words = sorted(PAIR_WORDS)
    with empty_engine.connect() as conn:
        pairs = conn.execute(
            text("SELECT tsvector_to_array(word_pairs(to_tsvector('simple', :t)))"),
            {"t": " ".join(words) + " wombat " + words[0]},
        ).scalar_one()
    assert sorted(pairs) == sorted(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
