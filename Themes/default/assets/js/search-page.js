// The /search/ page: the query and filters live in the URL (?q=java&type=talent&lang=nl-B1&country=BE),
// so a search can be bookmarked and shared; results update as the visitor types.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.PasserelleSearch || !window.PasserelleText || typeof DecompressionStream === "undefined") return;
  var Text = window.PasserelleText;
  var strings = JSON.parse(root.getAttribute("data-strings") || "{}");
  var base = root.getAttribute("data-base");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filterBox = document.getElementById("search-filter-groups");
  var more = document.getElementById("search-more");
  var FACETS = ["type", "sector", "country", "programme", "skill"];
  var PAGE = 20;
  var engine = null, last = null, shown = 0, token = 0;

  function load(path) {
    return fetch(base + path).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
    });
  }

  function text(key, values) {
    var value = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) { value = value.split("{" + name + "}").join(values[name]); });
    return value;
  }

  function label(facet, value) { return (engine && engine.manifest.labels[facet + ":" + value]) || value; }

  /** The state of the page, from the URL. */
  function readURL() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", available: params.get("available") || "", language: [] };
    FACETS.forEach(function (facet) { state[facet] = params.getAll(facet); });
    params.getAll("lang").forEach(function (value) {
      var parts = value.split("-");
      if (parts[0]) state.language.push({ code: parts[0].toLowerCase(), level: (parts[1] || "A1").toUpperCase() });
    });
    return state;
  }

  function writeURL(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (facet) { state[facet].forEach(function (value) { params.append(facet, value); }); });
    state.language.forEach(function (l) { params.append("lang", l.code + "-" + l.level); });
    if (state.available) params.set("available", state.available);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  /** The excerpt around the first matched word, with matched words in <mark>. Text nodes only. */
  function excerpt(record, terms) {
    var language = engine.manifest.language, matched = {};
    terms.forEach(function (group) { group.forEach(function (t) { matched[t] = true; }); });
    var source = record.excerpt || record.summary || "";
    var pattern = /[\p{Alphabetic}\p{N}\p{Mn}.\/+#'’]+/gu, match, first = -1, pieces = [], lastIndex = 0;
    while ((match = pattern.exec(source)) !== null) {
      var hit = Text.words(match[0]).some(function (w) { return matched[Text.stem(Text.fold(w), language)]; });
      if (hit && first < 0) first = match.index;
      pieces.push({ from: lastIndex, to: match.index, hit: false }, { from: match.index, to: match.index + match[0].length, hit: hit });
      lastIndex = match.index + match[0].length;
    }
    pieces.push({ from: lastIndex, to: source.length, hit: false });
    var start = Math.max(0, first - 60), end = Math.min(source.length, start + 220);
    var paragraph = element("p", "result-excerpt");
    if (start > 0) paragraph.appendChild(document.createTextNode("… "));
    pieces.forEach(function (piece) {
      var from = Math.max(piece.from, start), to = Math.min(piece.to, end);
      if (to <= from) return;
      var part = source.slice(from, to);
      paragraph.appendChild(piece.hit ? element("mark", null, part) : document.createTextNode(part));
    });
    if (end < source.length) paragraph.appendChild(document.createTextNode(" …"));
    return paragraph;
  }

  function renderResults(records, terms) {
    records.forEach(function (record) {
      var item = element("li", "result result-" + record.type);
      if (record.thumbnail) {
        var image = element("img", "result-thumbnail"); image.src = record.thumbnail; image.alt = ""; image.loading = "lazy";
        image.width = 48; image.height = 48;
        item.appendChild(image);
      } else if (record.initials) {
        var initials = element("span", "result-thumbnail result-initials", record.initials);
        initials.setAttribute("aria-hidden", "true");
        item.appendChild(initials);
      }
      var heading = element("h2", "result-title");
      var link = element("a");
      link.href = record.url;
      link.appendChild(element("bdi", null, record.title));
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(element("p", "result-meta", label("type", record.type) + (record.summary ? " · " + record.summary : "")));
      item.appendChild(excerpt(record, terms));
      list.appendChild(item);
    });
  }

  function showMore() {
    if (!last) return;
    var ids = last.ids.slice(shown, shown + PAGE);
    shown += ids.length;
    more.hidden = shown >= last.total;
    return engine.records(ids).then(function (records) { renderResults(records, last.terms); });
  }

  function renderFilters(state, counts) {
    filterBox.replaceChildren();
    FACETS.forEach(function (facet) {
      var values = Object.keys(counts[facet] || {}).filter(function (v) { return counts[facet][v] > 0 || state[facet].indexOf(v) >= 0; });
      if (!values.length) return;
      values.sort(function (a, b) { return counts[facet][b] - counts[facet][a] || label(facet, a).localeCompare(label(facet, b)); });
      var fieldset = element("fieldset", "filter-group");
      fieldset.appendChild(element("legend", null, text("search_filter_" + facet)));
      values.slice(0, facet === "skill" ? 24 : 50).forEach(function (value) {
        var id = "f-" + facet + "-" + value.replace(/[^a-zA-Z0-9-]/g, "_");
        var box = element("input");
        box.type = "checkbox"; box.id = id; box.name = facet; box.value = value;
        box.checked = state[facet].indexOf(value) >= 0;
        var row = element("label", "filter-option");
        row.htmlFor = id;
        row.appendChild(box);
        row.appendChild(element("span", null, label(facet, value)));
        row.appendChild(element("span", "filter-count", "(" + counts[facet][value] + ")"));
        fieldset.appendChild(row);
      });
      filterBox.appendChild(fieldset);
    });
    // Languages with a minimum CEFR level.
    var languages = Object.keys(counts.language || {}).sort();
    if (languages.length) {
      var group = element("fieldset", "filter-group");
      group.appendChild(element("legend", null, text("search_filter_language")));
      state.language.forEach(function (l, index) {
        var chip = element("button", "filter-chip", text("search_language_at_least", { language: label("language", l.code), level: l.level }) + " ×");
        chip.type = "button";
        chip.setAttribute("aria-label", text("search_remove_filter", { filter: chip.textContent.slice(0, -2) }));
        chip.addEventListener("click", function () { state.language.splice(index, 1); run(state); });
        group.appendChild(chip);
      });
      var code = element("select"); code.id = "filter-language"; code.setAttribute("aria-label", text("search_filter_language"));
      languages.forEach(function (c) { var o = element("option", null, label("language", c) + " (" + counts.language[c] + ")"); o.value = c; code.appendChild(o); });
      var level = element("select"); level.id = "filter-level"; level.setAttribute("aria-label", text("search_filter_level"));
      ["A1", "A2", "B1", "B2", "C1", "C2"].forEach(function (l) { var o = element("option", null, text("search_level_at_least", { level: l })); o.value = l; level.appendChild(o); });
      level.value = "B1";
      var add = element("button", "button button-secondary", text("search_add_language"));
      add.type = "button";
      add.addEventListener("click", function () { state.language.push({ code: code.value, level: level.value }); run(state); });
      var row = element("div", "filter-language");
      row.appendChild(code); row.appendChild(level); row.appendChild(add);
      group.appendChild(row);
      filterBox.appendChild(group);
    }
    var available = element("fieldset", "filter-group");
    available.appendChild(element("legend", null, text("search_filter_available")));
    var date = element("input"); date.type = "date"; date.name = "available"; date.value = state.available;
    date.setAttribute("aria-label", text("search_filter_available"));
    available.appendChild(date);
    filterBox.appendChild(available);
  }

  /** Reads the filters from the form into the state. */
  function readForm(state) {
    FACETS.forEach(function (facet) {
      state[facet] = Array.prototype.map.call(form.querySelectorAll('input[name="' + facet + '"]:checked'), function (box) { return box.value; });
    });
    var date = form.querySelector('input[name="available"]');
    state.available = date ? date.value : "";
    state.q = input.value.trim();
    return state;
  }

  function run(state) {
    var mine = ++token;
    writeURL(state);
    var filters = { language: state.language, available: state.available };
    FACETS.forEach(function (facet) { filters[facet] = state[facet]; });
    var active = state.q || state.language.length || state.available || FACETS.some(function (f) { return state[f].length; });
    if (!active) {
      list.replaceChildren(); more.hidden = true; status.textContent = "";
      if (!filterBox.hasChildNodes()) filterBox.appendChild(element("p", null, text("search_filters_hint")));
      return Promise.resolve();
    }
    return engine.search(state.q, filters).then(function (result) {
      if (mine !== token) return;
      last = result; shown = 0;
      list.replaceChildren();
      status.textContent = result.total === 0 ? text("search_no_results", { query: state.q })
        : text(result.total === 1 ? "search_results_one" : "search_results_other", { count: String(result.total), query: state.q });
      var filtersOpen = document.getElementById("search-filters").open || filters.language.length || filters.available ||
        FACETS.some(function (f) { return filters[f].length; });
      return Promise.all([showMore(), filtersOpen ? engine.counts(result.ids).then(function (counts) {
        if (mine === token) renderFilters(state, counts);
      }) : null]);
    }).catch(function () { status.textContent = text("search_failed"); });
  }

  var state = readURL();
  input.value = state.q;
  if (state.language.length || state.available || FACETS.some(function (f) { return state[f].length; })) {
    document.getElementById("search-filters").open = true;
  }
  var timer = null;
  PasserelleSearch.Engine.open(load, root.getAttribute("data-manifest")).then(function (opened) {
    engine = opened;
    root.classList.add("search-ready");
    run(state);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(readForm(state)); }, 120);
    });
    form.addEventListener("change", function (event) { if (event.target !== input) run(readForm(state)); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(readForm(state)); });
    more.addEventListener("click", showMore);
    document.getElementById("search-filters").addEventListener("toggle", function () { run(readForm(state)); });
  }).catch(function () { status.textContent = text("search_failed"); });
})();
