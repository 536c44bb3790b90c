// The reference editor page of rolint serve: what a CMS integration can look like.
// Plain JavaScript, no build step, no outside resources (works offline). It sends the
// title and the body to POST /v1/check while you type, underlines what comes back in
// place, and lets you apply a fix or dismiss one finding (its fingerprint goes into
// `ignore` of every later check, so it stays dismissed while the text changes).
"use strict";

const FIELDS = ["title", "body"];
const VERDICTS = {
  publish: "Se poate publica",
  warn: "Se poate publica, cu avertismente",
  block: "Publicarea e blocată",
};
const state = { diags: { title: [], body: [] }, ignore: new Set(), seq: 0, timer: 0, rules: {} };
const $ = (id) => document.getElementById(id);

// -- text of an editable field, and the caret in it (UTF-16 offsets) ------------------
function walk(node, visit) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) visit(child, child.data);
    else if (child.nodeName === "BR") visit(child, "\n");
    else {
      if ((child.nodeName === "DIV" || child.nodeName === "P") && child.previousSibling) {
        visit(child, "\n");
      }
      walk(child, visit);
    }
  }
}

function readText(el) {
  let out = "";
  walk(el, (_node, text) => { out += text; });
  return out;
}

function caretOf(el) {
  const sel = window.getSelection();
  if (!sel.rangeCount || !el.contains(sel.focusNode)) return null;
  const range = document.createRange();
  range.setStart(el, 0);
  range.setEnd(sel.focusNode, sel.focusOffset);
  const probe = document.createElement("div");
  probe.appendChild(range.cloneContents());
  return readText(probe).length;
}

function placeCaret(el, offset) {
  let left = offset;
  let done = false;
  walk(el, (node, text) => {
    if (done) return;
    if (node.nodeType === Node.TEXT_NODE && left <= text.length) {
      const range = document.createRange();
      range.setStart(node, left);
      range.collapse(true);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      done = true;
    } else {
      left -= text.length;
    }
  });
}

// -- positions: the server counts in UTF-16 when asked, like JavaScript strings -------
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function span(text, range) {
  const starts = lineStarts(text);
  const at = (p) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  return [at(range.start), at(range.end)];
}

// -- rendering ---------------------------------------------------------------------
function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function render(name) {
  const el = $(name);
  const text = readText(el);
  const caret = document.activeElement === el ? caretOf(el) : null;
  const diags = state.diags[name]
    .map((d, i) => ({ d, i, s: span(text, d.range) }))
    .filter((x) => x.s[1] > x.s[0])
    .sort((a, b) => a.s[0] - b.s[0]);
  let html = "";
  let pos = 0;
  for (const { d, i, s } of diags) {
    if (s[0] < pos) continue; // overlapping findings: the first one is shown
    const cls = `issue ${d.severity}${d.blocking ? " blocking" : ""}`;
    html += escapeHtml(text.slice(pos, s[0]));
    html += `<span class="${cls}" data-field="${name}" data-i="${i}">`;
    html += `${escapeHtml(text.slice(s[0], s[1]))}</span>`;
    pos = s[1];
  }
  html += escapeHtml(text.slice(pos));
  if (text.endsWith("\n")) html += "\n"; // keep a trailing empty line visible
  el.innerHTML = html;
  if (caret !== null) placeCaret(el, caret);
}

function renderSidebar(body) {
  const verdict = $("verdict");
  verdict.dataset.verdict = body.verdict;
  verdict.textContent = VERDICTS[body.verdict] + (body.overridden ? " (aprobat)" : "");
  $("reasons").replaceChildren(...body.reasons.map((r) => item("li", r)));
  const list = [];
  for (const name of FIELDS) {
    state.diags[name].forEach((d, i) => list.push(issueItem(name, d, i)));
  }
  $("issues").replaceChildren(...list);
  const ignored = body.ignored ? `, ${body.ignored} ignorate` : "";
  $("count").textContent = `(${list.length}${ignored})`;
}

function item(tag, text, cls) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function ruleLink(d) {
  const a = document.createElement("a");
  a.href = d.url;
  a.target = "_blank";
  a.append(item("code", d.rule));
  return a;
}

function buttons(name, d) {
  const out = [];
  const options = d.replacements.slice(0, 4);
  if (!options.length && d.fix) options.push(null);
  options.forEach((text, k) => {
    const label = text === null ? "Corectează" : `Corectează: ${text || "(șterge)"}`;
    const b = item("button", label, "apply");
    b.addEventListener("click", () => applyFix(name, d, k));
    out.push(b);
  });
  const dismiss = item("button", "Ignoră", "dismiss");
  dismiss.addEventListener("click", () => dismissFinding(d));
  out.push(dismiss);
  return out;
}

function issueItem(name, d) {
  const li = document.createElement("li");
  li.append(item("span", d.message), " ", ruleLink(d), document.createElement("br"));
  li.append(...buttons(name, d));
  return li;
}

// -- the hover card ----------------------------------------------------------------
let hideTimer = 0;
function showTip(target) {
  const d = state.diags[target.dataset.field][Number(target.dataset.i)];
  if (!d) return;
  const tip = $("tip");
  clearTimeout(hideTimer);
  tip.replaceChildren(item("div", d.message));
  const summary = state.rules[d.rule];
  if (summary) tip.append(item("div", summary, "summary"));
  tip.append(ruleLink(d), document.createElement("br"));
  tip.append(...buttons(target.dataset.field, d));
  const box = target.getBoundingClientRect();
  tip.style.left = `${window.scrollX + box.left}px`;
  tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  tip.hidden = false;
}

function hideTipSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => { $("tip").hidden = true; }, 400);
}

// -- actions -----------------------------------------------------------------------
function applyFix(name, d, k) {
  const el = $(name);
  let text = readText(el);
  const edits = k === 0 && d.fix ? d.fix.edits : [{ range: d.range, text: d.replacements[k] }];
  const spans = edits.map((e) => [...span(text, e.range), e.text]).sort((a, b) => b[0] - a[0]);
  for (const [s, e, t] of spans) text = text.slice(0, s) + t + text.slice(e);
  state.diags[name] = [];
  el.textContent = text;
  $("tip").hidden = true;
  check();
}

function dismissFinding(d) {
  state.ignore.add(d.fingerprint);
  $("tip").hidden = true;
  check();
}

function headers() {
  const h = { "Content-Type": "application/json" };
  const token = $("token").value.trim();
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function check() {
  const seq = ++state.seq;
  const texts = Object.fromEntries(FIELDS.map((n) => [n, readText($(n))]));
  const request = {
    fields: FIELDS.map((n) => ({ name: n, format: "text", content: texts[n] })),
    ignore: [...state.ignore],
    position_encoding: "utf-16",
  };
  $("status").textContent = "verific…";
  let r;
  try {
    r = await fetch("/v1/check", { method: "POST", headers: headers(), body: JSON.stringify(request) });
  } catch (err) {
    $("status").textContent = `serverul nu răspunde (${err})`;
    return;
  }
  if (seq !== state.seq) return; // a newer check is on its way
  const body = await r.json();
  if (!r.ok) {
    $("status").textContent = `${r.status}: ${body.detail || body.title}`;
    return;
  }
  if (FIELDS.some((n) => readText($(n)) !== texts[n])) return; // typed meanwhile
  for (const f of body.fields) state.diags[f.name] = f.diagnostics;
  FIELDS.forEach(render);
  renderSidebar(body);
  const incomplete = body.complete ? "" : ` — incomplet: ${body.incomplete_reason}`;
  $("status").textContent = `verificat (${body.ruleset})${incomplete}`;
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, 300);
}

async function loadRules() {
  try {
    const r = await fetch("/v1/rules");
    if (r.ok) for (const rule of (await r.json()).rules) state.rules[rule.id] = rule.summary;
  } catch (err) {
    // the hover card then shows the message and the link only
  }
}

function start() {
  loadRules();
  $("token").value = sessionStorage.getItem("rolint-token") || "";
  $("token").addEventListener("change", () => {
    sessionStorage.setItem("rolint-token", $("token").value.trim());
    check();
  });
  for (const name of FIELDS) {
    const el = $(name);
    el.addEventListener("input", scheduleCheck);
    el.addEventListener("mouseover", (e) => {
      const target = e.target.closest(".issue");
      if (target) showTip(target);
    });
    el.addEventListener("mouseout", (e) => { if (e.target.closest(".issue")) hideTipSoon(); });
  }
  $("title").addEventListener("keydown", (e) => { if (e.key === "Enter") e.preventDefault(); });
  $("tip").addEventListener("mouseenter", () => clearTimeout(hideTimer));
  $("tip").addEventListener("mouseleave", hideTipSoon);
  check();
}

document.addEventListener("DOMContentLoaded", start);
