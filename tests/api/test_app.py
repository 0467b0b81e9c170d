"""The REST API over a store of the sample corpus (+ a hostile page): every route, the
4xx answers, and that nothing a client sends reaches the file system."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from hodo.api import create_app
from hodo.errors import HodoError


def test_stats_and_lists(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] >= 13 and stats["clusters"] >= 3 and stats["ingest"] is False
    assert any(o["outlet"] == "東亜時報" for o in client.get("/api/outlets").json())
    assert any(t["type"] == "CONSULT" for t in client.get("/api/event-types").json())


def test_search_with_filters(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "プーチン 平壌"}).json()["hits"]
    assert hits and all("【" in h["snippet"] for h in hits)
    outlet = hits[0]["outlet"]
    only = client.get("/api/search", params={"q": "プーチン 平壌", "outlet": outlet}).json()["hits"]
    assert only and {h["outlet"] for h in only} == {outlet}
    dated = client.get("/api/search", params={"q": "北朝鮮", "from": "2024-11", "to": "2024-11"}).json()[
        "hits"
    ]
    assert dated and all(h["published"].startswith("2024-11") for h in dated)
    kim = client.get("/api/search", params={"q": "ロシア", "entity": "金正恩"}).json()["hits"]
    every = client.get("/api/search", params={"q": "ロシア", "limit": 100}).json()["hits"]
    assert 0 < len(kim) < len(every)
    typed = client.get("/api/search", params={"q": "ロシア", "event_type": "AGREE", "limit": 100}).json()[
        "hits"
    ]
    assert 0 < len(typed) < len(every)
    # no terms: the filtered documents, newest first
    listed = client.get("/api/search", params={"entity": "金正恩"}).json()["hits"]
    dates = [h["published"] for h in listed if h["published"]]
    assert len(listed) >= 3 and dates == sorted(dates, reverse=True)
    assert all(h["published"] is None for h in listed[len(dates) :])  # undated last


@pytest.mark.parametrize("q", ['"', "NEAR(", "a OR", "title:", "*", "AND AND"])
def test_bad_fts_syntax_is_400_with_a_message(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q, "raw": "true"})
    assert r.status_code == 400 and "syntax" in r.json()["detail"]
    # the same text as a plain query is just text
    assert client.get("/api/search", params={"q": q}).status_code == 200


def test_bad_parameters_are_4xx(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "x" * 1001}).status_code == 422
    assert client.get("/api/search", params={"q": "ロシア", "from": "June"}).status_code == 422
    assert client.get("/api/search", params={"q": "ロシア", "limit": 0}).status_code == 422
    r = client.get("/api/timeline", params={"entity": "存在しない人物"})
    assert r.status_code == 404 and "no entity called" in r.json()["detail"]


def test_document_entity_cluster(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "ベロウソフ"}).json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['doc_id']}").json()
    assert doc["body"] and doc["sentences"] and doc["entities"] and doc["seen_as"]
    assert {e["event_id"] for e in doc["event_links"]} == {e["id"] for e in doc["events"]}
    kim = next(e for e in doc["entities"] if e["name"] == "金正恩")
    ent = client.get(f"/api/entities/{kim['id']}").json()
    assert "金総書記" in ent["aliases"] or "金正恩" in ent["aliases"]
    assert ent["documents"] >= 3 and ent["co_occurring"] and ent["document_list"]
    cid = doc["event_links"][0]["cluster_id"]
    cluster = client.get(f"/api/clusters/{cid}").json()
    assert cluster["members"] and all(m["sentence_text"] for m in cluster["members"])
    for path in ("/api/documents/doc-0000000000000000", "/api/entities/Q0", "/api/clusters/clu-0"):
        assert client.get(path).status_code == 404


def test_events_timeline_contradictions_graph(client: TestClient) -> None:
    events = client.get("/api/events", params={"entity": "プーチン", "type": "CONSULT"}).json()
    assert events and all(e["type"] == "CONSULT" for e in events)
    tl = client.get("/api/timeline", params={"entity": "金正恩", "min_sources": 2}).json()
    assert tl and all(len({s["doc_id"] for s in t["sources"]}) >= 2 for t in tl)
    cons = client.get("/api/contradictions").json()
    assert cons and all(c["a_text"] and c["b_text"] and c["a_page"]["doc_id"] == c["a_doc"] for c in cons)
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])


def test_brief_formats(client: TestClient) -> None:
    b = client.get("/api/brief", params={"entity": "プーチン"}).json()
    assert b["overview"] and b["sources"] and b["citations"]
    md = client.get("/api/brief", params={"entity": "プーチン", "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and "## 出典" in md.text
    html = client.get("/api/brief", params={"entity": "プーチン", "format": "html"})
    assert "Content-Security-Policy" in html.headers and 'href="/#/doc/' in html.text


def test_page_text_is_escaped_in_html(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "onerror"}).json()["hits"][0]
    assert "<script>" in hit["title"]  # JSON carries the text as it is ...
    html = client.get("/api/brief", params={"entity": "崔善姫", "format": "html"}).text
    assert "崔" in html and "<script>alert" not in html and "<img" not in html  # ... HTML never does
    assert "&lt;script&gt;" in html or "onerror" not in html


def test_no_client_path_reaches_the_file_system(client: TestClient) -> None:
    for path in (
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2F..%2Fpyproject.toml",
        "/docs-assets/../../../../etc/passwd",
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2Fetc%2Fpasswd",
    ):
        r = client.get(path)
        assert r.status_code in (404, 422), path
        assert "root:" not in r.text and "[project]" not in r.text
    assert client.get("/static/app.js").status_code in (200, 404)


def test_ui_and_docs_are_served_offline(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200 and "script-src 'self'" in index.headers["content-security-policy"]
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and not re.search(r"https?://cdn", docs)
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "hodo"


def test_ingest_only_when_allowed(sample_store: Path, tmp_path: Path) -> None:
    assert "/api/ingest" not in TestClientPaths(sample_store)
    db = tmp_path / "copy.db"
    shutil.copy(sample_store, db)
    with TestClient(create_app(db, allow_ingest=True)) as c:
        page = {
            "name": "../../etc/passwd",
            "content": "ロシアと北朝鮮が会談\n\n両国の外相は3日、平壌で会談した。",
        }
        r = c.post("/api/ingest", json={"pages": [page]})
        assert r.status_code == 200, r.text
        doc_id = r.json()["doc_ids"][0]
        doc = c.get(f"/api/documents/{doc_id}").json()
        assert doc["source"] == "api:../../etc/passwd"  # a label, never opened
        assert c.post("/api/ingest", json={"pages": []}).status_code == 422
    assert not (tmp_path / "etc").exists()


def TestClientPaths(db: Path) -> set[str]:
    with TestClient(create_app(db)) as c:
        assert c.post("/api/ingest", json={"pages": []}).status_code in (404, 405)
        return set(c.get("/openapi.json").json()["paths"])


def test_serving_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(HodoError, match="no store"):
        create_app(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_a_request_store_may_close_on_another_thread(sample_store: Path) -> None:
    # FastAPI runs a dependency's setup and teardown on different worker threads
    import threading

    from hodo.api.app import _store

    class Req:
        class app:
            class state:
                db = sample_store

    gen = _store(Req())  # type: ignore[arg-type]
    store = next(gen)
    errors: list[BaseException] = []

    def finish() -> None:
        try:
            assert store.count_documents() > 0
            next(gen, None)
        except BaseException as e:
            errors.append(e)

    t = threading.Thread(target=finish)
    t.start()
    t.join()
    assert not errors


def test_document_view_lists_its_own_duplicates_and_contradictions(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "クルスク", "limit": 50}).json()["hits"]
    docs = [client.get(f"/api/documents/{h['doc_id']}").json() for h in hits]
    twins = [d for d in docs if d["duplicates"]]
    assert len(twins) >= 2  # the wire story and its copy point at each other
    for d in twins:
        assert all(d["doc_id"] not in g["doc_ids"] and g["doc_ids"] for g in d["duplicates"])
    for c in client.get("/api/contradictions").json():
        for side in ("a_doc", "b_doc"):
            listed = client.get(f"/api/documents/{c[side]}").json()["contradictions"]
            assert c["id"] in {x["id"] for x in listed}
            assert all(c[side] in (x["a_doc"], x["b_doc"]) for x in listed)
