-- 0001: documents, the names each document was seen under, and failures.
--
-- `documents.id` is an INTEGER PRIMARY KEY (an alias of the rowid) so the full-text index
-- (0002) can point at rows by a rowid that VACUUM never renumbers; `doc_id`, the
-- content-hash id every caller uses, is the natural key (NOT NULL UNIQUE).

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    doc_id          TEXT    NOT NULL UNIQUE,
    source          TEXT    NOT NULL,
    url             TEXT,
    title           TEXT,
    outlet          TEXT,
    published       TEXT,                  -- ISO 8601 prefix: '2024', '2024-06-19T21:19'
    published_basis TEXT    CHECK (published_basis IN ('explicit', 'inferred')),
    authors         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
    sources_cited   TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(sources_cited)),
    body            TEXT    NOT NULL,
    payload         TEXT    NOT NULL CHECK (json_valid(payload)),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE INDEX documents_published ON documents (published);

CREATE TABLE document_sources (
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    PRIMARY KEY (doc_id, source)
) WITHOUT ROWID;

CREATE INDEX document_sources_source ON document_sources (source);

CREATE TABLE failures (
    id         INTEGER PRIMARY KEY,
    run_id     TEXT,
    source     TEXT NOT NULL,
    stage      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX failures_run_id ON failures (run_id);
