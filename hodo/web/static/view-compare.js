// #/compare/<cluster_id>: one event as each outlet tells it, side by side.
import { getJSON, routes } from "./api.js";
import { empty, h } from "./dom.js";
import { ROLES, eventBadge, fmtDate, fmtPeriod, modeLabel, statusBadge, typeLabel } from "./labels.js";
import { block, docLink, page } from "./ui.js";

export async function render(route) {
  const c = await getJSON("/api/clusters/" + encodeURIComponent(route.arg));
  const byDoc = new Map(); // one card per document, with all its events in the cluster
  for (const m of c.members || []) {
    if (!byDoc.has(m.doc_id)) byDoc.set(m.doc_id, []);
    byDoc.get(m.doc_id).push(m);
  }
  const outlets = new Set((c.members || []).map((m) => m.outlet).filter(Boolean));
  const denials = (c.members || []).filter((m) => m.denies).length;
  const lead = [
    fmtPeriod(c.time, c.time_end),
    `${byDoc.size}記事・${outlets.size}媒体・${c.n_events ?? (c.members || []).length}件の記述`,
    denials ? `否定 ${denials}件` : null,
  ].filter(Boolean).join("　");
  const node = page(
    `${typeLabel(c.type)}：媒体比較`,
    lead,
    h("p", { class: "crumbs" }, eventBadge(c.type), h("span", { class: "muted" }, `クラスタ ${c.id}`)),
    byDoc.size ? h("div", { class: "cards", role: "list" }, [...byDoc.values()].map(card)) : empty("記述がありません。"),
    contradictions(c),
  );
  return { title: `媒体比較：${typeLabel(c.type)} ${fmtPeriod(c.time, c.time_end)}`, node };
}

function card(members) {
  const first = members[0];
  const denies = members.some((m) => m.denies);
  return h(
    "article",
    { class: ["card", denies && "denial"], role: "listitem" },
    h(
      "header",
      { class: "card-head" },
      h("div", { class: "outlet" }, first.outlet || "媒体不明"),
      h("div", { class: "meta" }, fmtDate(first.published)),
      docLink(routes.doc(first.doc_id, first.sentence), first.title),
    ),
    members.map(telling),
  );
}

/** One member event: status, its time, the sentence with the trigger marked, who. */
function telling(m) {
  return h(
    "div",
    { class: ["telling", m.denies && "denial"] },
    h(
      "div",
      { class: "row" },
      statusBadge(m.status),
      m.denies ? h("span", { class: "denial-flag" }, "否定する報道") : null,
      m.mode ? h("span", { class: "mode" }, modeLabel(m.mode)) : null,
      h("span", { class: "when" }, m.time ? fmtPeriod(m.time) : "日付不明"),
    ),
    h("blockquote", { class: "sentence" }, highlightTrigger(m.sentence_text || "（文が見つかりません）", m.trigger)),
    participants(m.participants || {}),
    h("a", { class: "sent-link", href: routes.doc(m.doc_id, m.sentence) }, `記事の文${m.sentence + 1}を開く →`),
  );
}

/** The sentence with the first occurrence of its trigger word in <mark class="trigger">. */
function highlightTrigger(text, trigger) {
  const i = trigger ? text.indexOf(trigger) : -1;
  if (i < 0) return text;
  return [text.slice(0, i), h("mark", { class: "trigger" }, trigger), text.slice(i + trigger.length)];
}

function participants(p) {
  const rows = Object.entries(ROLES)
    .filter(([role]) => (p[role] || []).length)
    .map(([role, label]) =>
      h(
        "div",
        {},
        h("dt", {}, label),
        h("dd", {}, p[role].map((e, i) => [i ? "、" : "", h("a", { href: routes.entity(e.id) }, e.name)])),
      ),
    );
  return rows.length ? h("dl", { class: "roles" }, rows) : null;
}

function contradictions(c) {
  const rows = c.contradictions || [];
  if (!rows.length) return null;
  const outletOf = new Map((c.members || []).map((m) => [m.doc_id, m.outlet || m.doc_id]));
  const where = (doc, n) => `${outletOf.get(doc) || doc} 文${n + 1}`;
  return block(
    `係争点 ${rows.length}件`,
    h(
      "ul",
      { class: "plain" },
      rows.map((r) =>
        h(
          "li",
          {},
          h("span", { class: "badge badge-denial" }, r.kind === "denial" ? "否定" : r.kind),
          " 主張 ",
          h("a", { href: routes.doc(r.a_doc, r.a_sentence) }, where(r.a_doc, r.a_sentence)),
          " ↔ 否定 ",
          h("a", { href: routes.doc(r.b_doc, r.b_sentence) }, where(r.b_doc, r.b_sentence)),
        ),
      ),
    ),
  );
}
