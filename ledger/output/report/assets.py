"""The report's stylesheet and script, inlined into every page (no network, no CDN, system fonts)."""

CSS = """
:root {
  --bg: #ffffff; --fg: #1d1f23; --muted: #5b6270; --line: #d8dce3; --panel: #f5f7fa;
  --link: #0b57d0; --focus: #b3261e;
  --hl: rgba(255, 196, 0, 0.28); --hl-strong: rgba(255, 170, 0, 0.55);
  --bad: #b3261e; --bad-bg: rgba(214, 48, 39, 0.16); --warn: #8a5a00; --info: #005f8a; --ok: #1e6b35;
  --num: #7a2e00; --num-bg: rgba(255, 208, 0, 0.45);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16181c; --fg: #e6e8ec; --muted: #a3aab6; --line: #353a43; --panel: #1f2227;
    --link: #8ab4f8; --focus: #ff8a80;
    --hl: rgba(255, 196, 0, 0.22); --hl-strong: rgba(255, 196, 0, 0.45);
    --bad: #ff8a80; --bad-bg: rgba(255, 90, 80, 0.22); --warn: #f0c060; --info: #7fd0ff; --ok: #7ddc9a;
    --num: #ffe08a; --num-bg: rgba(255, 208, 0, 0.25);
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--link); }
a:focus-visible, button:focus-visible, [tabindex]:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px;
}
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; top: .5rem; outline: 3px solid var(--focus); }
header.site { border-bottom: 1px solid var(--line); background: var(--panel); }
header.site nav { max-width: 80rem; margin: 0 auto; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; }
header.site nav .brand { font-weight: 700; margin-right: .5rem; }
header.site nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--fg); }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
footer { max-width: 80rem; margin: 2rem auto; padding: 1rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1rem 0 .5rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.cards { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 8.5rem), 1fr)); margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; background: var(--panel); }
.card .big { font-size: 1.8rem; font-weight: 700; display: block; }
.table-wrap { overflow-x: auto; max-width: 100%; margin: .5rem 0 1.5rem; }
table { border-collapse: collapse; min-width: 50%; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
th .muted { font-weight: normal; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; border-radius: 999px; padding: 0 .55rem; font-size: .8rem; font-weight: 700; border: 1px solid currentColor; white-space: nowrap; }
.sev-error { color: var(--bad); } .sev-warning { color: var(--warn); } .sev-info { color: var(--info); }
.verdict { color: var(--ok); }
.legend { font-size: .9rem; color: var(--muted); }
.legend mark { padding: 0 .2rem; }

/* conflicts */
.toc { columns: 2 22rem; padding-left: 1.2rem; }
.toc li { break-inside: avoid; margin-bottom: .25rem; }
section.conflict { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 6px; padding: .25rem 1rem 1rem; margin: 1.5rem 0; scroll-margin-top: 1rem; }
section.conflict.sev-error { border-left-color: var(--bad); }
section.conflict.sev-warning { border-left-color: var(--warn); }
section.conflict.sev-info { border-left-color: var(--info); }
section.conflict:target { box-shadow: 0 0 0 3px var(--focus); }
section.conflict > * { color: var(--fg); }
section.conflict h2 { margin-top: .75rem; }
.passages { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); }
.passage { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; background: var(--panel); min-width: 0; }
.passage h3 { margin: .25rem 0; font-size: .95rem; overflow-wrap: anywhere; }
.passage blockquote { margin: .5rem 0; padding: .25rem .5rem; border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
.passage blockquote mark { background: var(--hl); color: inherit; }
.num { background: var(--num-bg); color: var(--num); font-weight: 700; border-radius: 3px; padding: 0 .1em; }
.passage .ctx { color: var(--muted); }

/* source pages */
.layout { display: block; }
.src { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9rem; line-height: 1.6; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 0; background: var(--bg); }
.line { display: flex; min-height: 1.6em; }
.line:target { background: var(--panel); }
.line.skipped .tx { color: var(--muted); }
.ln { flex: 0 0 3.2em; text-align: right; padding-right: .8em; color: var(--muted); user-select: none; -webkit-user-select: none; }
.ln::before { content: attr(data-n); }
.tx { flex: 1 1 auto; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; padding-right: .5rem; }
mark.hl { scroll-margin-top: 1.5rem; background: var(--hl); color: inherit; border-bottom: 2px solid rgba(200, 140, 0, .8); cursor: pointer; border-radius: 2px; }
mark.hl.conflict { background: var(--bad-bg); border-bottom-color: transparent; text-decoration: underline wavy var(--bad); text-decoration-thickness: 1px; text-underline-offset: 3px; }
mark.hl.cell { box-shadow: inset 0 0 0 1px rgba(200, 140, 0, .9); padding: 0 2px; }
mark.hl.active { background: var(--hl-strong); }
mark.hl.conflict.active { background: rgba(214, 48, 39, 0.38); }
mark.hl:focus, mark.hl:target { outline: 3px solid var(--focus); outline-offset: 1px; }
#claim-panel { border: 1px solid var(--line); border-radius: 8px; background: var(--panel); padding: .5rem .9rem 1rem; box-shadow: 0 4px 18px rgba(0,0,0,.15); }
#claim-panel[hidden] { display: none; }
#claim-panel .panel-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
#claim-panel button { font: inherit; padding: .2rem .7rem; border-radius: 6px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); cursor: pointer; }
#claim-panel .claim-info + .claim-info { border-top: 1px solid var(--line); margin-top: .5rem; padding-top: .5rem; }
@media (max-width: 63.99rem) {
  #claim-panel { position: fixed; left: .5rem; right: .5rem; bottom: .5rem; max-height: 45vh; overflow: auto; z-index: 5; }
}
@media (min-width: 64rem) {
  .layout.has-panel { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1rem; align-items: start; }
  #claim-panel { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow: auto; }
}
.claim-list { list-style: none; padding: 0; }
.claim-info { margin: 0 0 .75rem; overflow-wrap: anywhere; }
.claim-info .cid { font-weight: 700; }
.claim-info .quote { font-style: italic; }
.kind { font-size: .8rem; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; }
.conflict-links a { margin-right: .5rem; }

/* matrix */
table.matrix th[scope="row"] { position: sticky; left: 0; z-index: 1; }
table.matrix td { white-space: nowrap; font-variant-numeric: tabular-nums; text-align: right; }
table.matrix td.conflict { background: var(--bad-bg); }
table.matrix td .flag { color: var(--bad); font-weight: 700; text-decoration: none; margin-left: .2rem; }
table.matrix td .src-id { color: var(--muted); font-size: .75rem; margin-left: .15rem; }
table.matrix td.empty { color: var(--muted); text-align: center; }

@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: .75rem; }
  .ln { flex-basis: 2.4em; padding-right: .5em; }
  th, td { padding: .3rem .4rem; }
}
@media print {
  header.site, .skip, #claim-panel { display: none !important; }
  .layout.has-panel { display: block; }
}
"""

# Source pages: hovering, clicking or focusing a highlighted quote shows its claim (and every
# claim whose quote covers the same spot) in the panel; Escape closes it. Following a link to
# #claim-ID focuses that quote and shows its claim. The panel copies the server-rendered (and
# escaped) entry of the claim list below the text: no data is turned into HTML here.
JS = """
(function () {
  "use strict";
  var panel = document.getElementById("claim-panel");
  if (!panel) { return; }
  var body = panel.querySelector(".panel-body");
  var pinned = false;
  document.querySelector(".layout").classList.add("has-panel");

  function claimsAt(element) {
    var ids = [];
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      if (node.matches("mark.hl")) {
        var id = node.getAttribute("data-claim");
        if (ids.indexOf(id) < 0) { ids.push(id); }
      }
    }
    return ids;
  }
  function activate(ids) {
    document.querySelectorAll("mark.hl.active").forEach(function (m) { m.classList.remove("active"); });
    if (!ids.length) { return; }
    document.querySelectorAll("mark.hl").forEach(function (m) {
      if (m.getAttribute("data-claim") === ids[0]) { m.classList.add("active"); }
    });
  }
  function show(ids) {
    body.textContent = "";
    ids.forEach(function (id) {
      var info = document.getElementById("info-" + id);
      if (info) {
        var copy = info.cloneNode(true);
        copy.removeAttribute("id");
        body.appendChild(copy);
      }
    });
    panel.hidden = ids.length === 0;
    activate(ids);
  }
  function hide() { pinned = false; panel.hidden = true; activate([]); }
  function markOf(target) { return target && target.closest ? target.closest("mark.hl") : null; }

  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark && !pinned) { show(claimsAt(mark)); }
  });
  document.addEventListener("click", function (event) {
    var mark = markOf(event.target);
    if (mark) { pinned = true; show(claimsAt(mark)); }
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark) { pinned = true; show(claimsAt(mark)); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      var mark = markOf(document.activeElement);
      hide();
      if (mark) { mark.focus(); }
    } else if ((event.key === "Enter" || event.key === " ") && markOf(event.target)) {
      event.preventDefault();
      pinned = true;
      show(claimsAt(markOf(event.target)));
    }
  });
  panel.querySelector("button.close").addEventListener("click", hide);

  function fromHash() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (id.indexOf("claim-") !== 0) { return; }
    var target = document.getElementById(id);
    if (!target) { return; }
    target.focus({ preventScroll: true });
    // narrow screens show the panel over the lower half: put the quote near the top there
    var narrow = window.matchMedia("(max-width: 63.99rem)").matches;
    target.scrollIntoView({ block: narrow ? "start" : "center", behavior: "instant" });
    pinned = true;
    var ids = claimsAt(target);
    var own = id.slice(6);
    ids = [own].concat(ids.filter(function (x) { return x !== own; }));
    show(ids);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  // the browser's own jump to the fragment can come after this script: centre the quote again
  window.addEventListener("load", function () { setTimeout(fromHash, 0); });
})();
"""
