// Passerelle search engine: queries the static index written by `passerelle build` (search/*.gz).
// Works in the browser (window.PasserelleSearch) and in Node (module.exports) for the tests.
// Needs search-text.js (the build's cutting into words and folding; no stemming: each shard lists the terms its
// words gave) and a `load(path, fresh)` function that returns a promise of the parsed JSON of a gzipped index
// file (revalidated with the server when `fresh`).
(function (root) {
  "use strict";
  var Text = typeof module === "object" && module.exports ? require("./search-text.js") : root.PasserelleText;

  var PREFIX_FACTOR = 0.8;   // a last word completed by prefix counts a little less than an exact word
  var LONGER_FACTOR = 0.25;  // ... and much less when the word is itself in the index: "java" ranks Java above JavaScript
  var TYPO_FACTOR = 0.4;     // a word found with a typo counts less than an exact or prefix hit
  var LEVELS = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, NATIVE: 7 };
  var WORDS = "~";           // a shard's word list: each word whose term is not the word itself, with its terms
  var LABEL = "@";           // ends the terms of labels (an occupation's names): "nurs@" is a nurse, "nurs" a text's word

  /** A term as a text has it: without the mark of a label's term. */
  function plain(term) { return term.charAt(term.length - 1) === LABEL ? term.slice(0, -1) : term; }

  /** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), stopping above `limit`. */
  function distance(a, b, limit) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = rows[i][0];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
        rows[i][j] = value;
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  /** Typos allowed for a word of this length: one from 5 letters, two from 9. */
  function typoLimit(word) {
    var length = Array.from(word).length;
    return length >= 9 ? 2 : length >= 5 ? 1 : 0;
  }

  function shardKey(term) { return Array.from(term).slice(0, 2).join(""); }

  function Engine(load, manifest) {
    this.load = load;
    this.manifest = manifest;
    this.shards = {};
    /** The shards loaded so far, by key: the highlighting reads their word lists. */
    this.loaded = {};
    this.chunks = {};
    this.facetData = null;
  }

  /**
   * Opens the index whose manifest is at `manifestPath`. The manifest keeps its address from build to build and
   * is asked for fresh (`load(path, true)`: revalidated, never taken unchecked from a cache); every file it names
   * is named after its content, so a manifest is never read with the shards of another build.
   */
  Engine.open = function (load, manifestPath) {
    return load(manifestPath, true).then(function (manifest) { return new Engine(load, manifest); });
  };

  Engine.prototype.shard = function (key) {
    var self = this, name = this.manifest.shards[key];
    if (!name) return Promise.resolve({});
    if (!this.shards[key]) this.shards[key] = this.load(name).then(function (shard) { self.loaded[key] = shard; return shard; });
    return this.shards[key];
  };

  Engine.prototype.facets = function () {
    if (!this.facetData) this.facetData = this.load(this.manifest.facets).then(decodeFacets);
    return this.facetData;
  };

  /** The result records of these documents, in the same order. */
  Engine.prototype.records = function (ids) {
    var self = this, size = this.manifest.chunk;
    var needed = {};
    ids.forEach(function (id) { needed[Math.floor(id / size)] = true; });
    var loads = Object.keys(needed).map(function (n) {
      if (!self.chunks[n]) self.chunks[n] = self.load(self.manifest.records[n]);
      return self.chunks[n];
    });
    return Promise.all(loads).then(function () {
      return Promise.all(ids.map(function (id) {
        return self.chunks[Math.floor(id / size)].then(function (chunk) {
          var record = chunk[id % size];
          return { id: id, url: record.u, title: record.t, type: record.k, summary: record.s, excerpt: record.x,
                   thumbnail: record.i || null, initials: record.a || null,
                   reasons: (record.y || []).map(function (r) { return { kind: r[0] === "o" ? "occupation" : "skill", label: r[1], terms: r.slice(2) }; }) };
        });
      }));
    });
  };

  /**
   * The skills and the occupation of a record that a search matched (`terms`: the matched terms per query word, as
   * `search` gives them): {skills: [names], occupation: name or null}.
   */
  Engine.prototype.reasons = function (record, terms) {
    var matched = {};
    terms.forEach(function (group) { group.forEach(function (t) { matched[plain(t)] = true; }); });
    var found = { skills: [], occupation: null };
    (record.reasons || []).forEach(function (reason) {
      if (!reason.terms.some(function (t) { return matched[t] === true; })) return;
      if (reason.kind === "occupation") found.occupation = reason.label;
      else found.skills.push(reason.label);
    });
    return found;
  };

  /**
   * The terms a folded word gave in the documents, read from a loaded shard: its word list (`~`, the words whose
   * term is not the word itself) and the word itself when it is a term. The browser never stems: the index says.
   */
  function termsOf(shard, folded) {
    var out = ((shard && shard[WORDS]) || {})[folded] || [];
    out = out.slice();
    if (shard && folded !== WORDS && shard[folded] && out.indexOf(folded) < 0) out.push(folded);
    return out;
  }

  /** The terms a word gave in the index's documents, looked up in its shard's word list (never stemmed here). */
  Engine.prototype.lookup = function (word) {
    var folded = Text.fold(word);
    return this.shard(shardKey(folded)).then(function (home) { return termsOf(home, folded); });
  };

  /**
   * Query words → for each, the index terms that can stand for it, with a factor. A word is looked up in the
   * word list of its shard (the terms it gave in every language the documents were stemmed in), and each of
   * those terms, with its skill aliases and as an occupation's label, is a term the word stands for. The last
   * word also stands for the terms and words it begins; a word the index does not know, for those within a
   * typo or two.
   */
  Engine.prototype.expand = function (query) {
    var self = this;
    var words = Text.words(query);
    return Promise.all(words.map(function (word, index) {
      var folded = Text.fold(word);
      var isLast = index === words.length - 1;
      return self.shard(shardKey(folded)).then(function (home) {
        var candidates = {};
        function offer(t, factor) {
          [t].concat(self.manifest.aliases[t] || []).forEach(function (term) {
            [term, term + LABEL].forEach(function (u) { if (!(u in candidates) || candidates[u] < factor) candidates[u] = factor; });
          });
        }
        var exact = termsOf(home, folded);
        exact.forEach(function (t) { offer(t, 1); });
        if (isLast) {
          var factor = exact.length ? LONGER_FACTOR : PREFIX_FACTOR;
          Object.keys(home).forEach(function (t) { if (t !== WORDS && t !== folded && t.indexOf(folded) === 0) offer(plain(t), factor); });
          Object.keys(home[WORDS] || {}).forEach(function (w) {
            if (w !== folded && w.indexOf(folded) === 0) home[WORDS][w].forEach(function (t) { offer(t, factor); });
          });
        }
        // Typos are tried only for a word the index knows under no term and that begins none.
        var limit = typoLimit(folded);
        if (!Object.keys(candidates).length && limit > 0) {
          Object.keys(home).forEach(function (t) { if (t !== WORDS && distance(folded, plain(t), limit) <= limit) offer(plain(t), TYPO_FACTOR); });
          Object.keys(home[WORDS] || {}).forEach(function (w) {
            if (distance(folded, w, limit) <= limit) home[WORDS][w].forEach(function (t) { offer(t, TYPO_FACTOR); });
          });
        }
        var keys = {};
        Object.keys(candidates).forEach(function (t) { keys[shardKey(t)] = true; });
        return Promise.all(Object.keys(keys).map(function (k) { return self.shard(k); })).then(function (shards) {
          var postings = [];
          shards.forEach(function (shard) {
            Object.keys(candidates).forEach(function (t) {
              if (t !== WORDS && Array.isArray(shard[t])) postings.push({ term: t, factor: candidates[t], list: shard[t] });
            });
          });
          return { word: word, postings: postings };
        });
      });
    }));
  };

  /**
   * The excerpt text cut into pieces for highlighting: [{from, to, hit}] covering `source`, where a piece is
   * a hit when one of its words gave one of `terms` (by the word lists of the shards loaded) (the matched terms
   * of a search, per query word); `first` is where the first hit starts (-1 if none).
   */
  Engine.prototype.highlights = function (source, terms) {
    var self = this, matched = {};
    terms.forEach(function (group) { group.forEach(function (t) { matched[plain(t)] = true; }); });
    var pattern = /[\p{Alphabetic}\p{N}\p{Mn}.\/+#'’]+/gu, match, first = -1, pieces = [], lastIndex = 0;
    while ((match = pattern.exec(source)) !== null) {
      var hit = Text.words(match[0]).some(function (w) {
        var folded = Text.fold(w);
        return termsOf(self.loaded[shardKey(folded)], folded).concat([folded]).some(function (term) { return matched[term] === true; });
      });
      if (hit && first < 0) first = match.index;
      pieces.push({ from: lastIndex, to: match.index, hit: false }, { from: match.index, to: match.index + match[0].length, hit: hit });
      lastIndex = match.index + match[0].length;
    }
    pieces.push({ from: lastIndex, to: source.length, hit: false });
    return { pieces: pieces, first: first };
  };

  /**
   * Search: every query word must match (AND); scores add up the BM25 impacts of the best term for each word.
   * `filters` (optional): {type, sector, skill, occupation, country, programme: [values], language: [{code, level}], available: "YYYY-MM-DD"}.
   * Resolves to {total, ids (best first), terms (per word, for highlighting)}.
   */
  Engine.prototype.search = function (query, filters) {
    var self = this;
    var hasFilters = filters && Object.keys(filters).some(function (k) { var v = filters[k]; return v && (!Array.isArray(v) || v.length); });
    return Promise.all([this.expand(query || ""), hasFilters ? this.facets() : Promise.resolve(null)]).then(function (parts) {
      var groups = parts[0], facets = parts[1];
      var allowed = facets ? allowedDocuments(facets, filters, self.manifest.documents) : null;
      var scores = null;
      groups.forEach(function (group) {
        var best = {};
        group.postings.forEach(function (posting) {
          var list = posting.list, doc = 0;
          for (var i = 0; i < list.length; i += 2) {
            doc += list[i];
            var score = list[i + 1] * posting.factor;
            if (!(doc in best) || best[doc] < score) best[doc] = score;
          }
        });
        if (scores === null) scores = best;
        else {
          var next = {};
          Object.keys(scores).forEach(function (doc) { if (doc in best) next[doc] = scores[doc] + best[doc]; });
          scores = next;
        }
      });
      var ids;
      if (scores === null) {
        ids = allowed ? Object.keys(allowed).map(Number) : [];
        ids.sort(function (a, b) { return a - b; });
      } else {
        ids = Object.keys(scores).map(Number).filter(function (id) { return !allowed || allowed[id]; });
        ids.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      }
      return { total: ids.length, ids: ids, words: groups.map(function (g) { return g.word; }),
               terms: groups.map(function (g) { return g.postings.map(function (p) { return p.term; }); }) };
    });
  };

  /** How many of `ids` have each filter value: the live counts next to each filter. */
  Engine.prototype.counts = function (ids) {
    return this.facets().then(function (facets) {
      var inResult = {};
      ids.forEach(function (id) { inResult[id] = true; });
      var counts = {};
      ["type", "sector", "skill", "occupation", "country", "programme"].forEach(function (facet) {
        counts[facet] = {};
        Object.keys(facets[facet]).forEach(function (value) {
          counts[facet][value] = facets[facet][value].filter(function (id) { return inResult[id]; }).length;
        });
      });
      counts.language = {};
      Object.keys(facets.language).forEach(function (code) {
        counts.language[code] = Object.keys(facets.language[code]).filter(function (id) { return inResult[id]; }).length;
      });
      return counts;
    });
  };

  function undelta(list) {
    var out = [], value = 0;
    for (var i = 0; i < list.length; i++) { value += list[i]; out.push(value); }
    return out;
  }

  function decodeFacets(raw) {
    var facets = {};
    ["type", "sector", "skill", "occupation", "country", "programme"].forEach(function (facet) {
      facets[facet] = {};
      Object.keys(raw[facet] || {}).forEach(function (value) { facets[facet][value] = undelta(raw[facet][value]); });
    });
    facets.language = {};
    Object.keys(raw.language || {}).forEach(function (code) {
      var pairs = raw.language[code], levels = {};
      for (var i = 0; i < pairs.length; i += 2) levels[pairs[i]] = pairs[i + 1];
      facets.language[code] = levels;
    });
    facets.available = {};
    for (var i = 0; i < (raw.available || []).length; i += 2) facets.available[raw.available[i]] = raw.available[i + 1];
    return facets;
  }

  /** The documents every active filter lets through; values of one filter are alternatives (OR), filters combine (AND). */
  function allowedDocuments(facets, filters, total) {
    var allowed = {};
    for (var id = 0; id < total; id++) allowed[id] = true;
    function keep(test) { Object.keys(allowed).forEach(function (id) { if (!test(Number(id))) delete allowed[id]; }); }
    ["type", "sector", "skill", "occupation", "country", "programme"].forEach(function (facet) {
      var values = filters[facet];
      if (!values || !values.length) return;
      var set = {};
      values.forEach(function (value) { (facets[facet][value] || []).forEach(function (id) { set[id] = true; }); });
      keep(function (id) { return set[id]; });
    });
    (filters.language || []).forEach(function (wanted) {
      var levels = facets.language[wanted.code] || {};
      var minimum = LEVELS[String(wanted.level || "A1").toUpperCase()] || 1;
      keep(function (id) { return (levels[id] || 0) >= minimum; });
    });
    if (filters.available) {
      var day = Number(String(filters.available).replace(/-/g, ""));
      keep(function (id) { return id in facets.available && facets.available[id] <= day; });
    }
    return allowed;
  }

  var api = { Engine: Engine, distance: distance, typoLimit: typoLimit, shardKey: shardKey,
              LEVELS: LEVELS };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PasserelleSearch = api;
})(typeof self !== "undefined" ? self : this);
