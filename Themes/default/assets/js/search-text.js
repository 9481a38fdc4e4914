/* Passerelle search text analysis: the exact port of Sources/PasserelleSearch/Tokenizer.swift and ArabicText.swift
   (words, lower case, elisions, connectors, accents and Arabic normalised), so that a query word is the key the
   index's word lists use. There is no stemming here: the build stems with Snowball and each shard lists the
   terms of its words. Tests/Fixtures/text-terms.tsv is checked against both. Words are handled as code points. */
(function (root) {
  "use strict";

  var WORD = /[\p{Alphabetic}\p{N}\p{Mn}]/u, MN = /\p{Mn}/u, DIGIT = /\p{Nd}/u;
  // Swift compares characters: "'" followed by a grapheme extender or spacing mark (JOINS) is another
  // character, so no elision; and Foundation does not replace a "’" followed by a grapheme extender.
  var JOINS = "(?![\\u102B\\u102C\\u1038\\u1062-\\u1064\\u1067-\\u106D\\u1083\\u1087-\\u108C\\u108F\\u109A-\\u109C" +
    "\\u1A61\\u1A63\\u1A64\\uAA7B\\uAA7D\\u{11720}\\u{11721}])[\\p{M}\\u0E33\\u0EB3\\uFF9E\\uFF9F]";
  var MARK = new RegExp("^" + JOINS, "u"), QUOTE = /’(?!\p{Grapheme_Extend})/gu;
  var ARABIC_BLOCK = /[\u0600-\u06FF]/, ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D5\u06EE\u06EF\u06FA-\u06FF]/;
  var ELISIONS = ["qu'", "l'", "d'", "j'", "n'", "s'", "c'", "m'", "t'"];

  /* Words as written: runs of letters, digits and marks, with the connectors . / + # ' ’ */
  function words(text) {
    var out = [], current = "";
    function flush() { var word = clean(current); if (word !== null) out.push(word); current = ""; }
    for (var c of String(text)) {
      if (WORD.test(c) || "./+#'’".indexOf(c) >= 0) current += c; else flush();
    }
    flush();
    return out;
  }

  /* Lower case (code point by code point, as Swift), elision removed, connectors resolved. */
  function clean(raw) {
    var word = Array.from(raw, function (c) { return c.toLowerCase(); }).join("").replace(QUOTE, "'");
    for (var i = 0; i < ELISIONS.length; i++) {
      var p = ELISIONS[i];
      // Swift compares characters: a mark after the apostrophe makes it another character.
      if (word.startsWith(p) && word.length > p.length && !MARK.test(word.slice(p.length))) { word = word.slice(p.length); break; }
    }
    var result = "";
    for (var c of word) {
      if (c === "#") { if (result) result += "sharp"; }
      else if (c === "+") { if (result) result += "plus"; }
      else if (c !== "." && c !== "/" && c !== "'") result += c;
    }
    return result ? result : null;
  }

  function fold(word) {
    var s = "";
    for (var c of word.normalize("NFD")) if (!MN.test(c) || ARABIC_BLOCK.test(c)) s += c;
    s = s.normalize("NFC");
    return ARABIC_BLOCK.test(s) ? normalizeArabic(s) : s;
  }

  function normalizeArabic(text) {
    return text.replace(/[\u0640\u064B-\u0652\u0670]/g, "").replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0629/g, "\u0647").replace(/[\u0649\u0626]/g, "\u064A").replace(/\u0624/g, "\u0648");
  }

  /* The folded words of a text: what the index's word lists are keyed by. */
  function keys(text) {
    return words(text).map(fold);
  }

  var api = { words: words, fold: fold, normalizeArabic: normalizeArabic, keys: keys };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PasserelleText = api;
})(typeof self !== "undefined" ? self : this);
