// #/brief?entity=…&from=…&to=…: a cited briefing. Every [n] links to the cited sentence.
import { getJSON, query, routes } from "./api.js";
import { empty, errorBox, h, link } from "./dom.js";
import { fmtDate } from "./labels.js";
import { block, docLink, filterForm, go, page, related, valuesOf } from "./ui.js";

const NAMES = ["entity", "from", "to"];

export async function render(route) {
  const values = valuesOf(route.params, NAMES);
  const wanted = Object.keys(values).length > 0 || route.params.get("all") === "1";
  const form = filterForm({
    values,
    submit: "作成",
    onSubmit: (v) => go(routes.brief(Object.keys(v).length ? v : { all: 1 })),
    fields: [
      { name: "entity", label: "実体 (entity)", kind: "entity" },
      { name: "from", label: "期間・開始 (from)", kind: "date" },
      { name: "to", label: "期間・終了 (to)", kind: "date" },
    ],
  });
  if (!wanted) {
    const intro = h("p", { class: "note" }, "実体や期間を指定して「作成」を押してください。空欄のままなら全記事が対象です。");
    return { title: "ブリーフィング", node: page("ブリーフィング", "出典付きの要約 (cited briefing)", form, intro) };
  }
  let content;
  let title = "ブリーフィング";
  try {
    const b = await getJSON("/api/brief", { ...values, format: "json" });
    title = `ブリーフィング：${b.subject}`;
    content = briefView(b, values);
  } catch (err) {
    content = errorBox(err);
  }
  return { title, node: page(title, null, form, related(values, "brief"), content) };
}

function briefView(b, values) {
  const cites = new Map((b.citations || []).map((c) => [c.n, c]));
  const line = (l) => [l.text, citeLinks(l.cites, cites)];
  return h(
    "article",
    { class: "brief" },
    h(
      "div",
      { class: "brief-head" },
      h("p", { class: "scope" }, b.scope || ""),
      h(
        "div",
        { class: "downloads" },
        h("a", { class: "button", href: "/api/brief" + query({ ...values, format: "md" }), download: "hodo-brief.md" }, "Markdown をダウンロード"),
        h("a", { class: "button", href: "/api/brief" + query({ ...values, format: "html" }), download: "hodo-brief.html" }, "HTML をダウンロード"),
      ),
    ),
    block("概要 (overview)", (b.overview || []).length ? h("p", { class: "overview" }, b.overview.map((l) => h("span", { class: "line" }, line(l)))) : none()),
    block("詳細 (details)", lineList(b.details, line, true)),
    block("要点 (key points)", lineList(b.points, line, false)),
    block("係争点 (disputes)", disputes(b.disputes || [], line)),
    block("出典 (sources)", sources(b.sources || [], cites)),
  );
}

const none = () => empty("該当する記述はありません。");

function lineList(lines, line, dated) {
  if (!(lines || []).length) return none();
  return h(
    "ul",
    { class: "lines" },
    lines.map((l) =>
      h(
        "li",
        {},
        dated ? h("span", { class: "line-date" }, l.date || "—") : null,
        dated && l.label ? h("span", { class: "line-label" }, l.label) : null,
        h("span", { class: "line-text" }, line(l)),
        l.cluster_id ? h("a", { class: "compare-link small", href: routes.compare(l.cluster_id), title: "媒体ごとに比較" }, "比較") : null,
      ),
    ),
  );
}

/** [1][2]… each a link to its cited sentence, the sentence as tooltip. */
function citeLinks(ns, cites) {
  return (ns || []).map((n) => {
    const c = cites.get(n);
    if (!c) return h("span", { class: "cite" }, `[${n}]`);
    return h("a", { class: "cite", href: routes.doc(c.doc_id, c.sentence), title: c.text || "", "data-n": n }, `[${n}]`);
  });
}

function disputes(rows, line) {
  if (!rows.length) return none();
  return h(
    "ul",
    { class: "disputes" },
    rows.map((d) =>
      h(
        "li",
        { class: "con-pair" },
        h("div", { class: "con-side claim" }, h("div", { class: "side-label" }, `主張 — ${d.claim_by || "不明"}`), h("p", {}, line(d.claim))),
        h("div", { class: "versus", "aria-hidden": "true" }, "⇄"),
        h("div", { class: "con-side denial" }, h("div", { class: "side-label" }, `否定 — ${d.denied_by || "不明"}`), h("p", {}, line(d.denial))),
      ),
    ),
  );
}

function sources(rows, cites) {
  if (!rows.length) return none();
  return h(
    "ol",
    { class: "brief-sources" },
    rows.map((s) =>
      h(
        "li",
        {},
        docLink(routes.doc(s.doc_id), s.title),
        h("span", { class: "meta" }, `${s.outlet || "媒体不明"} · ${fmtDate(s.published)}`),
        s.locator && /^https?:\/\//i.test(s.locator)
          ? link(s.locator, { class: "locator ext" }, s.locator)
          : s.locator ? h("span", { class: "locator" }, s.locator) : null,
        h("span", { class: "cites" }, citeLinks(s.cites, cites)),
      ),
    ),
  );
}
