/* Japanese search (Japanese edition only, see _ext/languages.py). Sphinx indexes the Japanese
   pages word by word, but it splits a typed query only at spaces and punctuation, so that
   安全保障協力 is looked up as one word and finds nothing. This splitQuery (which Sphinx's
   searchtools.js calls) cuts the query into words with the browser's Intl.Segmenter, then joins
   neighbouring pieces back into the longest word the index knows, since the index's splitter
   (Sphinx's) and the browser's do not always cut in the same places. */
(function () {
  "use strict";
  // Jupyter Book loads this script in both editions: only Japanese pages change their search.
  if (!/^ja\b/.test(document.documentElement.lang || "")) return;
  var DEFAULT = /[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/u;

  function pieces(query) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) {
      return query.split(DEFAULT).filter(function (t) { return t; });
    }
    var out = [];
    var seg = new Intl.Segmenter("ja", { granularity: "word" });
    Array.from(seg.segment(query)).forEach(function (s) {
      out.push(s.isWordLike ? s.segment : null);  // null: a space or a mark between words
    });
    return out;
  }

  function known(word) {
    var index = window.Search && window.Search._index;
    if (!index) return false;
    var w = word.toLowerCase();
    return (index.terms && w in index.terms) || (index.titleterms && w in index.titleterms);
  }

  window.splitQuery = function (query) {
    var parts = pieces(query), words = [], i = 0, j, best, word;
    while (i < parts.length) {
      if (parts[i] === null) { i++; continue; }
      // the longest run of neighbouring pieces that the index holds as one word
      for (j = i + 1, best = i; j < parts.length && parts[j] !== null; j++) {
        if (known(parts.slice(i, j + 1).join(""))) best = j;
      }
      word = parts.slice(i, best + 1).join("");
      words.push(word);
      i = best + 1;
    }
    return words;
  };
  // searchtools.js's `var splitQuery` is this same global: declared only when none exists, and
  // replaced by the assignment above when searchtools.js came first.
})();
