// The /search/ page: the query and filters live in the URL (?q=java&type=talent&lang=nl-B1&country=BE),
// so a search can be bookmarked and shared; results update as the visitor types.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.PasserelleSearch || !window.PasserelleText || !window.PasserelleFilters || typeof DecompressionStream === "undefined") return;
  var Filters = window.PasserelleFilters;
  var strings = JSON.parse(root.getAttribute("data-strings") || "{}");
  var base = root.getAttribute("data-base");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filterBox = document.getElementById("search-filter-groups");
  var more = document.getElementById("search-more");
  var FACETS = ["type", "sector", "occupation", "country", "programme", "skill"];
  var PAGE = 20;
  var engine = null, last = null, shown = 0, token = 0;

  var load = Filters.loader(base);

  function text(key, values) { return Filters.text(strings, key, values); }
  var element = Filters.element;

  function label(facet, value) { return (engine && engine.manifest.labels[facet + ":" + value]) || value; }

  /**
   * The excerpt around the first matched word, with matched words in <mark>. Text nodes only.
   * A word is marked when its stem in any of the index's languages was matched (engine.highlights).
   */
  function excerpt(record, terms) {
    var source = record.excerpt || record.summary || "";
    var cut = engine.highlights(source, terms), pieces = cut.pieces, first = cut.first;
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
      var picture = Filters.thumbnail(record, "result-thumbnail", "result-thumbnail result-initials", 48);
      if (picture) item.appendChild(picture);
      var heading = element("h2", "result-title");
      var link = element("a");
      link.href = record.url;
      link.appendChild(element("bdi", null, record.title));
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(element("p", "result-meta", label("type", record.type) + (record.summary ? " · " + record.summary : "")));
      // Why it matched: the skills and the occupation a query word found (also in another language), then the words.
      var why = engine.reasons(record, terms), parts = [];
      if (why.occupation) parts.push(text("search_matched_occupation", { occupation: why.occupation }));
      if (why.skills.length) parts.push(text("search_matched_skills", { skills: why.skills.join(", ") }));
      if (parts.length) item.appendChild(element("p", "result-reasons", parts.join(" · ")));
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

  var panel = null;
  /** The filter controls with the counts of the results; built once, then updated in place. */
  function renderFilters(state, counts) {
    if (!panel) {
      filterBox.replaceChildren();
      panel = new Filters.Panel(filterBox, {
        facets: FACETS, strings: strings, label: label, idPrefix: "f-",
        changed: function () { run(state); }
      });
    }
    panel.update(state, counts);
  }

  /** Reads the query and the filters from the form into the state. */
  function readForm(state) {
    Filters.readForm(form, state, FACETS);
    state.q = input.value.trim();
    return state;
  }

  function run(state) {
    var mine = ++token;
    Filters.writeURL(state, FACETS);
    var filters = { language: state.language, available: Filters.availableBy(state.available) };
    FACETS.forEach(function (facet) { filters[facet] = state[facet]; });
    var active = state.q || Filters.isActive(state, FACETS);
    if (!active) {
      list.replaceChildren(); more.hidden = true; status.textContent = "";
      if (!filterBox.hasChildNodes()) filterBox.appendChild(element("p", null, text("search_filters_hint")));
      return Promise.resolve();
    }
    return engine.search(state.q, filters).then(function (result) {
      if (mine !== token) return;
      last = result; shown = 0;
      list.replaceChildren();
      // The query in its own bidi isolate, so that a Latin query does not reorder an Arabic sentence.
      var query = "\u2068" + state.q + "\u2069";
      status.textContent = result.total === 0 ? text("search_no_results", { query: query })
        : text(result.total === 1 ? "search_results_one" : "search_results_other", { count: String(result.total), query: query });
      var filtersOpen = document.getElementById("search-filters").open || Filters.isActive(state, FACETS);
      return Promise.all([showMore(), filtersOpen ? engine.counts(result.ids).then(function (counts) {
        if (mine === token) renderFilters(state, counts);
      }) : null]);
    }).catch(function () { status.textContent = text("search_failed"); });
  }

  var state = Filters.readURL(FACETS);
  input.value = state.q;
  if (Filters.isActive(state, FACETS)) document.getElementById("search-filters").open = true;
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
