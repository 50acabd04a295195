// The newsevents dashboard: filters, a map, a timeline, a table and an event's evidence, all over
// the server's own API. Everything from the database (article text above all) is untrusted: it is
// put in the page as text nodes (textContent), never parsed as HTML.
"use strict";

const TYPE_COLOURS = {
  AGREE: "#2e8b57", CONSULT: "#3cb4a0", SUPPORT: "#6ab04c", CONCEDE: "#9acd32", COOPERATE: "#1e90ff",
  AID: "#00a3d9", RETREAT: "#8fa3b8", REQUEST: "#7b68ee", ACCUSE: "#c77dff", REJECT: "#b5179e",
  THREATEN: "#ff8c00", PROTEST: "#f4c20d", SANCTION: "#a0522d", MOBILIZE: "#e07b39", COERCE: "#d7263d",
  ASSAULT: "#8b0000",
};
const STATUSES = ["occurred", "ongoing", "planned", "claimed", "denied", "hypothetical"];
const FILTERS = ["q", "type", "status", "country", "since", "until", "min_confidence"];
const PAGE = 100;

const state = { cursors: [null], page: 0, days: [] };

// -- small helpers ----------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;   // CSSOM: allowed by a policy without inline styles
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function say(message) { document.getElementById("status").textContent = message || ""; }

function filters() {
  const out = {};
  for (const name of FILTERS) {
    const value = document.getElementById(`f-${name}`).value.trim();
    if (value) out[name] = value;
  }
  return out;
}

async function api(path, params) {
  const query = new URLSearchParams(params || {}).toString();
  const response = await fetch(query ? `${path}?${query}` : path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  return body;
}

function actorText(actor) {
  if (!actor) return "";
  const code = [actor.country, actor.sector].filter(Boolean).join(" ");
  return `${actor.text || actor.name}${code ? ` (${code})` : ""}`;
}

function countsText(counts) {
  return Object.entries(counts || {}).map(([kind, c]) => `${kind} ${c.text || c.min}`).join(", ");
}

function summaryCounts(row) {
  return ["killed", "injured", "detained", "troops", "participants", "displaced"]
    .filter((k) => row[`${k}_min`]).map((k) => `${k} ${row[`${k}_min`]}`).join(", ");
}

function swatch(type) { return el("span", { class: "swatch", style: `background:${TYPE_COLOURS[type] || "#888"}` }); }

function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

// -- map ---------------------------------------------------------------------------------------

// no tile layer sets a zoom range, and the clusters need one
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([15, 20], 2);
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution("Outlines: Natural Earth · Leaflet");
const clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45 });
map.addLayer(clusters);
const cells = L.layerGroup().addTo(map);

fetch("/static/countries.geojson").then((r) => r.json()).then((world) => {
  L.geoJSON(world, { interactive: false, style: { color: "#8aa0b4", weight: 0.7, fillColor: "#f6f3ea", fillOpacity: 1 } })
    .addTo(map).bringToBack();
});

function markerFor(feature) {
  const p = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  const colour = TYPE_COLOURS[p.type] || "#888";
  const radius = 5 + 3 * Math.log10(1 + (p.size || 0));
  const marker = L.circleMarker([lat, lon], {
    radius, color: "#333", weight: 0.8, fillColor: colour, fillOpacity: 0.85,
    className: `event-marker type-${p.type}`,
  });
  marker.bindTooltip(() => el("span", {}, `${p.type} · ${p.status} · ${p.date || "no date"} · ${p.location_name || ""}`));
  marker.on("click", () => openEvent(p.id));
  return marker;
}

function cellMarker(feature) {
  // many events: one marker per area, its count, coloured by its most common type
  const p = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  const px = Math.round(22 + 8 * Math.log10(p.n));
  const label = el("div", { class: "cell-marker", style: `width:${px}px;height:${px}px;line-height:${px}px;background:${TYPE_COLOURS[p.type] || "#888"}` },
    p.n >= 10000 ? `${Math.round(p.n / 1000)}k` : String(p.n));
  const marker = L.marker([lat, lon], { icon: L.divIcon({ html: label, className: "", iconSize: [px, px] }) });
  marker.bindTooltip(() => el("span", {}, `${p.n.toLocaleString()} events, mostly ${p.type}: zoom in`));
  marker.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 2, map.getMaxZoom())));
  return marker;
}

function viewBox() {
  const b = map.getBounds();
  const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
  const south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
  if (east - west >= 359 || west >= east) return `-180,${south.toFixed(3)},180,${north.toFixed(3)}`;
  return [west, south, east, north].map((x) => x.toFixed(3)).join(",");
}

let mapGeneration = 0;
async function loadMap(params) {
  // The events in view, one by one while they are few enough, else counted by area (server side):
  // the browser never holds more than a few thousand markers, whatever the database holds.
  const mine = ++mapGeneration;
  const data = await api("/map", { ...params, bbox: viewBox(), zoom: map.getZoom() });
  if (mine !== mapGeneration) return;
  clusters.clearLayers();
  cells.clearLayers();
  if (data.kind === "events") clusters.addLayers(data.features.map(markerFor));
  else data.features.forEach((f) => cells.addLayer(cellMarker(f)));
  document.getElementById("map-note").textContent = data.kind === "events"
    ? `Map: ${data.total.toLocaleString()} placed event${data.total === 1 ? "" : "s"} in view`
    : `Map: ${data.total.toLocaleString()} placed events in view, counted by area; zoom in to see them one by one`;
}

let moveTimer = null;
map.on("moveend", () => {
  clearTimeout(moveTimer);
  moveTimer = setTimeout(() => loadMap(filters()).catch((e) => say(e.message)), 150);
});

// -- timeline ----------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function dayIndex(iso) { return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000); }
function isoOf(index) { return new Date(index * 86400000).toISOString().slice(0, 10); }

function drawTimeline() {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  const days = state.days;
  if (!days.length) return;
  const width = box.clientWidth || 600, height = 96, bottom = 14;
  const first = dayIndex(days[0].key), last = dayIndex(days[days.length - 1].key);
  const span = Math.max(1, last - first + 1);
  const max = Math.max(...days.map((d) => d.n));
  const since = document.getElementById("f-since").value, until = document.getElementById("f-until").value;
  const bw = Math.max(1, width / span - 1);
  for (const d of days) {
    const x = ((dayIndex(d.key) - first) / span) * width;
    const h = Math.max(1, (d.n / max) * (height - bottom - 4));
    const out = (since && d.key < since) || (until && d.key > until);
    const bar = svg("rect", { x, y: height - bottom - h, width: bw, height: h, class: out ? "bar out" : "bar" });
    const title = svg("title", {});
    title.textContent = `${d.key}: ${d.n}`;
    bar.append(title);
    box.append(bar);
  }
  for (const [text, anchor, x] of [[days[0].key, "start", 0], [days[days.length - 1].key, "end", width]]) {
    const label = svg("text", { x, y: height - 2, "text-anchor": anchor });
    label.textContent = text;
    box.append(label);
  }
  state.timeline = { first, span, width };
}

function timelineDay(event) {
  const { first, span, width } = state.timeline || {};
  if (!width) return null;
  const rect = document.getElementById("timeline").getBoundingClientRect();
  const x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width);
  return isoOf(first + Math.floor((x / rect.width) * span));
}

function setupBrush() {
  const box = document.getElementById("timeline");
  let start = null, brush = null;
  box.addEventListener("mousedown", (event) => {
    start = event.clientX;
    brush = svg("rect", { class: "brush", y: 0, height: 82, x: event.clientX - box.getBoundingClientRect().left, width: 0 });
    box.append(brush);
  });
  window.addEventListener("mousemove", (event) => {
    if (start === null) return;
    const left = box.getBoundingClientRect().left;
    brush.setAttribute("x", Math.min(start, event.clientX) - left);
    brush.setAttribute("width", Math.abs(event.clientX - start));
  });
  window.addEventListener("mouseup", (event) => {
    if (start === null) return;
    const moved = Math.abs(event.clientX - start) > 3;
    const a = timelineDay({ clientX: Math.min(start, event.clientX) });
    const b = timelineDay({ clientX: Math.max(start, event.clientX) });
    start = null;
    if (!moved || !a) { drawTimeline(); return; }
    document.getElementById("f-since").value = a;
    document.getElementById("f-until").value = b;
    refresh({ timeline: false });
  });
  box.addEventListener("dblclick", () => {
    document.getElementById("f-since").value = "";
    document.getElementById("f-until").value = "";
    refresh({ timeline: false });
  });
}

async function loadTimeline(params, known) {
  const { since, until, ...rest } = params;   // the timeline shows every day; the brush picks some
  const stats = known || await api("/stats", rest);
  state.days = stats.by_day;
  drawTimeline();
  return stats;
}

// -- table -------------------------------------------------------------------------------------

async function loadTable(params) {
  const cursor = state.cursors[state.page];
  const query = { ...params, limit: PAGE, sort: "-date" };
  if (cursor) query.cursor = cursor;
  if (state.page === 0) query.total = "true";
  const data = await api("/events", query);
  const body = document.querySelector("#events tbody");
  body.replaceChildren(...data.events.map((e) => el("tr", { "data-id": e.id, onclick: () => openEvent(e.id) },
    el("td", {}, e.date || ""), el("td", {}, swatch(e.type), e.type), el("td", {}, e.status),
    el("td", {}, actorText(e.actor1)), el("td", {}, actorText(e.actor2)),
    el("td", {}, e.location ? `${e.location.name || e.location.text}${e.location.country ? `, ${e.location.country}` : ""}` : ""),
    el("td", {}, countsText(e.counts)), el("td", {}, (e.confidence ?? "").toString()))));
  state.cursors[state.page + 1] = data.next;
  if (data.total !== undefined) state.total = data.total;
  document.getElementById("total").textContent = `${(state.total || 0).toLocaleString()} event${state.total === 1 ? "" : "s"} match${state.total === 1 ? "es" : ""}`;
  document.getElementById("page-no").textContent = ` page ${state.page + 1} `;
  document.getElementById("prev").disabled = state.page === 0;
  document.getElementById("next").disabled = !data.next;
}

// -- event panel and article view -----------------------------------------------------------------

function highlighted(text, spans, offset = 0) {
  // The text as text nodes, each extracted span a <mark> with its label (like displaCy); spans
  // may nest ("[[more than 300] protesters]") but never cross.
  const sorted = spans.map((s) => ({ ...s, start: s.start - offset, end: s.end - offset }))
    .filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  function render(from, to, list) {
    const out = [];
    let at = from, i = 0;
    while (i < list.length) {
      const span = list[i];
      if (span.start < at) { i += 1; continue; }
      const inner = [];
      let j = i + 1;
      for (; j < list.length && list[j].start < span.end; j += 1) if (list[j].end <= span.end) inner.push(list[j]);
      out.push(text.slice(at, span.start));
      out.push(el("mark", { class: `hl hl-${span.label}`, title: span.label }, ...render(span.start, span.end, inner),
        el("span", { class: "hl-label" }, span.label)));
      at = span.end;
      i = j;
    }
    out.push(text.slice(at, to));
    return out;
  }
  return render(0, text.length, sorted);
}

function relevanceOf(article) {
  if (!article || (article.relevance_label == null && article.relevance == null)) return null;
  const score = typeof article.relevance === "number" ? article.relevance.toFixed(2) : article.relevance;
  return el("span", { class: "relevance", title: "the coder's relevance label and score for this article" },
    `relevance: ${article.relevance_label ?? "?"}${score != null ? ` (${score})` : ""}`);
}

function showPanel(...content) {
  document.getElementById("panel-body").replaceChildren(...content);
  document.getElementById("panel").hidden = false;
}

async function openEvent(id) {
  let e;
  try { e = await api(`/events/${encodeURIComponent(id)}`); } catch (err) { say(err.message); return; }
  const rows = [
    ["Type", `${e.type}${e.mode ? ` / ${e.mode}` : ""}`], ["CAMEO", e.cameo], ["ACLED", [e.acled_type, e.acled_subtype].filter(Boolean).join(" / ")],
    ["Status", e.status], ["Who", actorText(e.actor1)], ["Whom", actorText(e.actor2)],
    ["When", [e.date, e.date_end && e.date_end !== e.date ? `to ${e.date_end}` : "", e.date_text ? `("${e.date_text}")` : ""].filter(Boolean).join(" ")],
    ["Where", e.location ? [e.location.name || e.location.text, e.location.admin1, e.location.country, e.location.precision && `(${e.location.precision})`].filter(Boolean).join(", ") : ""],
    ["Counts", countsText(e.counts)], ["Said by", e.attribution ? e.attribution.text : ""], ["Confidence", e.confidence],
  ];
  const mentions = e.mentions.map((m) => el("div", { class: "mention" },
    el("div", { class: "meta" },
      el("a", { class: "link article-link", onclick: () => openArticle(m.article_id, e.id) }, (m.article && m.article.title) || m.article_id),
      m.article && m.article.published ? ` · ${m.article.published}` : "",
      m.article && m.article.site ? ` · ${m.article.site}` : "", " ", relevanceOf(m.article),
      m.article && safeUrl(m.article.url) ? el("span", {}, " · ", el("a", { href: safeUrl(m.article.url), target: "_blank", rel: "noopener noreferrer" }, "original")) : ""),
    el("p", { class: "sentence" }, ...highlighted(m.sentence || "", m.spans || []))));
  showPanel(
    el("h2", {}, swatch(e.type), `${e.type} · ${e.status}`),
    el("dl", { class: "codes" }, ...rows.filter(([, v]) => v !== "" && v != null).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))])),
    el("h3", {}, `Sources (${e.mentions.length})`), ...mentions);
  document.getElementById("panel").dataset.event = e.id;
}

async function openArticle(id, fromEvent) {
  let a;
  try { a = await api(`/articles/${encodeURIComponent(id)}`); } catch (err) { say(err.message); return; }
  const text = a.text || "";
  const parts = [];
  let at = 0;
  for (const item of a.events) {
    if (item.start == null || item.start < at) continue;
    parts.push(text.slice(at, item.start));
    const inside = item.spans.filter((s) => s.start >= item.start && s.end <= item.end);
    parts.push(el("mark", { class: "event-sentence", title: `${item.record.type} (${item.record.status})`, onclick: () => openEvent(item.event_id) },
      ...highlighted(text.slice(item.start, item.end), inside, item.start)));
    at = item.end;
  }
  parts.push(text.slice(at));
  showPanel(
    fromEvent ? el("a", { class: "link", onclick: () => openEvent(fromEvent) }, "← back to the event") : "",
    el("h2", {}, a.title || "(untitled article)"),
    el("div", { class: "meta" }, [a.published, a.site, a.author].filter(Boolean).join(" · "), " ", relevanceOf(a),
      safeUrl(a.url) ? el("span", {}, " · ", el("a", { href: safeUrl(a.url), target: "_blank", rel: "noopener noreferrer" }, safeUrl(a.url))) : ""),
    el("p", { class: "meta" }, `${a.events.length} event mention(s); click a marked sentence for its event`),
    el("div", { class: "article-text" }, ...parts));
}

// -- wiring ------------------------------------------------------------------------------------

let generation = 0;
async function refresh({ timeline = true, stats = null } = {}) {
  const params = filters();
  const mine = ++generation;
  state.cursors = [null];
  state.page = 0;
  say("loading…");
  try {
    await Promise.all([loadMap(params), loadTable(params), timeline ? loadTimeline(params, stats) : Promise.resolve(drawTimeline())]);
    if (mine === generation) say("");
  } catch (err) {
    if (mine === generation) say(err.message);
  }
}

async function fillChoices(stats) {
  const add = (id, values) => document.getElementById(id).append(...values.map((v) => el("option", { value: v }, v)));
  add("f-type", stats.by_type.map((t) => t.key));
  add("f-status", STATUSES);
  add("f-country", stats.by_country.map((c) => c.key).sort());
  return stats;
}

document.getElementById("filters").addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
for (const id of ["f-type", "f-status", "f-country", "f-since", "f-until"]) {
  // a date changes the brushed range, not the timeline's bars
  document.getElementById(id).addEventListener("change", () => refresh({ timeline: id !== "f-since" && id !== "f-until" }));
}
document.getElementById("reset").addEventListener("click", () => {
  for (const name of FILTERS) document.getElementById(`f-${name}`).value = "";
  refresh();
});
document.getElementById("next").addEventListener("click", () => { state.page += 1; loadTable(filters()).catch((e) => say(e.message)); });
document.getElementById("prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); loadTable(filters()).catch((e) => say(e.message)); });
document.getElementById("panel-close").addEventListener("click", () => { document.getElementById("panel").hidden = true; });
window.addEventListener("resize", () => { drawTimeline(); map.invalidateSize(); });
setupBrush();
// first load: the unfiltered stats fill the choices and draw the timeline; map and table in parallel
api("/stats").then(fillChoices).then((stats) => refresh({ stats }))
  .catch((e) => say(e.message)).then(() => { document.body.dataset.ready = "1"; });
