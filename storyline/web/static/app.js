/* Storyline web app: entity search, the timeline page (axis, list, conflicts, corrections),
 * the source-in-context view and adding articles. Everything from articles is inserted with
 * textContent (via el()); this file never uses innerHTML. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"];
  const SEASONS = {SP: "Spring", SU: "Summer", FA: "Autumn", WI: "Winter"};
  const state = {info: null, name: null, timeline: null, selected: new Set(), view: "timeline"};

  /* --- helpers ------------------------------------------------------------------------- */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  async function api(path, options) {
    const opts = Object.assign({headers: {}}, options || {});
    if (opts.method && opts.method !== "GET") opts.headers["X-Storyline"] = "1";
    if (opts.json !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
    }
    const resp = await fetch(path, opts);
    const type = resp.headers.get("content-type") || "";
    const body = type.includes("json") ? await resp.json() : await resp.text();
    if (!resp.ok) {
      let detail = body && body.detail !== undefined ? body.detail : body;
      if (Array.isArray(detail)) detail = detail.map((d) => (d.loc || []).slice(1).join(".") + ": " + d.msg).join("; ");
      throw new Error(String(detail || resp.statusText));
    }
    return body;
  }

  let statusTimer = null;
  function status(message, isError) {
    const box = $("status");
    box.textContent = message;
    box.className = "status" + (isError ? " error" : "");
    box.hidden = false;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { box.hidden = true; }, isError ? 8000 : 4000);
  }
  const fail = (err) => status(err.message || String(err), true);

  function dateLabel(d) {
    const v = d.value, g = d.granularity;
    let label = v;
    if (g === "day") { const [y, m, day] = v.split("-"); label = `${+day} ${MONTHS[+m - 1]} ${y}`; }
    else if (g === "month") { const [y, m] = v.split("-"); label = `${MONTHS[+m - 1]} ${y}`; }
    else if (g === "season") { const [y, s] = v.split("-"); label = `${SEASONS[s] || s} ${y}`; }
    else if (g === "quarter") { const [y, q] = v.split("-"); label = `${q} ${y}`; }
    else if (g === "decade") label = `${v}0s`;
    else if (g === "century") label = `${+v + 1}th century`;
    else if (g === "range" && d.start && d.end) label = `${d.start} – ${d.end}`;
    return (d.approximate ? "c. " : "") + label;
  }

  function docTitle(doc) { return (doc && (doc.title || doc.doc)) || "document"; }
  function published(doc) {
    if (!doc) return "";
    if (doc.published) return doc.published;
    if (doc.published_estimate) return `undated, est. ${doc.published_estimate.earliest} – ${doc.published_estimate.latest}`;
    return "undated";
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }

  /* --- routing --------------------------------------------------------------------------- */
  function route() {
    const hash = location.hash || "#/";
    if (hash.startsWith("#/entity/")) {
      showEntity(decodeURIComponent(hash.slice("#/entity/".length)));
    } else {
      $("entity").hidden = true; $("home").hidden = false;
      document.title = "Storyline";
      loadHome();
    }
  }
  function openEntity(name) { location.hash = "#/entity/" + encodeURIComponent(name); }

  async function loadInfo() {
    state.info = await api("/api/info");
    const lim = state.info.limits;
    $("add-limits").textContent = `Up to ${lim.files} files, ${Math.round(lim.file_bytes / 1048576)} MiB each, ` +
      `${Math.round(lim.request_bytes / 1048576)} MiB in all; pasted text up to ${lim.paste_chars.toLocaleString()} characters.`;
    $("view-summary").hidden = !state.info.summary;
  }

  async function loadHome() {
    try {
      await loadInfo();
      $("store-info").textContent = `${state.info.documents} articles in the store. Search for a name, or pick one:`;
      const top = await api("/api/entities?limit=20");
      $("top-entities").replaceChildren(...top.map((e) => el("li", {},
        el("a", {href: "#/entity/" + encodeURIComponent(e.name)}, e.name),
        el("span", {class: "muted"}, ` ${e.type} · ${e.mentions} mentions · ${e.event_mentions} event reports`))));
    } catch (err) { fail(err); }
  }

  /* --- search (type-ahead) ------------------------------------------------------------- */
  let searchTimer = null, searchSeq = 0, active = -1;
  function suggestions() { return [...$("suggestions").querySelectorAll("li")]; }
  function highlight(i) {
    const items = suggestions();
    active = items.length ? (i + items.length) % items.length : -1;
    items.forEach((li, j) => li.setAttribute("aria-selected", j === active ? "true" : "false"));
  }
  async function suggest() {
    const q = $("search").value.trim();
    const seq = ++searchSeq;
    if (!q) { $("suggestions").hidden = true; return; }
    try {
      const found = await api("/api/entities?limit=8&q=" + encodeURIComponent(q));
      if (seq !== searchSeq) return;
      const box = $("suggestions");
      box.replaceChildren(...found.map((e) => el("li", {role: "option", "data-name": e.name,
          onmousedown: (ev) => { ev.preventDefault(); choose(e.name); }},
        el("span", {class: "name"}, e.name), " ",
        el("span", {class: "counts"}, `${e.type} · ${e.mentions} mentions · ${e.event_mentions} event reports`))));
      if (!found.length) box.replaceChildren(el("li", {class: "none"}, `no entity starts with “${q}”`));
      box.hidden = false;
      active = -1;
    } catch (err) { fail(err); }
  }
  function choose(name) {
    $("suggestions").hidden = true;
    $("search").value = "";
    openEntity(name);
  }
  $("search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(suggest, 120); });
  $("search").addEventListener("keydown", (e) => {
    const items = suggestions().filter((li) => li.dataset.name);
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
    else if (e.key === "Enter") {
      e.preventDefault();
      const pick = items[active >= 0 ? active : 0];
      if (pick) choose(pick.dataset.name);
      else if ($("search").value.trim()) choose($("search").value.trim());
    } else if (e.key === "Escape") { $("suggestions").hidden = true; }
  });
  $("search").addEventListener("blur", () => setTimeout(() => { $("suggestions").hidden = true; }, 150));

  /* --- entity page ------------------------------------------------------------------------ */
  const axis = new window.TimeAxis($("axis"), {onSelect: (id) => focusEvent(id)});

  function query() {
    const p = new URLSearchParams({entity: state.name});
    if ($("since").value) p.set("since", $("since").value);
    if ($("until").value) p.set("until", $("until").value);
    return p;
  }

  async function showEntity(name) {
    if (state.name !== name) { $("since").value = ""; $("until").value = ""; $("source-filter").value = ""; state.selected.clear(); }
    state.name = name;
    $("home").hidden = true; $("entity").hidden = false;
    if (!state.info) { try { await loadInfo(); } catch (err) { fail(err); } }
    await loadTimeline();
  }

  async function loadTimeline() {
    try {
      const tl = await api("/api/timeline?" + query());
      state.timeline = tl;
      renderTimeline();
      if (state.view === "summary") loadSummary();
    } catch (err) {
      $("entity-name").textContent = state.name;
      $("entity-meta").textContent = err.message;
      $("events").replaceChildren();
      state.timeline = null;
    }
  }

  function visibleEvents() {
    const tl = state.timeline, pick = $("source-filter").value;
    if (!pick) return tl.events;
    const docs = new Set(tl.documents.filter((d) => "doc:" + d.doc === pick || "pub:" + d.source === pick).map((d) => d.doc));
    return tl.events.filter((e) => e.sources.some((s) => docs.has(s.doc)));
  }

  function renderTimeline() {
    const tl = state.timeline;
    document.title = tl.entity.name + " · Storyline";
    $("entity-name").textContent = tl.entity.name;
    const others = tl.entity.aliases.filter((a) => a !== tl.entity.name);
    $("entity-meta").textContent = `${tl.entity.type} · ${tl.entity.mentions} mentions · ${tl.events.length} events · ` +
      `${tl.documents.length} articles` + (others.length ? ` · also ${others.join(", ")}` : "");
    for (const fmt of ["json", "markdown", "html"]) {
      const p = query(); p.set("format", fmt);
      $("export-" + fmt).href = "/api/timeline/export?" + p;
    }
    const current = $("source-filter").value;
    const pubs = [...new Set(tl.documents.map((d) => d.source).filter(Boolean))].sort();
    $("source-filter").replaceChildren(el("option", {value: ""}, "all sources"),
      ...pubs.map((p) => el("option", {value: "pub:" + p}, p)),
      ...tl.documents.map((d) => el("option", {value: "doc:" + d.doc}, docTitle(d) + " (" + published(d) + ")")));
    $("source-filter").value = [...$("source-filter").options].some((o) => o.value === current) ? current : "";
    const events = visibleEvents();
    axis.setEvents(events.map((e) => ({id: e.id, start: e.date.start, end: e.date.end, approximate: e.date.approximate,
      conflict: !!e.conflict, corrected: !!(e.corrections && e.corrections.length),
      label: dateLabel(e.date) + ": " + e.summary})));
    const byDoc = Object.fromEntries(tl.documents.map((d) => [d.doc, d]));
    const conflicts = Object.fromEntries(tl.conflicts.map((c) => [c.id, c]));
    $("events").replaceChildren(...(events.length ? events.map((e) => eventCard(e, byDoc, conflicts))
                                                   : [el("p", {class: "muted"}, "No events in this range.")]));
    renderConflicts(byDoc);
    renderCorrections();
    updateMergeBar();
  }

  function eventCard(e, byDoc, conflicts) {
    const conflict = e.conflict ? conflicts[e.conflict] : null;
    const badges = [];
    if (conflict) {
      const values = conflict.claims.map((c) => c.value).join(" / ");
      badges.push(conflict.resolution
        ? el("span", {class: "badge resolved", title: conflict.about}, `resolved: ${conflict.resolution.value} (was ${values})`)
        : el("span", {class: "badge conflict", title: conflict.about}, `conflict: ${values}`));
    }
    if (e.corrections && e.corrections.length) badges.push(el("span", {class: "badge corrected"}, "corrected"));
    const splitPicks = [];
    const sources = e.sources.map((s) => {
      const doc = byDoc[s.doc];
      const pick = el("input", {type: "checkbox", class: "split-pick", title: "Select to split off"});
      pick.dataset.doc = s.doc; pick.dataset.start = s.start;
      splitPicks.push(pick);
      const url = safeUrl(doc && doc.url);
      return el("li", {class: "source"},
        e.sources.length > 1 ? pick : null,
        el("q", {}, s.sentence),
        el("div", {class: "source-meta"}, docTitle(doc), " · ", published(doc), " · ",
          el("button", {type: "button", class: "link open-source", onclick: () => openDocument(s)}, "show in context"),
          url ? [" · ", el("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, "article ↗")] : null));
    });
    const select = el("input", {type: "checkbox", class: "merge-pick", "aria-label": "Select for merging",
      onchange: (ev) => { ev.target.checked ? state.selected.add(e.id) : state.selected.delete(e.id); updateMergeBar(); }});
    select.checked = state.selected.has(e.id);
    const dateInput = el("input", {type: "text", class: "date-input", placeholder: "YYYY[-MM[-DD]]", "aria-label": "Corrected date"});
    const actions = el("div", {class: "actions"},
      el("label", {}, select, " select"),
      el("button", {type: "button", class: "reject", onclick: () => correct({kind: "reject", events: [e.id]}, "Marked as wrong")}, "Mark wrong"),
      dateInput,
      el("button", {type: "button", onclick: () => correct({kind: "redate", events: [e.id], date: dateInput.value.trim()}, "Date fixed")}, "Fix date"),
      e.sources.length > 1 ? el("button", {type: "button", onclick: () => {
        const moved = splitPicks.filter((p) => p.checked).map((p) => ({doc: p.dataset.doc, start: +p.dataset.start}));
        correct({kind: "split", events: [e.id], sources: moved, date: dateInput.value.trim() || null}, "Event split");
      }}, "Split off selected sources") : null);
    return el("article", {class: "event" + (e.date.approximate ? " approx" : ""), id: "event-" + e.id, "data-id": e.id},
      el("div", {class: "when" + (e.date.approximate ? " approx" : ""), title: e.date.value}, dateLabel(e.date)),
      el("div", {class: "what"},
        el("p", {class: "summary"}, e.summary),
        el("p", {class: "meta"}, e.entities.join(", "), " · ", `${e.sources.length} source${e.sources.length === 1 ? "" : "s"}`, " ", badges),
        el("details", {class: "sources"}, el("summary", {}, "Sources and corrections"), el("ol", {}, sources), actions)));
  }

  function focusEvent(id) {
    const card = document.getElementById("event-" + id);
    if (!card) return;
    document.querySelectorAll(".event.focus").forEach((n) => n.classList.remove("focus"));
    card.classList.add("focus");
    card.querySelector("details").open = true;
    card.scrollIntoView({block: "center"});
  }

  function renderConflicts(byDoc) {
    const tl = state.timeline;
    $("conflicts-panel").hidden = !tl.conflicts.length;
    $("conflicts").replaceChildren(...tl.conflicts.map((c) => {
      const note = el("input", {type: "text", class: "note", placeholder: "note (why this claim)", maxlength: 2000, "aria-label": "Note"});
      return el("div", {class: "conflict-box", id: "conflict-" + c.id},
        el("h3", {}, c.about),
        c.resolution ? el("p", {class: "badge resolved"}, `resolved: ${c.resolution.value}` + (c.resolution.note ? ` — ${c.resolution.note}` : "")) : null,
        el("ul", {}, c.claims.map((claim, i) => el("li", {},
          el("strong", {}, dateLabel(claim.date)), ` · ${claim.sources.length} source${claim.sources.length === 1 ? "" : "s"}`,
          el("ul", {}, claim.sources.slice(0, 3).map((s) => el("li", {}, el("q", {}, s.sentence), " ",
            el("button", {type: "button", class: "link", onclick: () => openDocument(s)}, docTitle(byDoc[s.doc]))))),
          c.resolution ? null : el("button", {type: "button", class: "choose",
            onclick: () => correct({kind: "resolve", conflict: c.id, claim: i, note: note.value}, "Conflict resolved")},
            `Choose ${claim.value}`)))),
        c.resolution ? null : note);
    }));
  }

  function renderCorrections() {
    const list = state.timeline.corrections || [];
    $("corrections").replaceChildren(...(list.length ? list.map((c) => {
      const what = (c.snapshot && c.snapshot.events || []).map((e) => `${e.date}: ${e.summary}`).join(" + ");
      const text = {reject: "Marked wrong", redate: `Date set to ${c.date}`, merge: "Merged" + (c.date ? ` (date ${c.date})` : ""),
                    split: "Split" + (c.date ? ` (new event dated ${c.date})` : ""),
                    resolve: `Conflict resolved: ${c.snapshot && c.snapshot.conflict ? c.snapshot.conflict.chosen : ""}`}[c.kind] || c.kind;
      return el("div", {class: "correction"},
        el("p", {}, el("strong", {}, text), " ", el("span", {class: "muted"}, `${c.id} · ${c.created || ""}`)),
        what ? el("p", {class: "muted"}, what) : null,
        c.note ? el("p", {}, "Note: ", c.note) : null,
        el("button", {type: "button", class: "link", onclick: () => undo(c.id)}, "undo"));
    }) : [el("p", {class: "muted"}, "None yet. Open an event to mark it wrong, fix its date, or split it; select two to merge them.")]));
  }

  function updateMergeBar() {
    const ids = state.timeline ? new Set(state.timeline.events.map((e) => e.id)) : new Set();
    for (const id of [...state.selected]) if (!ids.has(id)) state.selected.delete(id);
    $("merge-bar").hidden = state.selected.size < 2;
    $("merge-count").textContent = `${state.selected.size} events selected`;
  }
  $("merge-go").addEventListener("click", () => correct({kind: "merge", events: [...state.selected]}, "Events merged").then(() => { state.selected.clear(); updateMergeBar(); }));
  $("merge-clear").addEventListener("click", () => { state.selected.clear(); document.querySelectorAll(".merge-pick").forEach((b) => { b.checked = false; }); updateMergeBar(); });

  async function correct(body, done) {
    try {
      await api("/api/corrections", {method: "POST", json: Object.assign({entity: state.name}, body)});
      status(done);
      await loadTimeline();
    } catch (err) { fail(err); }
  }
  async function undo(id) {
    try { await api("/api/corrections/" + encodeURIComponent(id), {method: "DELETE"}); status("Correction undone"); await loadTimeline(); }
    catch (err) { fail(err); }
  }

  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("since").addEventListener("change", loadTimeline);
  $("until").addEventListener("change", loadTimeline);
  $("source-filter").addEventListener("change", renderTimeline);

  /* --- summary view (only when this Storyline can summarise) --------------------------------- */
  function setView(view) {
    state.view = view;
    $("view-timeline").classList.toggle("on", view === "timeline");
    $("view-summary").classList.toggle("on", view === "summary");
    $("events").hidden = view !== "timeline";
    $("summary").hidden = view !== "summary";
    if (view === "summary") loadSummary();
  }
  async function loadSummary() {
    try {
      const p = query(); p.set("size", "10");
      const s = await api("/api/summary?" + p);
      const byDoc = Object.fromEntries((s.documents || []).map((d) => [d.doc, d]));
      const items = s.events || [];
      $("summary").replaceChildren(...(items.length ? items.map((it) => el("article", {class: "event"},
        el("div", {class: "when" + (it.date.approximate ? " approx" : "")}, dateLabel(it.date)),
        el("div", {class: "what"}, el("p", {class: "summary"}, it.summary),
          el("p", {class: "meta"}, (it.sources || []).map((src, i) => [i ? " · " : "",
            el("button", {type: "button", class: "link open-source", onclick: () => openDocument(src)},
               docTitle(byDoc[src.doc]))]))))) : [el("p", {class: "muted"}, "No dates to summarise in this range.")]));
    } catch (err) { fail(err); }
  }
  $("view-timeline").addEventListener("click", () => setView("timeline"));
  $("view-summary").addEventListener("click", () => setView("summary"));

  /* --- a source in context ------------------------------------------------------------------ */
  async function openDocument(source) {
    try {
      const doc = await api("/api/documents/" + encodeURIComponent(source.doc));
      $("doc-title").textContent = docTitle(doc);
      const url = safeUrl(doc.url);
      $("doc-meta").replaceChildren(published(doc), doc.source ? " · " + doc.source : "",
        url ? [" · ", el("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, "open the article ↗")] : "");
      const text = doc.text, start = Math.max(0, Math.min(source.start, text.length)), end = Math.max(start, Math.min(source.end, text.length));
      const mark = el("mark", {id: "highlight"}, text.slice(start, end));
      $("doc-text").replaceChildren(text.slice(0, start), mark, text.slice(end));
      $("doc-view").hidden = false;
      mark.scrollIntoView({block: "center"});
    } catch (err) { fail(err); }
  }
  $("doc-close").addEventListener("click", () => { $("doc-view").hidden = true; });

  /* --- adding articles ----------------------------------------------------------------------- */
  $("add-open").addEventListener("click", () => { $("add-view").hidden = false; });
  $("add-close").addEventListener("click", () => { $("add-view").hidden = true; });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { $("doc-view").hidden = true; $("add-view").hidden = true; }
  });

  $("add-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = new FormData();
    for (const f of $("add-files").files) form.append("files", f, f.name);
    if ($("add-text").value.trim()) form.append("text", $("add-text").value);
    if ($("add-title-input").value.trim()) form.append("title", $("add-title-input").value.trim());
    if ($("add-published").value) form.append("published", $("add-published").value);
    $("add-submit").disabled = true;
    try {
      const job = await api("/api/ingest", {method: "POST", body: form});
      $("add-progress").hidden = false;
      await poll(job.id);
    } catch (err) {
      $("add-progress").hidden = false;
      $("add-state").textContent = err.message;
      $("add-state").className = "error";
    } finally { $("add-submit").disabled = false; }
  });

  async function poll(id) {
    for (;;) {
      const job = await api("/api/ingest/" + encodeURIComponent(id));
      const bar = $("add-bar");
      bar.max = job.total || job.inputs || 1;
      bar.value = job.state === "done" ? bar.max : job.read;
      $("add-state").className = job.state === "failed" ? "error" : "";
      if (job.state === "done") {
        const r = job.report;
        $("add-state").textContent = `Done: ${r.stored} stored, ${r.unchanged} already stored, ${r.duplicates} duplicates` +
          (job.errors.length ? `; ${job.errors.length} errors: ${job.errors.join("; ")}` : "") + ".";
        $("add-files").value = ""; $("add-text").value = "";
        await loadInfo();
        if (state.name && !$("entity").hidden) await loadTimeline(); else loadHome();
        return;
      }
      if (job.state === "failed") { $("add-state").textContent = "Failed: " + job.error; return; }
      $("add-state").textContent = job.state === "queued" ? "Waiting for the previous ingest…"
        : `Analysing: ${job.read} of ${job.total || job.inputs} inputs read…`;
      await new Promise((r) => setTimeout(r, 400));
    }
  }

  window.addEventListener("hashchange", route);
  route();
})();
