/* Quizzes of the course in the static book (no kernel): finds every [data-jesc-quiz] element,
   reads its JSON blob and checks answers in the page. Text is set with textContent only.
   The interface strings come in the blob ("ui", from jesc.quiz.translate.UI, in the edition's
   language); the English ones below stand in for a blob made before they were added. */
(function () {
  "use strict";
  var RIGHT = "\u2714", WRONG = "\u2718";
  var EN = {
    correct: "Correct.", not_quite: "Not quite.", read_section: "Read the section",
    try_again: "Try again: the explanation appears once your answer is right.",
    source: " (source: {source})", missed: "Missed: {feedback}", ordered: "{text}: {feedback}",
    matched: "{text} \u2192 {match}: right.", mismatched: "{text} \u2192 not {match}: {feedback}",
    need_option: "Choose an option.", need_number: "Enter a number, e.g. 12 or 3.5.",
    plain_number: "Please write the number plainly, e.g. 1000 or 3.5: \u201c{answer}\u201d can be read as two different numbers.",
    need_every_list: "Make a choice in every list.", need_positions: "Give each item a different position.",
    score_checked: "Score: {right} of {total} correct ({checked} checked)"
  };
  var T = EN;

  function t(key, values) {
    var s = (T && T[key]) || EN[key] || key;
    return s.replace(/\{(\w+)\}/g, function (m, k) { return values && k in values ? String(values[k]) : m; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function href(link) {
    if (/^https?:\/\//.test(link)) return link;
    if (link.charAt(0) === "#") return link;
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.\/#-]*$/.test(link)) return null;
    var root = document.documentElement.getAttribute("data-content_root") || "";
    var parts = link.split("#");
    return root + parts[0] + ".html" + (parts[1] ? "#" + parts[1] : "");
  }

  // The number a student typed, read as jesc.quiz.model.read_number reads it: "1000", "1,000" and
  // "1 000" are one thousand; "1.000" and "1,5" can be read two ways (ask for a plain number);
  // anything else is no number (ask for one). Returns a number, "ambiguous" or null.
  var PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  var GROUPED = /^[-+]?\d{1,3}([, \u00a0\u202f\u2009])\d{3}(\1\d{3})*(\.\d+)?$/;
  var DOT_GROUPED = /^[-+]?[1-9]\d{0,2}(\.\d{3})+$/;
  function readNumber(text) {
    var s = String(text).trim().replace(/\u2212/g, "-"), m;
    if (DOT_GROUPED.test(s)) return "ambiguous";
    if (PLAIN.test(s)) return parseFloat(s);
    m = GROUPED.exec(s);
    if (m) return parseFloat(s.split(m[1]).join(""));
    if (/\d[.,]\d/.test(s)) return "ambiguous";
    return null;
  }

  // What to ask when a question is checked before it is answered (from the quiz data: the live
  // widget asks the same). An unanswered question is never graded as wrong.
  function answerOf(li, q, missing) {
    var i, v, out = [];
    if (q.type === "single") {
      v = li.querySelector("input:checked");
      return v ? { value: +v.value } : { missing: missing.single };
    }
    if (q.type === "multiple") {
      li.querySelectorAll("input:checked").forEach(function (c) { out.push(+c.value); });
      return out.length ? { value: out } : { missing: missing.multiple };
    }
    if (q.type === "numeric") {
      v = li.querySelector("input").value;
      var n = readNumber(v);
      if (n === "ambiguous") return { missing: t("plain_number", { answer: v.trim() }) };
      if (n === null) return { missing: missing.numeric };
      return { value: n };
    }
    var sels = li.querySelectorAll("select");
    for (i = 0; i < sels.length; i++) {
      if (sels[i].value === "") return { missing: missing.matching };
      out.push(+sels[i].value);
    }
    if (q.type === "ordering") {
      var order = [];
      for (i = 0; i < sels.length; i++) order[+sels[i].value - 1] = +sels[i].getAttribute("data-item");
      for (i = 0; i < sels.length; i++) if (order[i] === undefined) return { missing: missing.ordering };
      return { value: order };
    }
    var terms = [];
    for (i = 0; i < sels.length; i++) terms[+sels[i].getAttribute("data-term")] = out[i];
    return { value: terms };
  }

  function check(q, a) {
    var fb = [], ok, i, o;
    if (q.type === "single") {
      ok = a === q.answer; o = q.options[a];
      fb.push([o.feedback, o.link, ok]);
    } else if (q.type === "multiple") {
      ok = a.length === q.answer.length;
      for (i = 0; i < q.options.length; i++) {
        var sel = a.indexOf(i) >= 0, corr = q.answer.indexOf(i) >= 0;
        if (sel !== corr) ok = false;
        if (sel || corr) fb.push([sel ? q.options[i].feedback : t("missed", { feedback: q.options[i].feedback }),
          q.options[i].link, sel === corr]);
      }
    } else if (q.type === "numeric") {
      var slack = q.tolerance + 1e-9 * Math.max(1, Math.abs(q.answer));
      ok = Math.abs(a - q.answer) <= slack;
      fb.push([ok ? q.feedback.correct : (a < q.answer ? q.feedback.low : q.feedback.high), q.link, ok]);
    } else if (q.type === "ordering") {
      ok = true;
      for (i = 0; i < a.length; i++) if (a[i] !== i) {
        ok = false; o = q.options[a[i]];
        fb.push([t("ordered", { text: o.text, feedback: o.feedback }), o.link, false]);
      }
    } else {
      ok = true;
      for (i = 0; i < a.length; i++) {
        o = q.options[i];
        if (a[i] === i) fb.push([t("matched", { text: o.text, match: o.match }), null, true]);
        else {
          ok = false;
          fb.push([t("mismatched", { text: o.text, match: q.options[a[i]].match, feedback: o.feedback }), o.link, false]);
        }
      }
    }
    return { ok: ok, fb: fb };
  }

  function show(box, q, r) {
    box.textContent = "";
    var res = el("div", "jesc-result " + (r.ok ? "jesc-right" : "jesc-wrong"));
    var p = el("p", "jesc-verdict"), s = el("strong", null, r.ok ? RIGHT + " " + t("correct") : WRONG + " " + t("not_quite"));
    p.appendChild(s); res.appendChild(p);
    var ul = el("ul");
    r.fb.forEach(function (f) {
      var li = el("li", null, (f[2] === true ? RIGHT + " " : f[2] === false ? WRONG + " " : "") + f[0]);
      var h = f[1] && href(f[1]);
      if (h) { li.appendChild(document.createTextNode(" ")); var a = el("a", null, t("read_section")); a.href = h; li.appendChild(a); }
      ul.appendChild(li);
    });
    res.appendChild(ul);
    var expl = el("p", "jesc-expl", r.ok ? q.explanation : t("try_again"));
    // only a relative link to an entry's anchor (never a javascript: or external URL)
    if (r.ok && q.cite && /^[A-Za-z0-9_.\/-]*#[a-z0-9-]+$/.test(q.cite.href)) {
      // "(source: Tsuruoka, 2010)" in the edition's language, linked to the entry on the Bibliography page
      var cite = el("a", "jesc-cite", q.cite.text);
      cite.href = q.cite.href;
      cite.setAttribute("data-key", q.source);
      var around = t("source", { source: "\u0000" }).split("\u0000");
      expl.appendChild(document.createTextNode(around[0]));
      expl.appendChild(cite);
      expl.appendChild(document.createTextNode(around[1] || ""));
    }
    res.appendChild(expl);
    box.appendChild(res);
  }

  function init(root) {
    if (root.getAttribute("data-jesc-ready")) return;
    var blob = root.querySelector("script.jesc-quiz-data"), data;
    try { data = JSON.parse(blob.textContent); } catch (e) { return; }
    root.setAttribute("data-jesc-ready", "1");
    T = data.ui || EN;
    var nojs = root.querySelector(".jesc-quiz-nojs");
    if (nojs) nojs.hidden = true;
    var score = root.querySelector(".jesc-score"), results = {}, total = data.questions.length;
    function rescore() {
      var right = 0, done = 0, k;
      for (k in results) { done++; if (results[k]) right++; }
      score.textContent = t("score_checked", { right: right, total: total, checked: done });
    }
    data.questions.forEach(function (q) {
      var li = root.querySelector('li.jesc-q[data-qid="' + q.id + '"]');
      if (!li) return;
      var box = li.querySelector(".jesc-feedback"), btn = li.querySelector("button.jesc-check");
      function run(quiet) {
        var a = answerOf(li, q, data.missing);
        if (a.missing) {
          if (!quiet) { box.textContent = ""; box.appendChild(el("p", "jesc-missing", a.missing)); }
          return;
        }
        var r = check(q, a.value);
        results[q.id] = r.ok;
        li.classList.remove("jesc-is-right", "jesc-is-wrong");
        li.classList.add(r.ok ? "jesc-is-right" : "jesc-is-wrong");
        show(box, q, r);
        rescore();
      }
      btn.addEventListener("click", function () { run(false); });
      if (q.type === "numeric") {
        li.querySelector("input").addEventListener("keydown", function (ev) {
          if (ev.key === "Enter") { ev.preventDefault(); run(false); }
        });
      }
      if (data.feedback === "immediate") li.addEventListener("change", function () { run(true); });
    });
  }

  function initAll() { document.querySelectorAll("[data-jesc-quiz]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
})();
