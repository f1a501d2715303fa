// oneshot-ioc page behaviour. Everything hangs off data-* attributes in the
// server's HTML; there is no inline script and no HTML built from strings, so
// pasted text can only ever become text nodes.
"use strict";

(function () {
  const TYPE_ORDER = ["ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256", "sha512", "cve",
    "mitre_attack", "btc", "eth", "xmr", "asn", "mac", "filename", "registry_key", "filepath", "ssdeep", "jarm"];
  const TYPE_LABELS = {
    ipv4: "IPv4 addresses", ipv6: "IPv6 addresses", domain: "Domains", url: "URLs", email: "E-mail addresses",
    md5: "MD5 hashes", sha1: "SHA-1 hashes", sha256: "SHA-256 hashes", sha512: "SHA-512 hashes", cve: "CVEs",
    mitre_attack: "MITRE ATT&CK", btc: "Bitcoin addresses", eth: "Ethereum addresses", xmr: "Monero addresses",
    asn: "AS numbers", mac: "MAC addresses", filename: "File names", registry_key: "Registry keys",
    filepath: "File paths", ssdeep: "ssdeep hashes", jarm: "JARM fingerprints",
  };
  const SHORT_LABELS = {
    ipv4: "IPv4", ipv6: "IPv6", domain: "Domain", url: "URL", email: "E-mail", md5: "MD5", sha1: "SHA-1",
    sha256: "SHA-256", sha512: "SHA-512", cve: "CVE", mitre_attack: "ATT&CK", btc: "BTC", eth: "ETH", xmr: "XMR",
    asn: "ASN", mac: "MAC", filename: "File name", registry_key: "Registry", filepath: "Path", ssdeep: "ssdeep", jarm: "JARM",
  };
  // Tags that mark an address or name as internal: "Hide private" hides them.
  const PRIVATE_TAGS = new Set(["private", "loopback", "link-local", "reserved", "documentation", "multicast", "cgnat", "internal"]);
  const VERDICT_RANK = { malicious: 6, suspicious: 5, harmless: 4, unknown: 3, error: 2, skipped: 1 };
  const PAGE_SIZE = 200; // rows rendered per group before "Show more"
  const CONTEXT_BYTES = 60;

  const state = {
    text: "", bytes: null, iocs: [], stats: null,
    mode: "refanged", filter: "", hidePrivate: false, hideDerived: false,
    offTypes: new Set(), limits: new Map(),
    verdicts: new Map(), // "type:value" → {consolidated, providers: Map(name → result)}
    providers: null, offline: false, enrich: null, lastRequest: null,
  };
  const rowByKey = new Map(); // "type:value" → rendered <tr>, for streaming verdicts in
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // el builds an element; children are nodes or strings (always text nodes).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  const keyOf = (ioc) => ioc.type + ":" + ioc.value;

  // copyIcon draws two overlapping sheets; SVG presentation attributes are
  // not inline style, so the CSP allows them.
  function copyIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "13");
    svg.setAttribute("height", "13");
    svg.setAttribute("aria-hidden", "true");
    for (const [x, y] of [[5, 5], [2, 2]]) {
      const r = document.createElementNS(ns, "rect");
      for (const [k, v] of Object.entries({ x, y, width: 9, height: 9, rx: 1.5, fill: "none", stroke: "currentColor", "stroke-width": 1.4 })) r.setAttribute(k, String(v));
      svg.append(r);
    }
    return svg;
  }

  // ---- defanging -------------------------------------------------------

  function defangHost(h) { return h.replace(/\./g, "[.]"); }

  // defang gives the safe-to-share form, exactly as the Go engine's
  // ioc.Defang does: hxxp, [.] and [@], which no mail client or chat turns
  // into a link.
  function defang(type, value) {
    switch (type) {
      case "ipv4": case "domain": return defangHost(value);
      case "email": {
        const at = value.lastIndexOf("@");
        return at < 0 ? value : value.slice(0, at) + "[@]" + defangHost(value.slice(at + 1));
      }
      case "url": {
        const i = value.indexOf("://");
        if (i < 0) return value;
        const scheme = { http: "hxxp", https: "hxxps", ftp: "fxp" }[value.slice(0, i)] || value.slice(0, i);
        const rest = value.slice(i + 3);
        let hostEnd = rest.search(/[/?#]/);
        if (hostEnd < 0) hostEnd = rest.length;
        return scheme + "://" + defangHost(rest.slice(0, hostEnd)) + rest.slice(hostEnd);
      }
      default: return value;
    }
  }

  const shown = (ioc) => state.mode === "defanged" ? defang(ioc.type, ioc.value) : (ioc.display || ioc.value);
  const copyForm = (ioc) => state.mode === "defanged" ? defang(ioc.type, ioc.value) : ioc.value;

  // ---- context snippets ------------------------------------------------

  // matchLength finds which raw form stands at a byte offset.
  function matchLength(ioc, off) {
    let best = 0;
    for (const raw of (ioc.raw || []).concat([ioc.value])) {
      const b = encoder.encode(raw);
      if (b.length <= best || off + b.length > state.bytes.length) continue;
      const seen = decoder.decode(state.bytes.subarray(off, off + b.length));
      if (seen.toLowerCase() === raw.toLowerCase()) best = b.length;
    }
    return best;
  }

  const fold = (s) => s.replace(/\s+/g, " ");

  // snippet cuts the pasted text around one occurrence, on UTF-8 boundaries.
  function snippet(ioc, off) {
    const bytes = state.bytes;
    if (!bytes || off < 0 || off > bytes.length) return null;
    const end = off + matchLength(ioc, off);
    let from = Math.max(0, off - CONTEXT_BYTES);
    while (from > 0 && (bytes[from] & 0xc0) === 0x80) from--;
    let to = Math.min(bytes.length, end + CONTEXT_BYTES);
    while (to < bytes.length && (bytes[to] & 0xc0) === 0x80) to++;
    let before = fold(decoder.decode(bytes.subarray(from, off)));
    let after = fold(decoder.decode(bytes.subarray(end, to)));
    if (from > 0) before = "…" + before.trimStart();
    if (to < bytes.length) after = after.trimEnd() + "…";
    return el("span", { class: "snippet" }, before, el("mark", {}, fold(decoder.decode(bytes.subarray(off, end)))), after);
  }

  function contextCell(ioc) {
    const offs = ioc.offsets || [];
    const td = el("td", { class: "context" });
    if (!offs.length) return td;
    const first = snippet(ioc, offs[0]);
    if (offs.length === 1 || !first) { if (first) td.append(first); return td; }
    const details = el("details", {}, el("summary", {}, first));
    details.addEventListener("toggle", () => {
      if (!details.open || details.querySelector("ol")) return;
      const list = el("ol", { class: "occurrences" });
      for (const off of offs) { const s = snippet(ioc, off); if (s) list.append(el("li", {}, s)); }
      if (ioc.count > offs.length) list.append(el("li", { class: "muted" }, `… and ${ioc.count - offs.length} more`));
      details.append(list);
    });
    td.append(details);
    return td;
  }

  // ---- filtering -------------------------------------------------------

  function visible(ioc) {
    if (state.offTypes.has(ioc.type)) return false;
    const tags = ioc.tags || [];
    if (state.hidePrivate && tags.some((t) => PRIVATE_TAGS.has(t))) return false;
    if (state.hideDerived && tags.includes("derived")) return false;
    if (!state.filter) return true;
    const f = state.filter;
    return ioc._search.includes(f) || (state.verdicts.get(keyOf(ioc))?.consolidated || "").includes(f);
  }

  // currentView is what the table shows, in its order: grouped by type,
  // first appearance within a group. Copies and exports follow it.
  function currentView() {
    const byType = new Map();
    for (const ioc of state.iocs) {
      if (!visible(ioc)) continue;
      if (!byType.has(ioc.type)) byType.set(ioc.type, []);
      byType.get(ioc.type).push(ioc);
    }
    return TYPE_ORDER.flatMap((t) => byType.get(t) || []);
  }

  // ---- rendering -------------------------------------------------------

  function tagBadges(ioc) {
    const td = el("td", { class: "tags" });
    const tags = (ioc.defanged ? ["defanged"] : []).concat(ioc.tags || []);
    for (const t of tags) td.append(el("span", { class: "tag tag-" + t.replace(/[^a-z0-9-]/g, "") }, t));
    return td;
  }

  function verdictCell(ioc) {
    const td = el("td", { class: "verdict", "data-verdict-cell": "" });
    fillVerdict(td, ioc);
    return td;
  }

  function ago(iso) {
    const mins = Math.round((Date.now() - Date.parse(iso)) / 60000);
    if (!isFinite(mins) || mins < 1) return "just now";
    if (mins < 60) return `${mins} min ago`;
    return `${Math.round(mins / 60)} h ago`;
  }

  // fillVerdict shows the consolidated verdict first, then the evidence of
  // each provider that answered; skips are folded into one quiet line.
  function fillVerdict(td, ioc) {
    td.replaceChildren();
    const v = state.verdicts.get(keyOf(ioc));
    if (!v) { td.append(el("span", { class: "muted" }, "—")); return; }
    const overall = v.consolidated || provisional(v);
    td.append(el("span", { class: "verdict-badge v-" + overall, title: v.consolidated ? "Consolidated verdict" : "So far" }, overall));
    const chips = el("span", { class: "evidence" });
    const skipped = [];
    let cachedAt = "";
    for (const [name, r] of v.providers) {
      if (r.verdict === "skipped") { skipped.push(`${providerTitle(name)}: ${r.reason || "skipped"}`); continue; }
      if (r.cached && r.cached_at && (!cachedAt || r.cached_at < cachedAt)) cachedAt = r.cached_at;
      const text = r.summary || r.error || r.verdict;
      const label = `${providerTitle(name)}: ${text}`;
      const parts = [el("span", { class: "chip-name" }, providerTitle(name)), " ", text];
      const chip = r.link && /^https:\/\//.test(r.link)
        ? el("a", { class: "chip v-" + r.verdict, href: r.link, target: "_blank", rel: "noopener noreferrer", title: label + " — open the provider's page" }, ...parts)
        : el("span", { class: "chip v-" + r.verdict, title: label }, ...parts);
      chips.append(chip);
    }
    if (skipped.length) {
      const reasons = [...new Set(skipped.map((s) => s.slice(s.indexOf(": ") + 2)))];
      chips.append(el("span", { class: "chip chip-skipped", title: skipped.join("\n") },
        `${skipped.length} skipped: ${reasons.join(", ")}`));
    }
    if (cachedAt) chips.append(el("span", { class: "cached" }, "cached " + ago(cachedAt)));
    td.append(chips);
  }

  function provisional(v) {
    let best = "unknown", rank = 0;
    for (const r of v.providers.values()) {
      if ((VERDICT_RANK[r.verdict] || 0) > rank) { rank = VERDICT_RANK[r.verdict]; best = r.verdict; }
    }
    return best;
  }

  function providerTitle(name) {
    const p = (state.providers || []).find((x) => x.name === name);
    return p ? p.title : name;
  }

  function rowFor(ioc) {
    const copyBtn = el("button", { type: "button", class: "icon-btn", "data-copy-row": "", "aria-label": "Copy " + ioc.value, title: "Copy" }, copyIcon());
    copyBtn._ioc = ioc;
    const valueCell = el("td", { class: "value" }, el("code", {}, shown(ioc)), copyBtn);
    if (ioc.display && ioc.display !== ioc.value) valueCell.append(el("div", { class: "display-form" }, ioc.value));
    const tr = el("tr", {}, valueCell, tagBadges(ioc), el("td", { class: "num" }, ioc.count), contextCell(ioc), verdictCell(ioc));
    rowByKey.set(keyOf(ioc), tr);
    return tr;
  }

  function renderGroup(type, rows) {
    const limit = state.limits.get(type) || PAGE_SIZE;
    const copyType = el("button", { type: "button", class: "btn btn-small", "data-copy-type": type }, "Copy");
    const head = el("div", { class: "group-head" },
      el("h2", { class: "group-title" }, TYPE_LABELS[type] || type), el("span", { class: "badge badge-count" }, rows.length),
      el("span", { class: "spacer" }), copyType);
    const tbody = el("tbody");
    for (const ioc of rows.slice(0, limit)) tbody.append(rowFor(ioc));
    const table = el("table", { class: "ioc-table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col", class: "col-value" }, "Value"), el("th", { scope: "col", class: "col-tags" }, "Tags"),
        el("th", { scope: "col", class: "num col-count" }, "Count"), el("th", { scope: "col", class: "col-context" }, "Context"),
        el("th", { scope: "col", class: "col-verdict verdict" }, "Verdict"))),
      tbody);
    const section = el("section", { class: "group", id: "type-" + type }, head, el("div", { class: "table-wrap" }, table));
    if (rows.length > limit) {
      section.append(el("div", { class: "more" },
        el("button", { type: "button", class: "btn", "data-more": type }, `Show ${Math.min(1000, rows.length - limit)} more`),
        el("span", { class: "muted" }, ` ${limit} of ${rows.length} shown`)));
    }
    return section;
  }

  function render() {
    rowByKey.clear();
    const groups = $("[data-groups]");
    const view = currentView();
    const byType = new Map();
    for (const ioc of view) {
      if (!byType.has(ioc.type)) byType.set(ioc.type, []);
      byType.get(ioc.type).push(ioc);
    }
    const frag = document.createDocumentFragment();
    for (const t of TYPE_ORDER) if (byType.has(t)) frag.append(renderGroup(t, byType.get(t)));
    if (!view.length) {
      frag.append(el("p", { class: "nothing" }, state.iocs.length ? "No indicator matches the filter." : "No indicator found in this text."));
    }
    groups.replaceChildren(frag);
    const s = state.stats || {};
    $("[data-count-line]").textContent = view.length === state.iocs.length
      ? `${state.iocs.length} indicators · ${s.occurrences || 0} occurrences · ${formatBytes(s.bytes || 0)}`
      : `${view.length} of ${state.iocs.length} indicators shown`;
  }

  function renderTypeToggles() {
    const box = $("[data-type-toggles]");
    box.replaceChildren();
    const counts = new Map();
    for (const ioc of state.iocs) counts.set(ioc.type, (counts.get(ioc.type) || 0) + 1);
    for (const t of TYPE_ORDER) {
      if (!counts.has(t)) continue;
      const on = !state.offTypes.has(t);
      box.append(el("button", { type: "button", class: "type-chip" + (on ? " is-on" : ""), "data-type": t, "aria-pressed": String(on) },
        SHORT_LABELS[t] || t, el("span", { class: "type-count" }, counts.get(t))));
    }
  }

  function formatBytes(n) {
    if (n < 1024) return n + " B";
    if (n < 1 << 20) return (n / 1024).toFixed(1) + " KiB";
    return (n / (1 << 20)).toFixed(1) + " MiB";
  }

  // ---- extraction ------------------------------------------------------

  async function extract() {
    const text = $("[data-paste]").value;
    const btn = $("[data-submit]");
    btn.disabled = true;
    btn.textContent = "Extracting…";
    try {
      const resp = await fetch("/api/extract", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
      });
      const body = await resp.json().catch(() => ({ error: `The server answered ${resp.status}.` }));
      if (!resp.ok) { notice(body.error || `The server answered ${resp.status}.`, "error"); return; }
      showResults(text, body);
    } catch (err) {
      notice("The server could not be reached: " + err.message, "error");
    } finally {
      btn.disabled = false;
      btn.textContent = "Extract";
    }
  }

  function showResults(text, body) {
    cancelEnrich();
    state.text = text;
    state.bytes = encoder.encode(text);
    state.iocs = body.iocs || [];
    for (const ioc of state.iocs) {
      ioc._search = (ioc.value + " " + (ioc.display || "") + " " + defang(ioc.type, ioc.value) + " " + (ioc.tags || []).join(" ") + (ioc.defanged ? " defanged" : "")).toLowerCase();
    }
    state.stats = body.stats || {};
    state.verdicts.clear();
    $("[data-groups]").classList.remove("has-verdicts");
    state.limits.clear();
    state.offTypes.clear();
    state.filter = "";
    $("[data-filter]").value = "";
    $("[data-server-results]")?.remove();
    $("[data-empty]").hidden = true;
    $("[data-toolbar]").hidden = false;
    $("[data-progress]").hidden = true;
    notice("", "");
    renderTypeToggles();
    render();
  }

  // ---- notices, clipboard, downloads -----------------------------------

  let noticeTimer = 0;
  function notice(text, kind) {
    const n = $("[data-notice]");
    clearTimeout(noticeTimer);
    n.textContent = text;
    n.className = "notice" + (kind ? " notice-" + kind : "");
    n.hidden = !text;
    if (text && kind === "ok") noticeTimer = setTimeout(() => { n.hidden = true; }, 2500);
  }

  async function copyText(text, button, what) {
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); ok = true; }
    } catch (_) { ok = false; }
    if (!ok) ok = legacyCopy(text);
    if (button) {
      const icon = button.classList.contains("icon-btn");
      const old = button.dataset.label || button.textContent;
      if (!icon) {
        button.dataset.label = old;
        button.textContent = ok ? "Copied ✓" : "Copy failed";
      }
      button.classList.add(ok ? "is-copied" : "is-failed");
      setTimeout(() => {
        if (!icon) button.textContent = old;
        button.classList.remove("is-copied", "is-failed");
      }, 1400);
    }
    notice(ok ? `Copied ${what} (${state.mode}).` : "The browser refused to copy.", ok ? "ok" : "error");
  }

  function legacyCopy(text) {
    const ta = el("textarea", { class: "offscreen", readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
    ta.remove();
    return ok;
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el("a", { href: url, download: name, class: "offscreen" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ---- exports ---------------------------------------------------------

  // csvCell quotes a cell and defuses spreadsheet formulas.
  function csvCell(v) {
    let s = String(v ?? "");
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function evidence(ioc) {
    const v = state.verdicts.get(keyOf(ioc));
    if (!v) return { verdict: "", providers: {} };
    const providers = {};
    for (const [name, r] of v.providers) {
      providers[name] = { verdict: r.verdict, summary: r.summary || r.error || r.reason || "", link: r.link || "" };
    }
    return { verdict: v.consolidated || provisional(v), providers };
  }

  function exportView(kind) {
    const view = currentView();
    const stamp = new Date().toISOString().replace(/[:T]/g, "-").slice(0, 19);
    if (kind === "csv") {
      const lines = [["type", "value", "count", "defanged", "tags", "verdict", "evidence"].join(",")];
      for (const ioc of view) {
        const e = evidence(ioc);
        const ev = Object.entries(e.providers).map(([n, p]) => `${n}: ${p.verdict}${p.summary ? " (" + p.summary + ")" : ""}`).join(" | ");
        lines.push([ioc.type, copyForm(ioc), ioc.count, ioc.defanged, (ioc.tags || []).join(";"), e.verdict, ev].map(csvCell).join(","));
      }
      download(`iocs-${stamp}.csv`, "text/csv", lines.join("\r\n") + "\r\n");
    } else if (kind === "json") {
      const out = view.map((ioc) => {
        const e = evidence(ioc);
        const rec = { type: ioc.type, value: ioc.value, defanged_value: defang(ioc.type, ioc.value), raw: ioc.raw, defanged: ioc.defanged, count: ioc.count, tags: ioc.tags || [] };
        if (e.verdict) { rec.verdict = e.verdict; rec.providers = e.providers; }
        return rec;
      });
      download(`iocs-${stamp}.json`, "application/json", JSON.stringify(out, null, 2) + "\n");
    } else {
      download(`iocs-${stamp}.txt`, "text/plain", view.map(copyForm).join("\n") + "\n");
    }
    notice(`Exported ${view.length} indicators as ${kind.toUpperCase()} (${state.mode}).`, "ok");
  }

  // ---- enrichment ------------------------------------------------------

  async function loadProviders() {
    if (state.providers) return state.providers;
    try {
      const resp = await fetch("/api/providers");
      const body = await resp.json();
      state.offline = !!body.offline;
      state.providers = body.providers || [];
    } catch (_) {
      state.providers = [];
    }
    return state.providers;
  }

  async function openEnrich() {
    const panel = $("[data-enrich-panel]");
    panel.hidden = false;
    const list = $("[data-provider-list]");
    const providers = await loadProviders();
    list.replaceChildren();
    if (state.offline) {
      $("[data-enrich-note]").textContent = "The server runs offline; no lookup is possible.";
      $("[data-enrich-start]").disabled = true;
      return;
    }
    $("[data-enrich-note]").textContent = `${currentView().length} indicators in view; private addresses and internal names are never sent.`;
    for (const p of providers) {
      const input = el("input", { type: "checkbox", value: p.name, "data-provider": p.name, checked: p.configured, disabled: !p.configured });
      const meta = p.configured ? (p.rate_limit ? "limit " + p.rate_limit : "ready") : (p.reason || "not configured");
      list.append(el("label", { class: "provider" + (p.configured ? "" : " is-disabled"), title: meta },
        input, el("span", { class: "provider-title" }, p.title || p.name), el("span", { class: "provider-meta" }, meta)));
    }
    $("[data-enrich-start]").disabled = !providers.some((p) => p.configured);
  }

  function cancelEnrich() {
    if (state.enrich) { state.enrich.abort(); state.enrich = null; }
  }

  async function startEnrich(refresh, providers) {
    const names = providers || $$("[data-provider]").filter((i) => i.checked).map((i) => i.value);
    const iocs = currentView().map((ioc) => ({ type: ioc.type, value: ioc.value }));
    if (!iocs.length) { notice("No indicator in view to look up.", "error"); return; }
    if (!names.length) { notice("Choose at least one provider.", "error"); return; }
    cancelEnrich();
    const controller = new AbortController();
    state.enrich = controller;
    state.lastRequest = { providers: names };
    $("[data-enrich-panel]").hidden = true;
    $("[data-groups]").classList.add("has-verdicts");
    const prog = $("[data-progress]");
    prog.hidden = false;
    prog.classList.remove("is-done");
    $("[data-enrich-cancel]").hidden = false;
    $("[data-progress-fill]").className = "bar-fill";
    setProgress(0, iocs.length * Math.max(1, names.length), {});
    const started = Date.now();
    let cachedOldest = null;
    try {
      const resp = await fetch("/api/enrich", {
        method: "POST", headers: { "Content-Type": "application/json" }, signal: controller.signal,
        body: JSON.stringify({ iocs, providers: names, refresh: !!refresh }),
      });
      if (!resp.ok) {
        const body = await resp.json().catch(() => ({}));
        throw new Error(body.error || `the server answered ${resp.status}`);
      }
      const reader = resp.body.getReader();
      const dec = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          const ev = JSON.parse(line);
          if (ev.kind === "result") {
            onResult(ev);
            if (ev.cached && ev.cached_at && (!cachedOldest || ev.cached_at < cachedOldest)) cachedOldest = ev.cached_at;
          } else if (ev.kind === "progress") {
            setProgress(ev.done, ev.total, ev.waiting || {}, started);
          } else if (ev.kind === "summary") {
            onSummary(ev);
          }
        }
      }
      finishProgress(cachedOldest);
    } catch (err) {
      if (err.name === "AbortError") {
        $("[data-progress-text]").textContent = "Cancelled — outstanding lookups were dropped.";
      } else {
        $("[data-progress-text]").textContent = "Lookups failed: " + err.message;
        $("[data-progress-fill]").classList.add("is-error");
      }
      $("[data-progress-eta]").textContent = "";
      $("[data-enrich-cancel]").hidden = true;
    } finally {
      if (state.enrich === controller) state.enrich = null;
    }
  }

  function setProgress(done, total, waiting, started) {
    const pct = total ? Math.min(100, Math.round((done / total) * 100)) : 0;
    const fill = $("[data-progress-fill]");
    setWidth(fill, pct);
    $("[data-progress-text]").textContent = `Looked up ${done} of ${total}`;
    let eta = "";
    if (started && done > 0 && done < total) {
      const secs = Math.round(((Date.now() - started) / 1000 / done) * (total - done));
      eta = secs < 60 ? `about ${secs}s left` : `about ${Math.round(secs / 60)} min left`;
    }
    $("[data-progress-eta]").textContent = eta;
    const waits = Object.entries(waiting).map(([name, why]) => `${providerTitle(name)}: ${why}`);
    $("[data-progress-wait]").textContent = waits.join(" · ");
  }

  // setWidth sizes the bar through the CSSOM, which the CSP allows (unlike
  // a style attribute in markup).
  function setWidth(node, pct) { node.style.width = pct + "%"; }

  function finishProgress(cachedOldest) {
    const prog = $("[data-progress]");
    prog.classList.add("is-done");
    setWidth($("[data-progress-fill]"), 100);
    $("[data-progress-eta]").textContent = "";
    $("[data-enrich-cancel]").hidden = true;
    const text = $("[data-progress-text]");
    text.replaceChildren("Lookups finished.");
    if (cachedOldest) {
      const refresh = el("button", { type: "button", class: "btn btn-small", "data-enrich-refresh": "" }, "Refresh");
      text.append(" ", el("span", { class: "cached-marker" }, `Some answers cached ${ago(cachedOldest)}`), " ", refresh);
    }
  }

  function entryFor(q) {
    const key = q.type + ":" + q.value;
    if (!state.verdicts.has(key)) state.verdicts.set(key, { consolidated: "", providers: new Map() });
    return [key, state.verdicts.get(key)];
  }

  function refreshRow(key) {
    const tr = rowByKey.get(key);
    if (!tr) return;
    const ioc = state.iocs.find((i) => keyOf(i) === key);
    if (ioc) fillVerdict(tr.querySelector("[data-verdict-cell]"), ioc);
  }

  function onResult(ev) {
    const [key, entry] = entryFor(ev.ioc);
    entry.providers.set(ev.provider, ev);
    refreshRow(key);
  }

  function onSummary(ev) {
    for (const [key, verdict] of Object.entries(ev.verdicts || {})) {
      const i = key.indexOf(":");
      const [, entry] = entryFor({ type: key.slice(0, i), value: key.slice(i + 1) });
      entry.consolidated = verdict;
      refreshRow(key);
    }
  }

  // ---- wiring ----------------------------------------------------------

  function debounce(fn, ms) {
    let t = 0;
    return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  }

  function setMode(mode) {
    state.mode = mode;
    for (const b of $$("[data-mode]")) {
      const on = b.dataset.mode === mode;
      b.classList.toggle("is-on", on);
      b.setAttribute("aria-pressed", String(on));
    }
    render();
  }

  function readFile(file) {
    if (file.size > 50 << 20) { notice("That file is too large to paste.", "error"); return; }
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      $("[data-paste]").value = String(reader.result);
      updateMeta();
      extract();
    });
    reader.addEventListener("error", () => notice("The file could not be read.", "error"));
    reader.readAsText(file);
  }

  function updateMeta() {
    const n = encoder.encode($("[data-paste]").value).length;
    const meta = $("[data-paste-meta]");
    if (!meta.dataset.limit) meta.dataset.limit = meta.textContent;
    meta.textContent = n ? `${formatBytes(n)} · ${meta.dataset.limit.replace(/^Up/, "up")}` : meta.dataset.limit;
  }

  function wire() {
    document.documentElement.classList.add("js");
    const form = $("[data-extract-form]");
    const paste = $("[data-paste]");
    if (!form || !paste) return;

    form.addEventListener("submit", (e) => { e.preventDefault(); extract(); });
    paste.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); extract(); }
    });
    paste.addEventListener("input", debounce(updateMeta, 150));
    $("[data-clear]").addEventListener("click", () => { paste.value = ""; updateMeta(); paste.focus(); });

    const zone = $("[data-dropzone]");
    document.addEventListener("dragover", (e) => e.preventDefault());
    document.addEventListener("drop", (e) => e.preventDefault());
    zone.addEventListener("dragenter", () => zone.classList.add("is-drag"));
    zone.addEventListener("dragleave", (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove("is-drag"); });
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("is-drag");
      const file = e.dataTransfer.files && e.dataTransfer.files[0];
      if (file) readFile(file);
      else {
        const text = e.dataTransfer.getData("text/plain");
        if (text) { paste.value = text; updateMeta(); extract(); }
      }
    });

    $("[data-filter]").addEventListener("input", debounce((e) => { state.filter = e.target.value.trim().toLowerCase(); render(); }, 120));
    for (const b of $$("[data-mode]")) b.addEventListener("click", () => setMode(b.dataset.mode));
    for (const c of $$("[data-hide]")) {
      c.addEventListener("change", () => {
        if (c.dataset.hide === "private") state.hidePrivate = c.checked; else state.hideDerived = c.checked;
        render();
      });
    }

    $("[data-type-toggles]").addEventListener("click", (e) => {
      const b = e.target.closest("[data-type]");
      if (!b) return;
      const t = b.dataset.type;
      if (state.offTypes.has(t)) state.offTypes.delete(t); else state.offTypes.add(t);
      b.classList.toggle("is-on", !state.offTypes.has(t));
      b.setAttribute("aria-pressed", String(!state.offTypes.has(t)));
      render();
    });

    $("[data-groups]").addEventListener("click", (e) => {
      const row = e.target.closest("[data-copy-row]");
      if (row) { copyText(copyForm(row._ioc), row, "1 value"); return; }
      const type = e.target.closest("[data-copy-type]");
      if (type) {
        const vals = currentView().filter((i) => i.type === type.dataset.copyType).map(copyForm);
        copyText(vals.join("\n"), type, `${vals.length} ${SHORT_LABELS[type.dataset.copyType] || ""} values`);
        return;
      }
      const more = e.target.closest("[data-more]");
      if (more) {
        const t = more.dataset.more;
        state.limits.set(t, (state.limits.get(t) || PAGE_SIZE) + 1000);
        render();
      }
    });

    $("[data-copy-all]").addEventListener("click", (e) => {
      const vals = currentView().map(copyForm);
      copyText(vals.join("\n"), e.currentTarget, `${vals.length} values`);
    });

    const menuBtn = $("[data-menu-button]");
    const menuList = $("[data-menu-list]");
    const closeMenu = () => { menuList.hidden = true; menuBtn.setAttribute("aria-expanded", "false"); };
    menuBtn.addEventListener("click", () => {
      menuList.hidden = !menuList.hidden;
      menuBtn.setAttribute("aria-expanded", String(!menuList.hidden));
      if (!menuList.hidden) menuList.querySelector("button").focus();
    });
    menuList.addEventListener("click", (e) => {
      const b = e.target.closest("[data-export]");
      if (b) { exportView(b.dataset.export); closeMenu(); menuBtn.focus(); }
    });
    document.addEventListener("click", (e) => { if (!e.target.closest("[data-menu]")) closeMenu(); });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { closeMenu(); $("[data-enrich-panel]").hidden = true; }
      if (e.key === "/" && document.activeElement === document.body && !$("[data-toolbar]").hidden) {
        e.preventDefault();
        $("[data-filter]").focus();
      }
    });

    $("[data-enrich-open]").addEventListener("click", openEnrich);
    $("[data-enrich-close]").addEventListener("click", () => { $("[data-enrich-panel]").hidden = true; });
    $("[data-enrich-start]").addEventListener("click", () => startEnrich($("[data-refresh]").checked));
    $("[data-enrich-cancel]").addEventListener("click", cancelEnrich);
    $("[data-progress]").addEventListener("click", (e) => {
      if (e.target.closest("[data-enrich-refresh]")) startEnrich(true, state.lastRequest && state.lastRequest.providers);
    });

    loadProviders().then(() => {
      const pill = $("[data-status]");
      if (!pill) return;
      const ready = (state.providers || []).filter((p) => p.configured);
      pill.textContent = state.offline ? "offline" : ready.length ? `${ready.length} provider${ready.length > 1 ? "s" : ""} ready` : "no provider configured";
      pill.classList.toggle("is-offline", state.offline || !ready.length);
      pill.title = state.offline ? "Lookups are off" : ready.map((p) => p.title).join(", ");
    });

    updateMeta();
    // A server-rendered result (a form post, or a reload) becomes interactive.
    if ($("[data-server-results]") && paste.value) extract();
  }

  // The two pure helpers are exposed for tests and for analysts at the
  // console; nothing else leaves this closure.
  window.oneshot = Object.freeze({ defang, csvCell });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
