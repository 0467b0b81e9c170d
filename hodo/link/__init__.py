"""Stage 4, link: what only the corpus shows (identities across documents; later clusters,
contradictions, duplicates)."""
