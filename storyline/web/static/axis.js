/* Storyline time axis: events on a zoomable, draggable SVG time line.
 * new TimeAxis(container, {onSelect(id)}); axis.setEvents([{id, start, end, approximate, conflict,
 * corrected, label}]) with start/end as "YYYY-MM-DD"; axis.select(id). Wheel zooms around the
 * pointer, dragging pans, the buttons zoom and fit. Labels are set with textContent only. */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const LANE = 16, TOP = 26, LANES = 8;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }
  function ms(day) { return Date.parse(day + "T00:00:00Z"); }

  const UNITS = [
    [1, "day"], [7, "day"], [1, "month"], [3, "month"], [6, "month"],
    [1, "year"], [2, "year"], [5, "year"], [10, "year"], [20, "year"], [50, "year"], [100, "year"],
  ];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function approxDays(step, unit) { return unit === "day" ? step : unit === "month" ? step * 30.4 : step * 365.25; }

  function ticks(t0, t1, width) {
    const perPx = (t1 - t0) / DAY / Math.max(width, 1);
    const [step, unit] = UNITS.find(([s, u]) => approxDays(s, u) / perPx >= 70) || UNITS[UNITS.length - 1];
    const out = [];
    let d = new Date(t0);
    if (unit === "day") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    else if (unit === "month") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % step), 1));
    else d = new Date(Date.UTC(d.getUTCFullYear() - (((d.getUTCFullYear() % step) + step) % step), 0, 1));
    for (let i = 0; i < 400 && d.getTime() <= t1; i++) {
      let label;
      if (unit === "year") label = String(d.getUTCFullYear());
      else if (unit === "month") label = (d.getUTCMonth() === 0 ? d.getUTCFullYear() + " " : "") + MONTHS[d.getUTCMonth()];
      else label = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + (d.getUTCMonth() === 0 && d.getUTCDate() <= step ? " " + d.getUTCFullYear() : "");
      if (d.getTime() >= t0) out.push([d.getTime(), label]);
      if (unit === "day") d = new Date(d.getTime() + step * DAY);
      else if (unit === "month") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1));
      else d = new Date(Date.UTC(d.getUTCFullYear() + step, 0, 1));
    }
    return out;
  }

  class TimeAxis {
    constructor(container, options) {
      this.container = container;
      this.onSelect = (options && options.onSelect) || function () {};
      this.events = [];
      this.selected = null;
      this.t0 = Date.UTC(2000, 0, 1);
      this.t1 = Date.UTC(2025, 0, 1);
      const controls = document.createElement("div");
      controls.className = "axis-controls";
      for (const [label, title, fn] of [["+", "Zoom in", () => this.zoom(0.5)], ["−", "Zoom out", () => this.zoom(2)],
                                        ["Fit", "Show every event", () => this.fit()]]) {
        const b = document.createElement("button");
        b.type = "button"; b.textContent = label; b.title = title; b.addEventListener("click", fn);
        controls.appendChild(b);
      }
      this.svg = svg("svg", {class: "axis-svg", role: "img"});
      container.replaceChildren(controls, this.svg);
      this.svg.addEventListener("wheel", (e) => {
        e.preventDefault();
        const rect = this.svg.getBoundingClientRect();
        this.zoom(e.deltaY > 0 ? 1.25 : 0.8, (e.clientX - rect.left) / rect.width);
      }, {passive: false});
      let drag = null;
      this.svg.addEventListener("pointerdown", (e) => {
        if (e.target.closest && e.target.closest(".mark")) return;
        drag = {x: e.clientX, t0: this.t0, t1: this.t1};
        this.svg.setPointerCapture(e.pointerId);
      });
      this.svg.addEventListener("pointermove", (e) => {
        if (!drag) return;
        const width = this.svg.getBoundingClientRect().width || 1;
        const shift = (drag.x - e.clientX) / width * (drag.t1 - drag.t0);
        this.t0 = drag.t0 + shift; this.t1 = drag.t1 + shift; this.render();
      });
      const stop = () => { drag = null; };
      this.svg.addEventListener("pointerup", stop);
      this.svg.addEventListener("pointercancel", stop);
      window.addEventListener("resize", () => this.render());
    }

    setEvents(events) {
      this.events = events.filter((e) => e.start && e.end).map((e) => Object.assign({}, e, {s: ms(e.start), e: ms(e.end) + DAY}));
      this.fit(this.events.length > 40 ? 0.05 : 0);
    }

    /* Show every event, or (trim > 0) where most of them are: the middle of each event, less
       the first and last few; one misdated event from 1515 would otherwise squeeze the rest
       into a corner. Fit shows them all. */
    fit(trim) {
      if (!this.events.length) { this.render(); return; }
      let lo, hi;
      if (trim) {
        const mids = this.events.map((e) => (e.s + e.e) / 2).sort((a, b) => a - b);
        const k = Math.floor(trim * mids.length);
        lo = mids[k]; hi = mids[mids.length - 1 - k];
      } else {
        lo = Math.min(...this.events.map((e) => e.s)); hi = Math.max(...this.events.map((e) => e.e));
      }
      const pad = Math.max((hi - lo) * 0.05, 15 * DAY);
      this.t0 = lo - pad; this.t1 = hi + pad;
      this.render();
    }

    zoom(factor, at) {
      const centre = this.t0 + (this.t1 - this.t0) * (at === undefined ? 0.5 : at);
      const span = Math.min(Math.max((this.t1 - this.t0) * factor, 2 * DAY), 400 * 365 * DAY);
      const f = at === undefined ? 0.5 : at;
      this.t0 = centre - span * f; this.t1 = this.t0 + span;
      this.render();
    }

    select(id) { this.selected = id; this.render(); }

    render() {
      const width = this.container.clientWidth || 800;
      const lanes = [];
      const x = (t) => (t - this.t0) / (this.t1 - this.t0) * width;
      const placed = [];
      for (const ev of [...this.events].sort((a, b) => a.s - b.s)) {
        const x0 = x(ev.s), x1 = Math.max(x(ev.e), x0 + 8);
        if (x1 < -20 || x0 > width + 20) continue;
        let lane = lanes.findIndex((end) => end < x0 - 2);
        if (lane < 0) { lane = lanes.length < LANES ? lanes.length : lanes.indexOf(Math.min(...lanes)); }
        lanes[lane] = x1;
        placed.push([ev, x0, x1, lane]);
      }
      const height = TOP + LANES * LANE + 8;
      this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
      this.svg.setAttribute("height", String(height));
      const nodes = [svg("rect", {x: 0, y: 0, width, height, class: "axis-bg"})];
      for (const [t, label] of ticks(this.t0, this.t1, width)) {
        const tx = x(t);
        nodes.push(svg("line", {x1: tx, x2: tx, y1: 16, y2: height, class: "tick"}));
        const text = svg("text", {x: tx + 3, y: 12, class: "tick-label"});
        text.textContent = label;
        nodes.push(text);
      }
      for (const [ev, x0, x1, lane] of placed) {
        const cls = ["mark"];
        if (ev.approximate) cls.push("approx");
        if (ev.conflict) cls.push("conflict");
        if (ev.corrected) cls.push("corrected");
        if (ev.id === this.selected) cls.push("selected");
        const g = svg("g", {class: cls.join(" "), tabindex: 0, "data-id": ev.id});
        const y = TOP + lane * LANE;
        // a value much coarser than the view (a decade seen month by month) is a thin line,
        // so that it does not hide the finer events around it
        const wide = x1 - x0 > width / 4;
        g.appendChild(x1 - x0 > 10 ? svg("rect", {x: x0, y: wide ? y + 4 : y, width: x1 - x0, height: wide ? 3 : LANE - 5, rx: wide ? 1 : 3})
                                   : svg("circle", {cx: x0 + 4, cy: y + (LANE - 5) / 2, r: 5}));
        const title = svg("title");
        title.textContent = ev.label;
        g.appendChild(title);
        g.addEventListener("click", () => { this.select(ev.id); this.onSelect(ev.id); });
        g.addEventListener("keydown", (e) => { if (e.key === "Enter") { this.select(ev.id); this.onSelect(ev.id); } });
        nodes.push(g);
      }
      this.svg.replaceChildren(...nodes);
    }
  }

  window.TimeAxis = TimeAxis;
})();
