"""Building Document objects and their payloads for store tests."""

from __future__ import annotations

from typing import Any

from hodo.models import Document, Published


def make_doc(
    doc_id: str,
    body: str,
    *,
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
    outlet: str | None = "テスト新聞",
    authors: tuple[str, ...] = (),
) -> Document:
    return Document(
        doc_id=doc_id,
        source=source or f"{doc_id}.txt",
        title=title,
        authors=authors,
        outlet=outlet,
        published=Published(published, "explicit", published) if published else None,
        sources_cited=(),
        body=body,
        url=f"https://example.jp/{doc_id}",
    )


def payload_of(doc: Document) -> dict[str, Any]:
    """A stand-in for the output contract JSON of `doc`."""
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published.value if doc.published else None,
        "authors": list(doc.authors),
        "body": doc.body,
        "entities": [],
    }
