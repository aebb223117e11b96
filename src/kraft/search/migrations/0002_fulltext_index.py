"""The full-text index over the analysed columns: an FTS5 table on SQLite, a tsvector column on PostgreSQL.

Triggers (SQLite) and a generated column (PostgreSQL) keep the index in step with every ORM write, so the
index follows saves and deletes without any code remembering to update it.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        analysed_title, analysed_body, analysed_extra,
        content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0"
    )""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, analysed_title, analysed_body, analysed_extra)
        VALUES (new.id, new.analysed_title, new.analysed_body, new.analysed_extra);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, analysed_title, analysed_body, analysed_extra)
        VALUES ('delete', old.id, old.analysed_title, old.analysed_body, old.analysed_extra);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, analysed_title, analysed_body, analysed_extra)
        VALUES ('delete', old.id, old.analysed_title, old.analysed_body, old.analysed_extra);
        INSERT INTO search_fts(rowid, analysed_title, analysed_body, analysed_extra)
        VALUES (new.id, new.analysed_title, new.analysed_body, new.analysed_extra);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_CREATE = [
    """ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', analysed_title), 'A')
        || setweight(to_tsvector('simple', analysed_body), 'B')
        || setweight(to_tsvector('simple', analysed_extra), 'C')
    ) STORED""",
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING GIN (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
