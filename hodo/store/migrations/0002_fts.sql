-- 0002: full-text search over documents (title, body).
--
-- An external-content FTS5 table: the text lives only in `documents`, the index refers
-- to rows by `documents.id`. The trigram tokenizer indexes every run of 3 characters,
-- which works for Japanese (no word boundaries) and for substrings of any script, but
-- cannot match terms shorter than 3 characters (the store's search() handles those).
-- Triggers keep the index in step with every insert, update and delete; the final
-- 'rebuild' indexes documents written before this migration.

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title,
    body,
    content = 'documents',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER documents_fts_after_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER documents_fts_after_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER documents_fts_after_update AFTER UPDATE OF id, title, body ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO documents_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
