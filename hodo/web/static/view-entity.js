// #/entity/<entity_id>: an entity's names, counts, company, documents and clusters.
import { ApiError, getJSON, routes } from "./api.js";
import { empty, errorBox, h, link, token } from "./dom.js";
import { ROLES, entityBadge, entityTypeLabel, fmtDate } from "./labels.js";
import { block, docLink } from "./ui.js";
import { timelineView } from "./view-timeline.js";

export async function render(route) {
  const e = await lookup(route.arg);
  const timeline = await getJSON("/api/timeline", { entity: e.id }).catch((err) => err);
  const node = h(
    "section",
    { class: "page entity-page" },
    header(e),
    h(
      "div",
      { class: "entity-grid" },
      h(
        "div",
        { class: "main-col" },
        block(
          "事象の流れ (clusters over time)",
          timeline instanceof Error ? errorBox(timeline) : timelineView(timeline, {}, { compact: true }),
        ),
        documents(e),
      ),
      h("aside", { class: "side" }, company(e), aliases(e)),
    ),
  );
  return { title: e.name, node };
}

/**
 * The entity with this id, else the one written this way (#/entity/プーチン works too:
 * the filters of the other views accept names, and link here with them).
 */
async function lookup(arg) {
  let notFound = new ApiError(404, `no entity called '${arg}' in the store`);
  if (/^[A-Za-z0-9:_.-]{1,100}$/.test(arg)) {
    try {
      return await getJSON("/api/entities/" + encodeURIComponent(arg));
    } catch (err) {
      if (err.status !== 404) throw err;
      notFound = err;
    }
  }
  const found = await getJSON("/api/entities", { q: arg, limit: 20 });
  const best = found.find((x) => x.name === arg) || found[0];
  if (!best) throw notFound;
  return getJSON("/api/entities/" + encodeURIComponent(best.id));
}

function header(e) {
  const qid = typeof e.wikidata === "string" && /^Q\d+$/.test(e.wikidata) ? e.wikidata : null;
  const roles = Object.entries(e.event_roles || {}).map(([r, n]) => `${ROLES[r] || r} ${n}`);
  const p = { entity: e.id };
  return h(
    "header",
    { class: "page-head entity-head" },
    h("h1", { tabindex: "-1" }, e.name, " ", entityBadge(e.type)),
    h(
      "p",
      { class: "facts" },
      h("span", {}, `記事 ${e.documents}本`),
      h("span", {}, `言及 ${e.mentions}回`),
      roles.length ? h("span", {}, `事象での役割：${roles.join("、")}`) : null,
      qid ? link(`https://www.wikidata.org/wiki/${qid}`, { class: "ext" }, `Wikidata ${qid}`) : h("span", { class: "muted" }, `ID ${e.id}`),
    ),
    h(
      "nav",
      { class: "actions", "aria-label": "この実体について" },
      h("a", { class: "button", href: routes.timeline(p) }, "タイムライン"),
      h("a", { class: "button", href: routes.brief(p) }, "ブリーフィング"),
      h("a", { class: "button", href: routes.graph(p) }, "関係図"),
      h("a", { class: "button", href: routes.contradictions(p) }, "係争点"),
      h("a", { class: "button", href: routes.search(p) }, "記事を検索"),
    ),
  );
}

function aliases(e) {
  const names = (e.aliases || []).filter((a) => a !== e.name);
  return block("表記 (aliases)", names.length ? h("ul", { class: "chips" }, names.map((a) => h("li", { class: "chip plain" }, a))) : empty("なし"));
}

function company(e) {
  const co = e.co_occurring || [];
  return block(
    "共起する実体 (co-occurring)",
    co.length
      ? h(
          "ul",
          { class: "chips" },
          co.map((c) =>
            h(
              "li",
              {},
              h(
                "a",
                { class: ["chip", "ent", token("ent-", c.type)], href: routes.entity(c.id), title: `${entityTypeLabel(c.type)}・${c.documents}記事で共起` },
                c.name,
                h("span", { class: "n" }, String(c.documents)),
              ),
            ),
          ),
        )
      : empty("なし"),
  );
}

function documents(e) {
  const docs = e.document_list || [];
  return block(
    `記事 (documents) ${e.documents}`,
    docs.length
      ? h(
          "ul",
          { class: "doc-list" },
          docs.map((d) =>
            h(
              "li",
              {},
              docLink(routes.doc(d.doc_id), d.title),
              h("span", { class: "meta" }, `${d.outlet || "媒体不明"} · ${fmtDate(d.published)} · 言及${d.mentions}回`),
            ),
          ),
        )
      : empty("なし"),
  );
}
