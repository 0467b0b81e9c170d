// #/doc/<doc_id>?s=<n>: one document with its analysis drawn over the text.
import { getJSON, routes } from "./api.js";
import { empty, h, link, token } from "./dom.js";
import {
  ENTITY_TYPES, STANCES, eventBadge, entityTypeLabel, fmtDate, fmtPeriod, modeLabel, statusBadge,
  STATUSES, typeLabel,
} from "./labels.js";
import { segment } from "./segments.js";
import { block, docLink } from "./ui.js";

// the last documents seen, so that moving between sentences of one page needs no fetch
const recent = new Map();

async function load(docId) {
  if (recent.has(docId)) return recent.get(docId);
  const doc = await getJSON("/api/documents/" + encodeURIComponent(docId));
  recent.set(docId, doc);
  if (recent.size > 8) recent.delete(recent.keys().next().value);
  return doc;
}

export async function render(route) {
  const doc = await load(route.arg);
  const s = route.params.has("s") ? parseInt(route.params.get("s"), 10) : NaN;
  const ctx = context(doc);
  const node = h(
    "section",
    { class: "page doc-page" },
    h(
      "div",
      { class: "doc-layout" },
      h("article", { class: "doc" }, header(doc), legend(), bodyView(doc, ctx)),
      h("aside", { class: "side", "aria-label": "分析 (analysis)" }, sidePanels(doc, ctx)),
    ),
  );
  return { title: doc.title || doc.doc_id, node, after: () => focusSentence(s) };
}

/** Lookups shared by the body and the side panels. */
function context(doc) {
  const entities = new Map((doc.entities || []).map((e) => [e.id, e]));
  const clusterOf = new Map((doc.event_links || []).map((l) => [l.event_id, l.cluster_id]));
  const name = (id) => (entities.get(id) || {}).name || id;
  return { entities, clusterOf, name };
}

function focusSentence(n) {
  const el = Number.isInteger(n) ? document.getElementById("s" + n) : null;
  if (!el) {
    window.scrollTo(0, 0);
    return;
  }
  el.classList.add("target");
  el.setAttribute("tabindex", "-1");
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
}

// -- header -------------------------------------------------------------------------------

function header(doc) {
  const pub = doc.published;
  const basis = pub ? { explicit: "明記", inferred: "推定" }[pub.basis] || pub.basis : null;
  const rows = [
    ["媒体", doc.outlet || "不明"],
    [
      "掲載日",
      pub
        ? h("span", { title: pub.evidence ? `根拠：${pub.evidence}` : "" }, fmtDate(pub.value), basis ? h("span", { class: "basis" }, basis) : null)
        : "不明",
    ],
    ["著者", (doc.authors || []).join("、")],
    ["引用元", (doc.sources_cited || []).join("、")],
    ["URL", doc.url ? link(doc.url, { class: "ext" }, doc.url) : null],
    ["ファイル", doc.source],
  ];
  return h(
    "header",
    { class: "doc-head" },
    h("h1", { tabindex: "-1" }, doc.title || "（無題）"),
    h(
      "dl",
      { class: "doc-meta" },
      rows.filter(([, v]) => v).map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v))),
    ),
  );
}

function legend() {
  const ents = ["PERSON", "GPE", "ORG", "LOC"].map((t) =>
    h("span", { class: ["key", "ent", token("ent-", t)] }, ENTITY_TYPES[t]),
  );
  return h(
    "p",
    { class: "legend", "aria-label": "凡例 (legend)" },
    ents,
    h("span", { class: ["key", "ent", "ent-OTHER"] }, "その他"),
    h("span", { class: "key timex" }, "日時"),
    h("span", { class: "key quote" }, "引用"),
    h("span", { class: "key trigger" }, "事象"),
  );
}

// -- body ---------------------------------------------------------------------------------

/** Every annotation of the document as a span over code-point offsets. */
function annotations(doc, ctx) {
  const spans = [];
  (doc.sentences || []).forEach((s, n) => spans.push({ kind: "sentence", n, start: s.start, end: s.end }));
  for (const e of doc.entities || []) {
    for (const m of e.mentions || []) spans.push({ kind: "entity", entity: e, start: m.start, end: m.end });
  }
  for (const t of doc.timexes || []) spans.push({ kind: "timex", timex: t, start: t.start, end: t.end });
  for (const q of doc.quotes || []) spans.push({ kind: "quote", quote: q, start: q.start, end: q.end });
  for (const ev of doc.events || []) {
    if (!ev.trigger) continue;
    const cluster = ctx.clusterOf.get(ev.id) || null;
    spans.push({ kind: "event", event: ev, cluster, start: ev.trigger.start, end: ev.trigger.end });
  }
  return spans;
}

function bodyView(doc, ctx) {
  const body = h("div", { class: "body", lang: "ja" });
  let sentence = null; // the <span id="sN"> being filled
  let current = -1;
  for (const seg of segment(doc.body || "", annotations(doc, ctx))) {
    const s = seg.spans.find((x) => x.kind === "sentence");
    const n = s ? s.n : -1;
    if (n !== current) {
      sentence = n >= 0 ? h("span", { class: "sent", id: "s" + n, "data-s": n }) : null;
      if (sentence) body.appendChild(sentence);
      current = n;
    }
    (sentence || body).appendChild(segmentNode(seg, ctx));
  }
  return body;
}

/**
 * One segment: plain text, or one element carrying every annotation over it (classes and
 * a tooltip line each). Links cannot nest, so a segment links to its entity if it has
 * one, else to the cluster of its event.
 */
function segmentNode(seg, ctx) {
  const of = (kind) => seg.spans.filter((x) => x.kind === kind);
  const [ents, times, quotes, events] = ["entity", "timex", "quote", "event"].map(of);
  if (!ents.length && !times.length && !quotes.length && !events.length) {
    return document.createTextNode(seg.text);
  }
  const classes = [];
  const tips = [];
  let href = null;
  for (const { entity: e } of ents) {
    tips.push(`${e.name}（${entityTypeLabel(e.type)}）${e.wikidata ? " " + e.wikidata : ""}`);
  }
  if (ents.length) {
    classes.push("ent", token("ent-", ents[0].entity.type));
    href = routes.entity(ents[0].entity.id);
  }
  for (const t of times) {
    classes.push("timex");
    tips.push(`日時：${fmtPeriod(t.timex.value, t.timex.end_value)}（「${t.timex.text}」）`);
  }
  for (const q of quotes) {
    classes.push("quote", q.quote.stance === "deny" && "quote-deny");
    const who = q.quote.speaker_text || (q.quote.speaker ? ctx.name(q.quote.speaker) : "話者不明");
    const stance = STANCES[q.quote.stance] || q.quote.stance || "—";
    tips.push(`引用：${who}（${stance}・${q.quote.kind === "direct" ? "直接" : "間接"}）`);
  }
  for (const ev of events) {
    const e = ev.event;
    classes.push("trigger", (e.status === "denied" || e.status === "negated") && "trigger-denial");
    const when = e.time ? "・" + fmtPeriod(e.time.value, e.time.end_value) : "";
    tips.push(`事象：${typeLabel(e.type)}${e.mode ? "（" + modeLabel(e.mode) + "）" : ""}・${STATUSES[e.status] || e.status}${when}${ev.cluster ? "（クリックで比較）" : ""}`);
    if (!href && ev.cluster) href = routes.compare(ev.cluster);
  }
  return h(href ? "a" : "span", { class: classes, title: tips.join("\n"), href }, seg.text);
}

// -- side panels ----------------------------------------------------------------------------

function sidePanels(doc, ctx) {
  return [
    entityPanel(doc),
    eventPanel(doc, ctx),
    quotePanel(doc, ctx),
    duplicatePanel(doc),
    contradictionPanel(doc),
  ];
}

function entityPanel(doc) {
  const ents = [...(doc.entities || [])].sort((a, b) => (b.mentions || []).length - (a.mentions || []).length);
  if (!ents.length) return block("実体 (entities)", empty("なし"));
  return block(
    `実体 (entities) ${ents.length}`,
    h(
      "ul",
      { class: "chips" },
      ents.map((e) =>
        h(
          "li",
          {},
          h(
            "a",
            { class: ["chip", "ent", token("ent-", e.type)], href: routes.entity(e.id), title: entityTypeLabel(e.type) },
            e.name,
            h("span", { class: "n" }, String((e.mentions || []).length)),
          ),
        ),
      ),
    ),
  );
}

function sentenceLink(doc, n) {
  return Number.isInteger(n) ? h("a", { class: "sent-link", href: routes.doc(doc.doc_id, n) }, `文${n + 1}`) : null;
}

function eventPanel(doc, ctx) {
  const events = [...(doc.events || [])].sort((a, b) => a.sentence - b.sentence);
  if (!events.length) return block("事象 (events)", empty("なし"));
  const names = (ids) => (ids || []).map(ctx.name).join("・");
  return block(
    `事象 (events) ${events.length}`,
    h(
      "ul",
      { class: "side-list" },
      events.map((e) => {
        const cluster = ctx.clusterOf.get(e.id);
        const who = [names(e.actors), names(e.recipients)].filter(Boolean).join(" → ");
        return h(
          "li",
          { class: ["ev-item", (e.status === "denied" || e.status === "negated") && "denial"] },
          h("div", { class: "row" }, eventBadge(e.type), e.mode ? h("span", { class: "mode" }, modeLabel(e.mode)) : null, statusBadge(e.status)),
          h("div", { class: "row" }, h("span", { class: "when" }, e.time ? fmtPeriod(e.time.value, e.time.end_value) : "日付不明"), e.trigger ? h("q", {}, e.trigger.text) : null),
          who ? h("div", { class: "who" }, who) : null,
          h(
            "div",
            { class: "row links" },
            sentenceLink(doc, e.sentence),
            cluster ? h("a", { href: routes.compare(cluster), class: "compare-link" }, "媒体比較 →") : null,
          ),
        );
      }),
    ),
  );
}

function quotePanel(doc, ctx) {
  const quotes = doc.quotes || [];
  if (!quotes.length) return block("引用 (quotes)", empty("なし"));
  return block(
    `引用 (quotes) ${quotes.length}`,
    h(
      "ul",
      { class: "side-list" },
      quotes.map((q) => {
        const speaker = q.speaker_text || (q.speaker ? ctx.name(q.speaker) : "話者不明");
        return h(
          "li",
          { class: ["quote-item", q.stance === "deny" && "denial"] },
          h(
            "div",
            { class: "row" },
            q.speaker && ctx.entities.has(q.speaker) ? h("a", { href: routes.entity(q.speaker), class: "speaker" }, speaker) : h("span", { class: "speaker" }, speaker),
            h("span", { class: ["badge", token("stance-", q.stance)] }, STANCES[q.stance] || q.stance || "—"),
            h("span", { class: "mode" }, q.kind === "direct" ? "直接" : "間接"),
          ),
          h("p", { class: "quote-text" }, `「${q.text}」`),
          h("div", { class: "row links" }, sentenceLink(doc, q.sentence)),
        );
      }),
    ),
  );
}

function duplicatePanel(doc) {
  const groups = (doc.duplicates || []).filter((g) => (g.doc_ids || []).length);
  if (!groups.length) return null;
  return block(
    "重複・転載 (duplicates)",
    h(
      "ul",
      { class: "side-list" },
      groups.flatMap((g) =>
        g.doc_ids.map((id) =>
          h("li", {}, docLink(routes.doc(id), id), h("span", { class: "meta" }, ` 類似度 ${Math.round((g.similarity || 0) * 100)}%`)),
        ),
      ),
    ),
  );
}

function contradictionPanel(doc) {
  const rows = doc.contradictions || [];
  if (!rows.length) return null;
  // a side in this document links to its sentence here, one in another page to that page
  const side = (label, docId, n) => {
    const here = docId === doc.doc_id;
    const text = here && doc.sentences && doc.sentences[n] ? doc.sentences[n].text : "";
    return h(
      "div",
      { class: "row" },
      h("span", { class: "side-label" }, label),
      h("a", { href: routes.doc(docId, n), title: text }, here ? `この記事の文${n + 1}` : `他の記事（${docId}）の文${n + 1}`),
    );
  };
  return block(
    `係争点 (contradictions) ${rows.length}`,
    h(
      "ul",
      { class: "side-list" },
      rows.map((c) =>
        h(
          "li",
          { class: "con-item" },
          side("主張", c.a_doc, c.a_sentence),
          side("否定", c.b_doc, c.b_sentence),
          c.cluster ? h("div", { class: "row links" }, h("a", { href: routes.compare(c.cluster) }, "媒体比較 →")) : null,
        ),
      ),
    ),
  );
}
