"""The SQLite store: documents, their analysed mentions, and the resolved entity table.

Schema changes go through ``MIGRATIONS`` (applied in order, tracked by ``PRAGMA
user_version``). Every ``add`` is one transaction: a batch is stored whole or not at all.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from .events import name_key
from .model import Document, DocumentAnalysis, EventMention, Source
from .temporal.value import TimeValue

MIGRATIONS: list[str] = [
    # 1: initial schema
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        title TEXT,
        published TEXT,
        estimate_earliest TEXT,
        estimate_latest TEXT,
        url TEXT,
        source TEXT,
        origin TEXT,
        content_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE TABLE entity_mentions (
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        label TEXT NOT NULL,
        count INTEGER NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (doc, name)
    );
    CREATE INDEX entity_mentions_key ON entity_mentions(name_key);
    CREATE TABLE event_mentions (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        date_text TEXT,
        date TEXT,
        tense TEXT,
        event_type TEXT,
        summary TEXT NOT NULL,
        participants TEXT NOT NULL,
        terms TEXT NOT NULL,
        heading INTEGER NOT NULL DEFAULT 0,
        speech INTEGER NOT NULL DEFAULT 0,
        agents TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX event_mentions_doc ON event_mentions(doc);
    CREATE TABLE event_participants (
        mention INTEGER NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
        name_key TEXT NOT NULL
    );
    CREATE INDEX event_participants_key ON event_participants(name_key);
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        mentions INTEGER NOT NULL
    );
    CREATE TABLE aliases (
        name_key TEXT PRIMARY KEY,
        entity INTEGER NOT NULL REFERENCES entities(id),
        alias TEXT NOT NULL
    );
    CREATE INDEX aliases_entity ON aliases(entity);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """,
    # 2: editors' corrections (keyed on source statements, not on event ids) and resolved
    # timelines kept per entity until the store's generation moves on
    """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        targets TEXT NOT NULL,
        value TEXT,
        note TEXT,
        snapshot TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE timeline_cache (
        entity TEXT PRIMARY KEY,
        generation INTEGER NOT NULL,
        data TEXT NOT NULL,
        extra TEXT NOT NULL DEFAULT '{}'
    );
    INSERT OR REPLACE INTO meta VALUES ('generation', '0');
    """,
]


class StoreError(RuntimeError):
    pass


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a Storyline database ({exc})") from exc

    def close(self) -> None:
        self.db.close()

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: made by a newer Storyline (schema {version})")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.execute("BEGIN")
            try:
                for statement in script.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except Exception:
                self.db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- documents ------------------------------------------------------------------------
    def known(self, doc: Document) -> str | None:
        """Why this document needs no analysis: 'stored' (same id, same text), 'duplicate' (same
        text under another id) or None (new or changed)."""
        row = self.db.execute("SELECT content_hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row:
            return "stored" if row[0] == doc.content_hash else None
        row = self.db.execute("SELECT id FROM documents WHERE content_hash = ? LIMIT 1", (doc.content_hash,)).fetchone()
        return "duplicate" if row else None

    def add(self, analyses: Iterable[DocumentAnalysis], origins: dict[str, str] | None = None) -> int:
        """Store analysed documents in one transaction; a changed document replaces its old version.
        Returns how many were stored (a duplicate within the batch is not)."""
        n = 0
        with self._writing():
            for a in analyses:
                n += self._insert(a, (origins or {}).get(a.document.id))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('entities_stale', '1')")
            self._bump_generation()
        return n

    def _insert(self, a: DocumentAnalysis, origin: str | None) -> bool:
        d = a.document
        if self.known(d):  # stored meanwhile, e.g. twice in one batch
            return False
        self.db.execute("DELETE FROM documents WHERE id = ?", (d.id,))
        self.db.execute(
            "INSERT INTO documents (id, title, published, estimate_earliest, estimate_latest, url, source,"
            " origin, content_hash, text) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (d.id, d.title, _iso(d.published), _iso(a.estimate[0]) if a.estimate else None,
             _iso(a.estimate[1]) if a.estimate else None, d.url, d.source, origin, d.content_hash, d.text),
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO entity_mentions VALUES (?,?,?,?,?,?)",
            [(d.id, m.name, name_key(m.name), m.label, m.count, json.dumps(m.aliases)) for m in a.entities],
        )
        for m in a.events:
            cur = self.db.execute(
                "INSERT INTO event_mentions (doc, start, end, sentence, date_text, date, tense, event_type,"
                " summary, participants, terms, heading, speech, agents) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (d.id, m.source.start, m.source.end, m.source.sentence, m.source.date_text,
                 json.dumps(m.date.to_dict() | {"mod": m.date.mod}) if m.date else None, m.tense, m.event_type,
                 m.summary, json.dumps(m.participants), json.dumps(m.terms), int(m.heading), int(m.speech),
                 json.dumps(m.agents)),
            )
            keys = {name_key(p) for p in m.participants}
            self.db.executemany("INSERT INTO event_participants VALUES (?, ?)", [(cur.lastrowid, k) for k in keys])
        return True

    def document(self, doc_id: str) -> dict | None:
        """One document with its text (for showing a source in context)."""
        row = self.db.execute(
            "SELECT id, title, published, estimate_earliest, estimate_latest, url, source, text FROM documents"
            " WHERE id = ?", (doc_id,)).fetchone()
        if not row:
            return None
        return {"id": row[0], "title": row[1], "published": _date(row[2]),
                "estimate": (_date(row[3]), _date(row[4])) if row[3] else None, "url": row[5],
                "source": row[6], "text": row[7]}

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def documents(self, ids: Iterable[str]) -> list[dict]:
        ids = list(dict.fromkeys(ids))
        rows = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows += self.db.execute(
                f"SELECT id, title, published, estimate_earliest, estimate_latest, url, source FROM documents"
                f" WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        order = {d: i for i, d in enumerate(ids)}
        rows.sort(key=lambda r: order[r[0]])
        return [
            {"id": r[0], "title": r[1], "published": _date(r[2]),
             "estimate": (_date(r[3]), _date(r[4])) if r[3] else None, "url": r[5], "source": r[6]}
            for r in rows
        ]

    # -- entities -------------------------------------------------------------------------
    def entity_surface_stats(self) -> list[tuple[str, str, str, int, set[str]]]:
        """(name, name_key, label, total count, other forms) of every distinct name."""
        rows = self.db.execute(
            "SELECT name, name_key, label, sum(count), group_concat(aliases, char(31)) FROM entity_mentions"
            " GROUP BY name, label"
        ).fetchall()
        return [(n, k, lab, c, {a for chunk in (al or "").split(chr(31)) if chunk for a in json.loads(chunk)})
                for n, k, lab, c, al in rows]

    def replace_entities(self, entities: list[tuple[str, str, int, dict[str, str]]], rules: int) -> None:
        """Replace the resolved entity table: (name, label, mentions, {alias key: alias}), built by
        the resolution rules numbered ``rules``."""
        with self._writing():
            self.db.execute("DELETE FROM aliases")
            self.db.execute("DELETE FROM entities")
            # a name two entities claim ("BP" as an other form of "Al Grillo/AP BP") goes to the
            # more mentioned one
            for name, label, mentions, aliases in sorted(entities, key=lambda e: -e[2]):
                cur = self.db.execute("INSERT INTO entities (name, label, mentions) VALUES (?,?,?)", (name, label, mentions))
                self.db.executemany("INSERT OR IGNORE INTO aliases VALUES (?,?,?)",
                                    [(k, cur.lastrowid, a) for k, a in aliases.items()])
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('entities_stale', '0')")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('entity_rules', ?)", (str(rules),))
            self._bump_generation()

    def entities_stale(self, rules: int) -> bool:
        """Whether mentions were stored after the entity table was built, or other rules than
        ``rules`` built it (a store written by an older Storyline)."""
        meta = dict(self.db.execute("SELECT key, value FROM meta WHERE key IN ('entities_stale', 'entity_rules')"))
        return meta.get("entities_stale") == "1" or meta.get("entity_rules", "0") != str(rules)

    def entities(self, limit: int | None = None) -> list[tuple[int, str, str, int, list[str]]]:
        rows = self.db.execute(
            "SELECT id, name, label, mentions FROM entities ORDER BY mentions DESC, name"
            + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
        return [(i, n, lab, m, self.aliases(i)) for i, n, lab, m in rows]

    def aliases(self, entity_id: int) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT alias FROM aliases WHERE entity = ? ORDER BY alias", (entity_id,)).fetchall()
        return [r[0] for r in rows]

    def alias_keys(self, entity_id: int) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name_key FROM aliases WHERE entity = ?", (entity_id,))]

    def find_entity(self, key: str) -> int | None:
        row = self.db.execute("SELECT entity FROM aliases WHERE name_key = ?", (key,)).fetchone()
        return row[0] if row else None

    def entity(self, entity_id: int) -> tuple[int, str, str, int, list[str]]:
        i, n, lab, m = self.db.execute("SELECT id, name, label, mentions FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return i, n, lab, m, self.aliases(i)

    def names_for_keys(self, keys: Iterable[str]) -> dict[str, str]:
        """Entity display name of each alias key (keys with no entity are left out)."""
        keys = list(set(keys))
        out: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            out.update(self.db.execute(
                "SELECT a.name_key, e.name FROM aliases a JOIN entities e ON e.id = a.entity"
                f" WHERE a.name_key IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def search_entities(self, text: str, limit: int = 5) -> list[tuple[int, str]]:
        like = f"%{text.strip().lower()}%"
        return self.db.execute(
            "SELECT DISTINCT e.id, e.name FROM aliases a JOIN entities e ON e.id = a.entity"
            " WHERE a.name_key LIKE ? ORDER BY e.mentions DESC LIMIT ?", (like, limit)).fetchall()

    def suggest_entities(self, text: str, limit: int = 10) -> list[tuple[int, str, str, int, int]]:
        """Type-ahead: (id, name, label, mentions, event statements) of entities with an alias
        that starts with ``text`` or has a word starting with it, most mentioned first."""
        key = name_key(text)
        if key:
            esc = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = self.db.execute(
                "SELECT e.id, e.name, e.label, e.mentions FROM entities e WHERE e.id IN ("
                " SELECT entity FROM aliases WHERE name_key LIKE ? ESCAPE '\\' OR name_key LIKE ? ESCAPE '\\')"
                " ORDER BY e.mentions DESC, e.name LIMIT ?", (esc + "%", "% " + esc + "%", limit)).fetchall()
        else:
            rows = self.db.execute(
                "SELECT id, name, label, mentions FROM entities ORDER BY mentions DESC, name LIMIT ?", (limit,)).fetchall()
        out = []
        for i, n, lab, m in rows:
            events = self.db.execute(
                "SELECT count(DISTINCT p.mention) FROM aliases a JOIN event_participants p ON p.name_key = a.name_key"
                " WHERE a.entity = ?", (i,)).fetchone()[0]
            out.append((i, n, lab, m, events))
        return out

    # -- generation and stored timelines ------------------------------------------------------
    def generation(self) -> int:
        """A counter that moves on whenever what a timeline is computed from changes."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def _writing(self):
        """One write transaction, taken up front so concurrent writers wait instead of failing."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _bump_generation(self) -> None:
        # inside the caller's transaction: stored timelines go with the change that outdated them
        self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        self.db.execute("DELETE FROM timeline_cache")

    def stored_timeline(self, entity: str) -> tuple[str, str] | None:
        """The kept timeline of ``entity`` (JSON text, extra JSON), if the store has not changed since."""
        row = self.db.execute(
            "SELECT data, extra FROM timeline_cache WHERE entity = ?"
            " AND generation = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')",
            (entity,)).fetchone()
        return (row[0], row[1]) if row else None

    def store_timeline(self, entity: str, generation: int, data: str, extra: str = "{}") -> None:
        """Keep a computed timeline, unless the store changed while it was computed (or is
        being written to by an ingest right now: then the next request computes it again)."""
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO timeline_cache SELECT ?, ?, ?, ? WHERE ? ="
                " (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation')",
                (entity, generation, data, extra, generation))
        except sqlite3.OperationalError:
            pass

    # -- corrections ----------------------------------------------------------------------
    def add_correction(self, kind: str, targets: list, value: str | None, note: str | None,
                       snapshot: dict) -> int:
        with self._writing():
            cur = self.db.execute(
                "INSERT INTO corrections (kind, targets, value, note, snapshot) VALUES (?,?,?,?,?)",
                (kind, json.dumps(targets), value, note, json.dumps(snapshot)))
            self._bump_generation()
        return cur.lastrowid

    def corrections(self) -> list[tuple[int, str, list, str | None, str | None, dict, str]]:
        rows = self.db.execute(
            "SELECT id, kind, targets, value, note, snapshot, created_at FROM corrections ORDER BY id").fetchall()
        return [(i, k, json.loads(t), v, n, json.loads(s), c) for i, k, t, v, n, s, c in rows]

    def delete_correction(self, correction_id: int) -> bool:
        with self._writing():
            gone = self.db.execute("DELETE FROM corrections WHERE id = ?", (correction_id,)).rowcount
            if gone:
                self._bump_generation()
        return bool(gone)

    # -- events ---------------------------------------------------------------------------
    def event_mentions(self, keys: list[str]) -> Iterator[EventMention]:
        if not keys:
            return
        q = (
            "SELECT DISTINCT m.doc, m.start, m.end, m.sentence, m.date_text, m.date, m.tense, m.event_type,"
            " m.summary, m.participants, m.terms, m.heading, m.speech, m.agents, m.id FROM event_mentions m"
            f" JOIN event_participants p ON p.mention = m.id WHERE p.name_key IN ({','.join('?' * len(keys))})"
            " ORDER BY m.doc, m.start, m.id"
        )
        for r in self.db.execute(q, keys):
            yield EventMention(
                doc=r[0], source=Source(r[0], r[3], r[1], r[2], r[4]),
                date=TimeValue.from_dict(json.loads(r[5])) if r[5] else None, tense=r[6], event_type=r[7],
                summary=r[8], participants=json.loads(r[9]), terms=json.loads(r[10]),
                heading=bool(r[11]), speech=bool(r[12]), agents=json.loads(r[13]),
            )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


# -- reads for timeline summarisation (storyline/summarise.py) ----------------------------
def _chunks(items: list, n: int = 500) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def documents_mentioning(store: Store, keys: list[str]) -> list[str]:
    """Ids of the documents that name any of the alias ``keys``."""
    out: set[str] = set()
    for chunk in _chunks(list(keys)):
        out.update(r[0] for r in store.db.execute(
            f"SELECT DISTINCT doc FROM entity_mentions WHERE name_key IN ({','.join('?' * len(chunk))})", chunk))
    return sorted(out)


def document_texts(store: Store, ids: Iterable[str] | None = None
                   ) -> Iterator[tuple[str, str, date | None, tuple[date, date] | None]]:
    """(id, text, published, estimated window) of the given documents (all when ``ids`` is None)."""
    q = "SELECT id, text, published, estimate_earliest, estimate_latest FROM documents"
    chunks = [None] if ids is None else list(_chunks(sorted(set(ids))))
    for chunk in chunks:
        where = "" if chunk is None else f" WHERE id IN ({','.join('?' * len(chunk))})"
        for r in store.db.execute(q + where + " ORDER BY id", chunk or ()):
            yield r[0], r[1], _date(r[2]), (_date(r[3]), _date(r[4])) if r[3] and r[4] else None


def statement_participants(store: Store, ids: Iterable[str] | None = None) -> Iterator[tuple[str, int, list[str]]]:
    """(doc, statement start, participants) of every event mention."""
    q = "SELECT doc, start, participants FROM event_mentions"
    chunks = [None] if ids is None else list(_chunks(sorted(set(ids))))
    for chunk in chunks:
        where = "" if chunk is None else f" WHERE doc IN ({','.join('?' * len(chunk))})"
        for r in store.db.execute(q + where, chunk or ()):
            yield r[0], r[1], json.loads(r[2])
