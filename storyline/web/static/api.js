/* Lists the operations of /openapi.json (a small offline stand-in for Swagger UI). */
(function () {
  "use strict";
  function el(tag, cls, text) { const n = document.createElement(tag); if (cls) n.className = cls; if (text) n.textContent = text; return n; }
  fetch("/openapi.json").then((r) => r.json()).then((spec) => {
    const box = document.getElementById("ops");
    box.appendChild(el("h1", null, spec.info.title + " " + spec.info.version));
    box.appendChild(el("p", "muted", spec.info.description || ""));
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const card = el("section", "panel-box");
        card.appendChild(el("h2", null, method.toUpperCase() + " " + path));
        card.appendChild(el("p", null, op.description || op.summary || ""));
        const params = (op.parameters || []).map((p) => p.name + (p.required ? "" : "?") + " (" + p.in + ")");
        if (params.length) card.appendChild(el("p", "muted", "parameters: " + params.join(", ")));
        if (op.requestBody) card.appendChild(el("p", "muted", "body: " + Object.keys(op.requestBody.content || {}).join(", ")));
        box.appendChild(card);
      }
    }
  });
})();
