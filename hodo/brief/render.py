"""A briefing as Markdown, standalone HTML or JSON.

HTML goes through Jinja2 with autoescaping on, so nothing taken from a page (titles,
sentences, outlet names) can become markup; only http(s) URLs become links.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from hodo import __version__
from hodo.brief.compose import config
from hodo.models import Briefing, BriefLine

FORMATS = ("md", "html", "json")


def brief_json(b: Briefing) -> dict[str, Any]:
    return {"generator": f"hodo {__version__}", **asdict(b)}


def _cites(line: BriefLine) -> str:
    return "".join(f"[{n}]" for n in line.cites)


def _md_escape(text: str) -> str:
    """Text from a page, made inert in Markdown (no links, emphasis or HTML)."""
    for ch in "\\`*[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def to_markdown(b: Briefing) -> str:
    h = config()["headings"]
    out = [f"# {h['title']}：{_md_escape(b.subject)}", "", _md_escape(b.scope), ""]
    out += [f"## {h['overview']}", ""]
    out += [" ".join(f"{_md_escape(ln.text)}{_cites(ln)}" for ln in b.overview) or h["empty"], ""]
    out += [f"## {h['details']}", ""]
    for ln in b.details:
        when = ln.date or "—"
        label = f"〔{_md_escape(ln.label)}〕" if ln.label else ""
        out.append(f"- **{when}** {label}{_md_escape(ln.text)}{_cites(ln)}")
    out += ([] if b.details else [h["empty"]]) + ["", f"## {h['points']}", ""]
    out += [f"- {_md_escape(ln.text)}{_cites(ln)}" for ln in b.points] or [h["empty"]]
    out += ["", f"## {h['disputes']}", ""]
    for d in b.disputes:
        out.append(
            f"- **{h['claim']}**（{_md_escape(d.claim_by)}）{_md_escape(d.claim.text)}{_cites(d.claim)}"
        )
        out.append(
            f"  **{h['denial']}**（{_md_escape(d.denied_by)}）{_md_escape(d.denial.text)}{_cites(d.denial)}"
        )
    out += ([] if b.disputes else [h["empty"]]) + ["", f"## {h['sources']}", ""]
    texts = {c.n: c for c in b.citations}
    for s in b.sources:
        head = "、".join(_md_escape(x) for x in (s.outlet, s.published) if x)
        title = f"「{_md_escape(s.title)}」" if s.title else ""
        out.append(f"- {head}{title} {_md_escape(s.locator)}")
        for n in s.cites:
            c = texts[n]
            out.append(f"  - [{n}] 第{c.sentence + 1}文 `{c.doc_id}`：{_md_escape(c.text)}")
    return "\n".join(out) + "\n"


_env = Environment(
    loader=PackageLoader("hodo.brief", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _safe_url(url: str) -> str | None:
    return url if url.startswith(("http://", "https://")) else None


def to_html(b: Briefing, *, doc_link: str | None = None) -> str:
    """A self-contained page. `doc_link`: a format string with `{doc_id}` and `{sentence}`
    (e.g. the web UI's `/#/doc/{doc_id}?s={sentence}`) linking each citation to its
    sentence; without it citations link to the 出典 list."""
    links = {}
    if doc_link:
        links = {c.n: doc_link.format(doc_id=c.doc_id, sentence=c.sentence) for c in b.citations}
    return _env.get_template("brief.html").render(
        b=b,
        h=config()["headings"],
        links=links,
        citations={c.n: c for c in b.citations},
        safe_url=_safe_url,
        generator=f"hodo {__version__}",
    )


def render(b: Briefing, fmt: str, *, doc_link: str | None = None) -> str:
    if fmt == "md":
        return to_markdown(b)
    if fmt == "html":
        return to_html(b, doc_link=doc_link)
    if fmt == "json":
        return json.dumps(brief_json(b), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown briefing format {fmt!r} (one of {', '.join(FORMATS)})")
