"""hodo's embedded store: analysed documents in one SQLite file, with full-text search that
works for Japanese (FTS5 trigram index plus a substring filter for 1–2 character terms).

    with Store("hodo.db") as store:
        store.upsert_document(doc, payload)        # "inserted" | "updated" | "unchanged"
        hits = store.search("北朝鮮 会談")          # every term must occur

The schema is described in `hodo.store.db`, the search rules in `hodo.store.search`, and
schema upgrades in `hodo.store.migrate`.
"""

from hodo.store.db import Store, UpsertResult
from hodo.store.migrate import MigrationError, latest_version
from hodo.store.search import MAX_QUERY_CHARS, make_snippet, parse_query

__all__ = [
    "MAX_QUERY_CHARS",
    "MigrationError",
    "Store",
    "UpsertResult",
    "latest_version",
    "make_snippet",
    "parse_query",
]
