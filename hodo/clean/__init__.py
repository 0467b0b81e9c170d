"""Stage 2, clean: a RawPage in, a Document out (body, title, authors, outlet, date,
sources cited). Pure: the same page and templates always give the same Document."""

from __future__ import annotations

from hodo.clean import sources
from hodo.clean.dates import find_dates
from hodo.clean.htmlpage import clean_html_page
from hodo.clean.infer import infer_published
from hodo.clean.lines import Kind
from hodo.clean.metadata import canonical_outlet, outlet_from_lines, published_from_lines, site_key
from hodo.clean.patterns import lexicon, nfkc
from hodo.clean.templates import Templates, build_templates
from hodo.clean.textpage import clean_text_page
from hodo.errors import EmptyPageError
from hodo.ids import doc_id_for
from hodo.models import Document, Published, RawPage

__all__ = ["Templates", "build_templates", "clean_page"]


def _container_date(page: RawPage) -> Published | None:
    if not page.published:
        return None
    found = find_dates(page.published)
    if not found:
        return None
    return Published(value=found[0].value, basis="explicit", evidence=f"published field: {page.published}")


def _valid_authors(names: list[str]) -> tuple[str, ...]:
    lex = lexicon()
    out: list[str] = []
    for n in names:
        n = n.strip()
        key = nfkc(n).replace(" ", "").replace("\u3000", "")
        if not key or key.lower() in lex.ui_exact or key in lex.not_names:
            continue
        if all(key != nfkc(o).replace(" ", "").replace("\u3000", "") for o in out):
            out.append(n)
    return tuple(out)


def clean_page(page: RawPage, templates: Templates | None = None) -> Document:
    """Clean one page. Raises EmptyPageError when no article text is left."""
    site = site_key(page.text, page.url) if page.kind == "text" else None
    if page.kind == "html":
        h = clean_html_page(page.text, page.url)
        body, title, authors = h.body, h.title, h.authors
        published = _container_date(page) or h.published
        outlet = canonical_outlet(h.outlet) if h.outlet else None
        cited = [
            *sources.from_agencies(h.agencies),
            *sources.from_text(body),
            *sources.from_reference_lines(h.reference_lines),
        ]
    else:
        t = clean_text_page(page.text, (templates or {}).get(site or "", frozenset()))
        body, title, authors = t.body, t.title, t.authors
        kept = {ln.idx for ln in t.kept}
        published = _container_date(page) or published_from_lines(t.lines, t.zone, kept)
        outlet = outlet_from_lines(t.lines, site, t.title_line)
        agencies = [a for ln in t.lines if t.zone.get(ln.idx) != "end" for a in ln.agencies]
        refs = [ln.text for ln in t.lines if t.zone.get(ln.idx) == "end" and ln.kind is not Kind.BLANK]
        notices = "\n".join(ln.text for ln in t.lines if ln.kind is Kind.NOTICE)
        cited = [
            *sources.from_agencies(agencies),
            *sources.from_text(body),
            *sources.from_text(notices),
            *sources.from_reference_lines(refs),
        ]
    if not body.strip():
        raise EmptyPageError("no article text found (the page is empty or only boilerplate)")
    if published is None:
        published = infer_published(body)
    return Document(
        doc_id=doc_id_for(page.content_hash),
        source=page.source,
        title=title,
        authors=_valid_authors(authors),
        outlet=outlet,
        published=published,
        sources_cited=tuple(sources.unique(cited)),
        body=body,
        url=page.url,
        encoding=page.encoding,
        kind=page.kind,
        site=site,
    )
