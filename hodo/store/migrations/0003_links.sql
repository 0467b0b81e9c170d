-- 0003: what the analysis and the linking stage find, as tables to query: the entities of
-- each document, events with the cluster each belongs to, event clusters, contradictions
-- and near-duplicate groups. Rows that belong to a document go when it goes (CASCADE).
--
-- `events.link_key` is the event as the linking stage sees it (hodo.link.clusters.EventKey,
-- JSON): a later run restores the clusters from these keys and adds its own events to
-- them without clustering the corpus again.

CREATE TABLE entities (
    entity_id TEXT NOT NULL PRIMARY KEY,      -- a Wikidata QID, hodo:<slug> or ent-<hash>
    name      TEXT NOT NULL,
    type      TEXT NOT NULL,
    wikidata  TEXT
) WITHOUT ROWID;

CREATE TABLE entity_names (                   -- every form an entity was written in
    name      TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (entity_id) ON DELETE CASCADE,
    PRIMARY KEY (name, entity_id)
) WITHOUT ROWID;

CREATE INDEX entity_names_entity ON entity_names (entity_id);

CREATE TABLE document_entities (
    doc_id    TEXT    NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    entity_id TEXT    NOT NULL REFERENCES entities (entity_id),
    mentions  INTEGER NOT NULL,
    PRIMARY KEY (doc_id, entity_id)
) WITHOUT ROWID;

CREATE INDEX document_entities_entity ON document_entities (entity_id);

CREATE TABLE event_clusters (
    cluster_id TEXT    NOT NULL PRIMARY KEY,
    type       TEXT    NOT NULL,
    time_value TEXT,                          -- ISO prefix: the most precise member time
    time_end   TEXT,
    sort_date  TEXT,                          -- time_value, else the earliest publication
    n_docs     INTEGER NOT NULL,
    n_events   INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
) WITHOUT ROWID;

CREATE INDEX event_clusters_sort_date ON event_clusters (sort_date);

CREATE TABLE events (
    doc_id     TEXT    NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    event_id   TEXT    NOT NULL,
    cluster_id TEXT    NOT NULL,
    seq        INTEGER NOT NULL,              -- order in which it joined its cluster
    type       TEXT    NOT NULL,
    mode       TEXT,
    status     TEXT    NOT NULL,
    time_value TEXT,
    time_end   TEXT,
    sentence   INTEGER NOT NULL,
    trigger    TEXT    NOT NULL,
    link_key   TEXT    NOT NULL CHECK (json_valid(link_key)),
    PRIMARY KEY (doc_id, event_id)
) WITHOUT ROWID;

CREATE INDEX events_cluster ON events (cluster_id, seq);
CREATE INDEX events_time ON events (time_value);

CREATE TABLE event_entities (
    doc_id    TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('actor', 'recipient', 'place', 'reported_by')),
    entity_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, event_id, role, entity_id),
    FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, event_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX event_entities_entity ON event_entities (entity_id);

CREATE TABLE contradictions (
    contradiction_id TEXT    NOT NULL PRIMARY KEY,
    kind             TEXT    NOT NULL,        -- 'denial' or 'negation'
    cluster_id       TEXT,
    a_doc            TEXT    NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    a_sentence       INTEGER NOT NULL,
    a_event          TEXT,
    a_quote          INTEGER,
    b_doc            TEXT    NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    b_sentence       INTEGER NOT NULL,
    b_event          TEXT,
    b_quote          INTEGER
) WITHOUT ROWID;

CREATE INDEX contradictions_cluster ON contradictions (cluster_id);
CREATE INDEX contradictions_a_doc ON contradictions (a_doc);
CREATE INDEX contradictions_b_doc ON contradictions (b_doc);

CREATE TABLE duplicate_members (
    group_id   TEXT NOT NULL,                 -- the group's first (smallest) doc_id
    doc_id     TEXT NOT NULL PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
    similarity REAL NOT NULL                  -- the group's lowest Jaccard similarity
) WITHOUT ROWID;

CREATE INDEX duplicate_members_group ON duplicate_members (group_id);
