// hodo's web UI: a single page with hash routes (#/search, #/doc/<id>, …) over the REST
// API under /api. No build step, no dependencies; every view is a module exporting
// render(route) → {title, node, after?}.
import { getJSON } from "./api.js";
import { clear, errorBox, h } from "./dom.js";
import * as brief from "./view-brief.js";
import * as compare from "./view-compare.js";
import * as contradictions from "./view-contradictions.js";
import * as doc from "./view-doc.js";
import * as entity from "./view-entity.js";
import * as graph from "./view-graph.js";
import * as search from "./view-search.js";
import * as timeline from "./view-timeline.js";

const VIEWS = { search, doc, entity, timeline, compare, graph, contradictions, brief };
// the nav entry lit for each view
const SECTION = { doc: "search", entity: "search", compare: "timeline" };

/** {name, arg, params} of the current location hash, e.g. #/doc/<id>?s=3. */
export function parseHash(hash) {
  const raw = String(hash || "").replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  const parts = path.split("/").map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { name: parts[0] || "search", arg: parts.slice(1).join("/"), params };
}

let generation = 0; // a newer navigation makes older, slower renders obsolete

async function route() {
  const mine = ++generation;
  const r = parseHash(location.hash);
  const view = VIEWS[r.name];
  const main = document.getElementById("view");
  markNav(SECTION[r.name] || r.name);
  document.body.classList.add("loading");
  main.setAttribute("aria-busy", "true");
  let result;
  try {
    result = view
      ? await view.render(r)
      : failure(Object.assign(new Error(`不明なページです (unknown page): #/${r.name}`), { notFound: true }));
  } catch (err) {
    result = failure(err);
  }
  if (mine !== generation) return; // the reader has moved on
  document.body.classList.remove("loading");
  main.removeAttribute("aria-busy");
  clear(main).appendChild(result.node);
  main.dataset.view = r.name; // which view is showing (tests wait on it)
  document.title = `${result.title} — hodo`;
  if (result.after) {
    result.after();
  } else {
    window.scrollTo(0, 0);
    // screen readers start reading the new view at its heading
    const heading = main.querySelector("h1");
    if (heading) heading.focus({ preventScroll: true });
  }
}

/** A view that could not be shown: the server's message and a way back. */
function failure(err) {
  const title = err && (err.status === 404 || err.notFound) ? "見つかりません (not found)" : "エラー (error)";
  const node = h(
    "section",
    { class: "page" },
    h("header", { class: "page-head" }, h("h1", { tabindex: "-1" }, title)),
    errorBox(err),
    h("p", {}, h("a", { href: "#/search" }, "← 記事検索へ戻る")),
  );
  return { title, node };
}

function markNav(section) {
  for (const a of document.querySelectorAll(".nav a")) {
    const on = a.dataset.route === section;
    a.classList.toggle("active", on);
    if (on) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function showStats() {
  const box = document.getElementById("stats");
  try {
    const s = await getJSON("/api/stats");
    const items = [
      ["記事", s.documents],
      ["媒体", s.outlets],
      ["実体", s.entities],
      ["事象", s.events],
      ["クラスタ", s.clusters],
      ["係争", s.contradictions],
    ];
    clear(box);
    for (const [label, n] of items) {
      box.appendChild(h("div", { class: "stat" }, h("dt", {}, label), h("dd", {}, String(n ?? "–"))));
    }
    if (s.first_published) {
      box.setAttribute("title", `掲載日 ${s.first_published.slice(0, 10)}〜${(s.last_published || "").slice(0, 10)}`);
    }
  } catch {
    clear(box); // the views report the error themselves
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  showStats();
  route();
});
