// recoupe web page: hash routes over the JSON API, plain DOM, no dependencies.
// Routes: #/ (stories), #/story/ID, #/article/ID, #/compare/A/B, #/speakers, #/speaker/NAME,
// #/entities, #/search/QUERY.
"use strict";

const main = document.getElementById("main");

// --- small helpers ---------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "html") e.innerHTML = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const enc = encodeURIComponent;
const link = (href, text, cls) => el("a", { href, class: cls }, text);
const articleHref = (id) => `#/article/${enc(id)}`;
const storyHref = (id) => `#/story/${enc(id)}`;
const speakerHref = (name) => `#/speaker/${enc(name)}`;
const compareHref = (a, b) => `#/compare/${enc(a)}/${enc(b)}`;

function firstLine(text, max = 110) {
  const line = (text || "").split("\n")[0].trim();
  return line.length > max ? line.slice(0, max).replace(/\s+\S*$/, "") + "…" : line;
}
const headline = (a) => (a.title && a.title.trim()) || firstLine(a.lead || a.text || a.id);
const outlet = (a) => a.source || "unknown outlet";
const dateOf = (a) => a.published || "undated";
function span(first, last) {
  if (!first && !last) return "undated";
  return first === last || !last ? first : `${first || "?"} → ${last}`;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
  return body;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
  window.scrollTo(0, 0);
}

// Renders `text` as paragraphs (split on "\n") with highlighted ranges.
// ranges: [{start, end, cls, title, data}] in character (code point) offsets; overlaps are clipped.
function highlighted(text, ranges, container) {
  const chars = Array.from(text);
  const sorted = ranges
    .filter((r) => r.end > r.start)
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const clean = [];
  let reach = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, reach);
    if (start >= r.end) continue;
    clean.push({ ...r, start });
    reach = r.end;
  }
  let p = el("p");
  container.append(p);
  const emit = (from, to, r) => {
    const parts = chars.slice(from, to).join("").split("\n");
    parts.forEach((part, i) => {
      if (i > 0) {
        p = el("p");
        container.append(p);
      }
      if (!part) return;
      if (!r) p.append(document.createTextNode(part));
      else {
        const m = el("mark", { class: r.cls, title: r.title }, part);
        for (const [k, v] of Object.entries(r.data || {})) m.dataset[k] = v;
        p.append(m);
      }
    });
  };
  let at = 0;
  for (const r of clean) {
    if (r.start > at) emit(at, r.start, null);
    emit(r.start, Math.min(r.end, chars.length), r);
    at = r.end;
  }
  if (at < chars.length) emit(at, chars.length, null);
  return container;
}

// --- pages -----------------------------------------------------------------------------------

function storyCard(s) {
  return el("li", { class: "card story" },
    el("h3", {}, link(storyHref(s.id), s.label || s.title || s.id)),
    el("div", { class: "counts" },
      el("span", {}, span(s.first, s.last)),
      s.event_date ? el("span", {}, `event ${s.event_date}`) : null,
      el("span", {}, `${s.articles} article${s.articles === 1 ? "" : "s"}`),
      el("span", {}, `${s.quotes} quote${s.quotes === 1 ? "" : "s"}`)),
    el("div", {}, s.outlets.length ? s.outlets.map((o) => el("span", { class: "chip" }, o))
      : el("span", { class: "meta" }, "outlet unknown")));
}

async function storiesPage(params) {
  const offset = Number(params.get("offset") || 0);
  const limit = 30;
  const page = await api(`/api/stories?offset=${offset}&limit=${limit}`);
  const pager = el("div", { class: "pager" },
    offset > 0 ? link(`#/?offset=${Math.max(0, offset - limit)}`, "← newer") : el("span"),
    offset + limit < page.total ? link(`#/?offset=${offset + limit}`, "older →") : el("span"));
  show(el("h1", {}, "Stories"),
    el("p", { class: "meta" }, `${page.total} stories, newest first`),
    el("ul", { class: "list stories" }, page.items.map(storyCard)), pager);
}

function quotesBySpeaker(quotes, withArticle) {
  const groups = new Map();
  for (const q of quotes) {
    const k = q.speaker || "unattributed";
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(q);
  }
  return el("div", { class: "who" }, [...groups.entries()].map(([name, qs]) =>
    el("div", { class: "card" },
      el("h3", {}, name === "unattributed" ? el("span", { class: "muted" }, name) : link(speakerHref(name), name)),
      qs.map((q) => el("blockquote", {}, "« ", q.text, " »",
        withArticle ? el("div", { class: "meta" }, link(articleHref(q.article), withArticle(q.article))) : null)))));
}

async function storyPage(id) {
  const s = await api(`/api/stories/${enc(id)}`);
  const names = new Map(s.articles_list.map((a) => [a.id, `${outlet(a)}, ${dateOf(a)}`]));
  const nodes = [
    el("h1", {}, s.label || s.title || s.id),
    el("p", { class: "meta" }, `${span(s.first, s.last)}${s.event_date ? ` · event ${s.event_date}` : ""} · ${s.articles} article${s.articles === 1 ? "" : "s"} · `,
      s.outlets.length ? s.outlets.join(", ") : "outlet unknown"),
    el("h2", {}, "Timeline"),
    el("ul", { class: "list timeline" }, s.articles_list.map((a, i) => el("li", { class: "card" },
      el("div", { class: "meta" }, `${dateOf(a)} · ${outlet(a)}`),
      el("h3", {}, link(articleHref(a.id), headline(a))),
      el("div", { class: "muted" }, firstLine(a.lead, 220)),
      i > 0 ? el("div", { class: "meta" }, link(compareHref(s.articles_list[i - 1].id, a.id), "compare with the previous article")) : null))),
  ];
  if (s.storyline_stories.length > 1) {
    nodes.push(el("h2", {}, "Storyline"),
      el("ol", { class: "storyline" }, s.storyline_stories.map((o) => el("li", {},
        link(storyHref(o.id), o.label || o.title || o.id, o.id === s.id ? "current" : null),
        el("span", { class: "meta" }, ` ${span(o.first, o.last)} · ${o.articles} articles`)))));
  }
  nodes.push(el("h2", {}, "Who said what"),
    s.quotes_list.length ? quotesBySpeaker(s.quotes_list, (aid) => names.get(aid) || aid)
      : el("p", { class: "muted" }, "No quotation found in these articles."));
  show(...nodes);
}

async function articlePage(id) {
  const [a, reuse] = await Promise.all([api(`/api/articles/${enc(id)}`), api(`/api/articles/${enc(id)}/reuse`)]);
  const ranges = a.quotes.map((q, i) => ({
    start: q.start, end: q.end, cls: "quote", title: q.speaker ? `${q.speaker}` : "unattributed quote", data: { q: i },
  }));
  const body = highlighted(a.text, ranges, el("div", { class: "article-text" }));
  const nodes = [
    el("div", { class: "meta" }, `${dateOf(a)} · ${outlet(a)} · ${a.language}`,
      /^https?:\/\//i.test(a.url || "") ? [" · ", el("a", { href: a.url, rel: "noopener noreferrer" }, "original")] : null),
    el("h1", {}, a.title || firstLine(a.text)),
    a.stories.length ? el("p", { class: "meta" }, "Story: ", a.stories.map((s) => link(storyHref(s.id), s.title || s.id))) : null,
    a.quotes.length ? el("p", { class: "legend" }, el("mark", { class: "quote" }, "highlighted"),
      ` ${a.quotes.length} quotation${a.quotes.length === 1 ? "" : "s"} (hover for the speaker)`) : null,
    body,
  ];
  if (a.dropped.length) {
    nodes.push(el("details", { class: "dropped" },
      el("summary", {}, `Show the ${a.dropped.length} block${a.dropped.length === 1 ? "" : "s"} removed as boilerplate`),
      el("ul", { class: "list" }, a.dropped.map((d) => el("li", {},
        el("span", { class: "reason" }, `line ${d.line}: ${d.explanation}`), " ",
        el("span", { class: "text" }, d.text))))));
  }
  if (a.comments.length) {
    nodes.push(el("details", {}, el("summary", {}, `Show ${a.comments.length} reader comment(s)`),
      el("ul", {}, a.comments.map((c) => el("li", {}, c)))));
  }
  if (a.quotes.length) nodes.push(el("h2", {}, "Who said what"), quotesBySpeaker(a.quotes, null));
  nodes.push(el("h2", {}, "Shares text with"), reuse.length
    ? el("ul", { class: "list" }, reuse.map((r) => el("li", { class: "card" },
      el("h3", {}, link(compareHref(a.id, r.other.id), headline(r.other))),
      el("div", { class: "counts" }, el("span", {}, `${outlet(r.other)}, ${dateOf(r.other)}`),
        el("span", {}, r.kind.replace("_", " ")), el("span", {}, `similarity ${r.similarity.toFixed(2)}`),
        el("span", {}, `${r.passages.length} shared passage${r.passages.length === 1 ? "" : "s"}`)))))
    : el("p", { class: "muted" }, "No other stored article shares text with this one."));
  if (a.entities.length) {
    nodes.push(el("h2", {}, "Entities"), el("div", {}, a.entities.map((e) =>
      el("span", { class: `chip kind-${e.type}`, title: e.mentions.join(" · ") }, `${e.name} (${e.type})`))));
  }
  show(...nodes);
}

async function comparePage(a, b) {
  const c = await api(`/api/compare?a=${enc(a)}&b=${enc(b)}`);
  const mk = (key) => c.passages.map((p, i) => ({
    start: key === "a" ? p.start : p.other_start, end: key === "a" ? p.end : p.other_end,
    cls: "shared", title: `shared passage ${i + 1}`, data: { p: i },
  }));
  const side = (s, key) => el("section", { class: "side", id: `side-${key}` },
    el("div", { class: "meta" }, `${dateOf(s)} · ${outlet(s)}`),
    el("h3", {}, link(articleHref(s.id), s.title || firstLine(s.text))),
    highlighted(s.text, mk(key), el("div")));
  const summary = c.kind
    ? `${c.kind.replace("_", " ")} · similarity ${c.similarity.toFixed(2)} · ${c.passages.length} shared passage${c.passages.length === 1 ? "" : "s"}`
      + (c.source ? ` · earlier: ${c.source === c.a.id ? "left" : "right"}` : "")
    : "These two articles share no passage.";
  show(el("h1", {}, "Side by side"), el("p", { class: "legend" },
    c.kind ? el("mark", { class: "shared" }, "shared text") : null, " ", summary),
  el("div", { class: "compare" }, side(c.a, "a"), side(c.b, "b")));
  // Hovering or tapping a passage lights up its counterpart on the other side.
  main.querySelectorAll("mark.shared").forEach((m) => {
    const on = (v) => main.querySelectorAll(`mark.shared[data-p="${m.dataset.p}"]`).forEach((x) => x.classList.toggle("hot", v));
    m.addEventListener("mouseenter", () => on(true));
    m.addEventListener("mouseleave", () => on(false));
    m.addEventListener("click", () => {
      const other = m.closest(".side").id === "side-a" ? "side-b" : "side-a";
      const t = main.querySelector(`#${other} mark.shared[data-p="${m.dataset.p}"]`);
      if (t) t.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  });
}

async function speakersPage() {
  const page = await api("/api/speakers?limit=500");
  show(el("h1", {}, "Speakers"), el("p", { class: "meta" }, `${page.total} speakers, most quoted first`),
    page.items.length ? el("table", {}, el("tr", {}, el("th", {}, "Speaker"), el("th", {}, "Quotes"), el("th", {}, "Articles")),
      page.items.map((s) => el("tr", {}, el("td", {}, link(speakerHref(s.name), s.name)), el("td", {}, s.quotes), el("td", {}, s.articles))))
      : el("p", { class: "muted" }, "No attributed quotation yet."));
}

async function speakerPage(name) {
  const s = await api(`/api/speakers/${enc(name)}`);
  show(el("h1", {}, s.name), el("p", { class: "meta" }, `${s.quotes.length} distinct quotation${s.quotes.length === 1 ? "" : "s"}`),
    el("ul", { class: "list" }, s.quotes.map((g) => el("li", { class: "card quote-group" },
      el("blockquote", {}, "« ", g.text, " »"),
      el("div", { class: "meta" }, g.occurrences.length > 1
        ? `repeated in ${g.occurrences.length} articles by ${g.outlets.length || "?"} outlet(s)` : "in one article"),
      el("ul", {}, g.occurrences.map((o) => el("li", {},
        link(articleHref(o.article), `${outlet(o)}, ${dateOf(o)}`), " — ", el("span", { class: "muted" }, o.title || o.article))))))));
}

async function entitiesPage() {
  const page = await api("/api/entities?limit=500");
  show(el("h1", {}, "Entities"), el("p", { class: "meta" }, `${page.total} entities, most mentioned first`),
    page.items.length ? el("table", {}, el("tr", {}, el("th", {}, "Name"), el("th", {}, "Type"), el("th", {}, "Articles"), el("th", {}, "Written as")),
      page.items.map((e) => el("tr", {}, el("td", {}, e.name), el("td", {}, e.type), el("td", {}, e.articles), el("td", { class: "muted" }, e.variants.join(" · ")))))
      : el("p", { class: "muted" }, "No entity yet."));
}

async function searchPage(q) {
  document.getElementById("q").value = q;
  const r = await api(`/api/search?q=${enc(q)}&limit=30`);
  const nodes = [el("h1", {}, `Search: ${q}`)];
  if (r.speakers.length) {
    nodes.push(el("h2", {}, "Speakers"), el("ul", { class: "list" }, r.speakers.map((s) =>
      el("li", { class: "card" }, link(speakerHref(s.name), s.name), el("span", { class: "meta" }, ` ${s.quotes} quote(s) in ${s.articles} article(s)`)))));
  }
  nodes.push(el("h2", {}, `${r.total} article${r.total === 1 ? "" : "s"}`),
    el("ul", { class: "list results" }, r.items.map((h) => el("li", { class: "card" },
      el("div", { class: "meta" }, `${dateOf(h)} · ${outlet(h)}`),
      el("h3", {}, link(articleHref(h.id), headline(h))),
      el("div", { class: "snippet", html: h.snippet })))));
  show(...nodes);
}

// --- router ----------------------------------------------------------------------------------

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || "");
  try {
    if (parts.length === 0) await storiesPage(params);
    else if (parts[0] === "story" && parts[1]) await storyPage(parts[1]);
    else if (parts[0] === "article" && parts[1]) await articlePage(parts[1]);
    else if (parts[0] === "compare" && parts[2]) await comparePage(parts[1], parts[2]);
    else if (parts[0] === "speakers") await speakersPage();
    else if (parts[0] === "speaker" && parts[1]) await speakerPage(parts[1]);
    else if (parts[0] === "entities") await entitiesPage();
    else if (parts[0] === "search" && parts[1]) await searchPage(parts[1]);
    else show(el("p", { class: "error" }, "Unknown page. "), link("#/", "Back to the stories"));
  } catch (e) {
    show(el("p", { class: "error" }, `Error: ${e.message}`), link("#/", "Back to the stories"));
  }
  document.body.dataset.ready = hash;
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) location.hash = `#/search/${enc(q)}`;
});
window.addEventListener("hashchange", route);
route();
