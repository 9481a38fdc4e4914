/* Passerelle search text analysis: the exact port of Sources/PasserelleSearch/Tokenizer.swift,
   Stemmer.swift and ArabicText.swift, so that the query turns text into the index's terms.
   Tests/Fixtures/text-terms.tsv is checked against both. Words are handled as code points. */
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

  function terms(text, language) {
    return words(text).map(function (word) { return stem(fold(word), language); });
  }

  /* Suffix helpers on arrays of code points (all suffixes here are one UTF-16 unit per letter). */
  function isVowel(c) { return typeof c === "string" && c.length === 1 && "aeiouy".indexOf(c) >= 0; }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length).join("") === s; }
  function starts(w, s) { return w.length >= s.length && w.slice(0, s.length).join("") === s; }
  function ending(w, list) { return list.find(function (s) { return ends(w, s); }); }
  function drop(w, s) { w.length -= s.length; }
  function replace(w, s, r) { drop(w, s); w.push.apply(w, Array.from(r)); }
  function undouble(w, min) {
    var n = w.length;
    if (n > min && w[n - 1] === w[n - 2] && !isVowel(w[n - 1])) w.pop();
  }

  function stem(word, language) {
    var w = Array.from(word);
    if (w.length < 3 || DIGIT.test(word)) return word;
    if (w.some(function (c) { return ARABIC_LETTER.test(c); })) return arabic(w);
    switch (String(language || "").toLowerCase().split(/[-_]/)[0]) {
      case "en": return english(w);
      case "fr": return french(w);
      case "nl": return dutch(w);
      default: return word;
    }
  }

  /* English: Porter2 (Snowball up to 2.2), with its exceptional forms. */
  var EN_EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl", ugly: "ugli",
    early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EN_INVARIANT = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
  function pairs(text) { return text.split(" ").map(function (p) { return p.split(":"); }); }
  var EN_STEP2 = pairs("ational:ate ization:ize iveness:ive fulness:ful ousness:ous tional:tion biliti:ble lessli:less " +
    "entli:ent alism:al aliti:al ousli:ous iviti:ive fulli:ful ation:ate enci:ence anci:ance abli:able izer:ize " +
    "ator:ate alli:al bli:ble ogi:og li:");
  var EN_STEP3 = pairs("ational:ate tional:tion alize:al icate:ic iciti:ic ative: ical:ic ness: ful:");
  var EN_STEP4 = "ement ance ence able ible ment ant ent ism ate iti ous ive ize ion al er ic".split(" ");

  function shortSyllable(a) {
    var n = a.length;
    if (n >= 3 && !isVowel(a[n - 3]) && isVowel(a[n - 2]) && !isVowel(a[n - 1]) && "wxY".indexOf(a[n - 1]) < 0) return true;
    return n === 2 && isVowel(a[0]) && !isVowel(a[1]);
  }

  function english(w) {
    var word = w.join(""), i, s, start, entry;
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, word)) return EN_EXCEPTIONS[word];
    if (w[0] === "'") w.shift();
    for (i = 0; i < w.length; i++) if (w[i] === "y" && (i === 0 || isVowel(w[i - 1]))) w[i] = "Y";
    function regionStart(from) {
      var j = from;
      while (j < w.length && !isVowel(w[j])) j++;
      while (j < w.length && isVowel(w[j])) j++;
      return Math.min(j + 1, w.length);
    }
    var prefix = ["gener", "commun", "arsen"].find(function (p) { return starts(w, p); });
    var p1 = prefix ? prefix.length : regionStart(0), p2 = regionStart(p1);
    function done() { return w.join("").replace(/Y/g, "y"); }

    if ((s = ending(w, ["'s'", "'s", "'"]))) drop(w, s);
    if (ends(w, "sses")) replace(w, "sses", "ss");
    else if ((s = ending(w, ["ied", "ies"]))) replace(w, s, w.length > 4 ? "i" : "ie");
    else if (ends(w, "us") || ends(w, "ss")) { /* kept */ }
    else if (ends(w, "s") && w.slice(0, -2).some(isVowel)) drop(w, "s");
    if (EN_INVARIANT.indexOf(w.join("")) >= 0) return done();

    if ((s = ending(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]))) {
      start = w.length - s.length;
      if (s.slice(0, 2) === "ee") { if (start >= p1) replace(w, s, "ee"); }
      else if (w.slice(0, start).some(isVowel)) {
        drop(w, s);
        if (ending(w, ["at", "bl", "iz"])) w.push("e");
        else if (ending(w, ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"])) w.pop();
        else if (p1 === w.length && shortSyllable(w)) w.push("e");
      }
    }
    var n = w.length;
    if ((w[n - 1] === "y" || w[n - 1] === "Y") && n > 2 && !isVowel(w[n - 2])) w[n - 1] = "i";

    entry = EN_STEP2.find(function (e) { return ends(w, e[0]); });
    if (entry && w.length - entry[0].length >= p1) {
      var previous = w[w.length - entry[0].length - 1];
      if (entry[0] === "ogi") { if (previous === "l") replace(w, "ogi", "og"); }
      else if (entry[0] === "li") { if (previous && previous.length === 1 && "cdeghkmnrt".indexOf(previous) >= 0) drop(w, "li"); }
      else replace(w, entry[0], entry[1]);
    }
    entry = EN_STEP3.find(function (e) { return ends(w, e[0]); });
    if (entry) {
      start = w.length - entry[0].length;
      if (start >= p1 && (entry[0] !== "ative" || start >= p2)) replace(w, entry[0], entry[1]);
    }
    if ((s = ending(w, EN_STEP4))) {
      start = w.length - s.length;
      if (start >= p2 && (s !== "ion" || w[start - 1] === "s" || w[start - 1] === "t")) drop(w, s);
    }
    if (ends(w, "e")) {
      start = w.length - 1;
      if (start >= p2 || (start >= p1 && !shortSyllable(w.slice(0, start)))) drop(w, "e");
    } else if (ends(w, "l")) {
      start = w.length - 1;
      if (start >= p2 && w[start - 1] === "l") drop(w, "l");
    }
    return done();
  }

  /* French, light (see Stemmer.swift): plural -aux → -al, -x, -s; one ending; undoubling. */
  var FR_ENDINGS = "atrice ateur ation ement euse eure iere ique isme iste able eur ier ite ee er e".split(" ");
  function french(w) {
    var n = w.length;
    if (n >= 5 && ends(w, "aux") && !ends(w, "eaux")) replace(w, "aux", "al");
    else if (n >= 4 && ends(w, "x")) drop(w, "x");
    else if (n >= 4 && ends(w, "s") && !ends(w, "ss") && !ends(w, "us")) drop(w, "s");
    var s = FR_ENDINGS.find(function (e) { return ends(w, e) && w.length - e.length >= 4; });
    if (s) drop(w, s);
    undouble(w, 3);
    return w.join("");
  }

  /* Dutch, light (see Stemmer.swift): -heden, diminutives, -en, -s; then -e; undoubling, v → f, z → s. */
  function dutch(w) {
    function keeps(s, min) { return ends(w, s) && w.length - s.length >= (min || 3); }
    function before(s) { return w[w.length - s.length - 1]; }
    function tidy() {
      undouble(w, 3);
      if (ends(w, "v")) replace(w, "v", "f"); else if (ends(w, "z")) replace(w, "z", "s");
    }
    var s, c;
    if (keeps("heden")) replace(w, "heden", "heid");
    else if ((s = ["etjes", "etje"].find(function (e) { return keeps(e); }))) { drop(w, s); undouble(w, 3); }
    else if ((s = ["tjes", "tje"].find(function (e) { return keeps(e); })) && (isVowel(c = before(s)) || c === "l" || c === "w")) drop(w, s);
    else if ((s = ["jes", "je"].find(function (e) { return keeps(e); }))) drop(w, s);
    else if (keeps("en") && !isVowel(before("en"))) { drop(w, "en"); tidy(); }
    else if (keeps("s") && !isVowel(c = before("s")) && c !== "j" && c !== "s") drop(w, "s");
    else if (keeps("s", 4) && "aoy".indexOf(c = before("s")) >= 0 && c.length === 1 && w[w.length - 3] !== c) drop(w, "s");
    else if (keeps("es", 4) && before("es") !== "c") drop(w, "s");
    if (keeps("e") && !isVowel(before("e"))) { drop(w, "e"); tidy(); }
    return w.join("");
  }

  /* Arabic, light (Larkey's Light10, see Stemmer.swift): one prefix, then suffixes while 2+ letters remain. */
  var AR_PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  var AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];
  function arabic(w) {
    var prefix = AR_PREFIXES.find(function (p) { return starts(w, p) && w.length - p.length >= 2; });
    if (prefix) w.splice(0, prefix.length);
    else if (w[0] === "و" && w.length >= 4) w.shift();
    var s;
    while ((s = AR_SUFFIXES.find(function (e) { return ends(w, e) && w.length - e.length >= 2; }))) drop(w, s);
    return w.join("");
  }

  var api = { words: words, fold: fold, normalizeArabic: normalizeArabic, stem: stem, terms: terms };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PasserelleText = api;
})(typeof self !== "undefined" ? self : this);
