// The REST API (same origin) and the UI's own routes (#/…).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** "?a=1&b=x" from an object; empty values are left out, arrays repeat the key. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== "" && v !== false) q.append(key, String(v));
    }
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

// FastAPI answers {"detail": "…"} for our errors and {"detail": [{loc, msg}, …]} for
// parameters that fail validation (422).
function describe(detail, fallback) {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d) => {
        const where = Array.isArray(d.loc) ? d.loc.filter((x) => x !== "query").join(".") : "";
        return (where ? where + ": " : "") + (d.msg || "invalid");
      })
      .join("; ");
  }
  return fallback;
}

/** GET a JSON answer; an HTTP error becomes an ApiError carrying the server's message. */
export async function getJSON(path, params) {
  let res;
  try {
    res = await fetch(path + query(params), { headers: { Accept: "application/json" } });
  } catch {
    throw new ApiError(0, "サーバーに接続できません (cannot reach the server)");
  }
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, describe(body && body.detail, res.statusText || "request failed"));
  }
  return res.json();
}

const enc = encodeURIComponent;

/** Hash routes of the UI. Ids are always encoded: they come from the store. */
export const routes = {
  search: (params) => "#/search" + query(params),
  doc: (docId, sentence) =>
    "#/doc/" + enc(docId) + (Number.isInteger(sentence) ? "?s=" + sentence : ""),
  entity: (id) => "#/entity/" + enc(id),
  compare: (clusterId) => "#/compare/" + enc(clusterId),
  timeline: (params) => "#/timeline" + query(params),
  graph: (params) => "#/graph" + query(params),
  contradictions: (params) => "#/contradictions" + query(params),
  brief: (params) => "#/brief" + query(params),
};

// Lists that do not change while the page is open are fetched once.
const cache = new Map();
export function cached(path, params) {
  const key = path + query(params);
  if (!cache.has(key)) {
    const p = getJSON(path, params);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key);
}
