// Filters on the /talents/ listing: the same filters and address parameters as the search page
// (?sector=care&lang=nl-B1&country=BE&available=2027-06-01), plus `page=<n>`. They filter every talent of the
// site, not only the cards of the page shown: the matches come from the search index (its facets and result
// records) and are shown a page at a time under the listing's first address, with page links that keep the
// filters. With no filter set, the page the server wrote is shown as it is, with its own page links.
(function () {
  "use strict";
  var box = document.getElementById("talent-filters");
  var form = document.getElementById("talent-filter-form");
  var count = document.getElementById("talent-count");
  var listing = document.getElementById("talent-listing");
  var results = document.getElementById("talent-results");
  var Filters = window.PasserelleFilters;
  if (!box || !form || !count || !listing || !results || !Filters || !window.PasserelleSearch || !window.PasserelleText ||
      typeof DecompressionStream === "undefined") return;
  var strings = JSON.parse(box.getAttribute("data-strings") || "{}");
  var listingPath = box.getAttribute("data-listing");
  var pageSize = Math.max(1, Number(box.getAttribute("data-page-size")) || 24);
  var FACETS = ["sector", "occupation", "country", "programme", "skill"];
  var summary = count.textContent;
  var ownPath = location.pathname;
  var element = Filters.element;
  var engine = null, token = 0;

  function text(key, values) { return Filters.text(strings, key, values); }
  function label(facet, value) { return (engine && engine.manifest.labels[facet + ":" + value]) || value; }

  /** The search engine's filters for the state: talents only. */
  function filtersOf(state, except) {
    var filters = { type: ["talent"], language: state.language, available: Filters.availableBy(state.available) };
    FACETS.forEach(function (facet) { filters[facet] = facet === except ? [] : state[facet]; });
    return filters;
  }

  /**
   * The counts next to each filter value: a facet's values are counted among the talents that pass the other
   * filters (its own values are alternatives), languages among the talents shown.
   */
  function counts(state, ids) {
    var shown = engine.counts(ids);
    var perFacet = FACETS.map(function (facet) {
      if (!state[facet].length) return shown;
      return engine.search("", filtersOf(state, facet)).then(function (result) { return engine.counts(result.ids); });
    });
    return Promise.all(perFacet.concat([shown])).then(function (parts) {
      var result = { language: parts[FACETS.length].language };
      FACETS.forEach(function (facet, index) { result[facet] = parts[index][facet]; });
      return result;
    });
  }

  /** A talent's card from its search record: photo or initials, name, headline and place. */
  function card(record) {
    var article = element("article", "card talent-card");
    var head = element("div", "card-head");
    var picture = Filters.thumbnail(record, "avatar", "avatar avatar-initials avatar-c0", 72);
    if (picture) head.appendChild(picture);
    var heading = element("div", "card-heading");
    var title = element("h3", "card-title");
    var link = element("a");
    link.href = record.url;
    link.appendChild(element("bdi", null, record.title));
    title.appendChild(link);
    heading.appendChild(title);
    if (record.summary) heading.appendChild(element("p", "card-subtitle", record.summary));
    head.appendChild(heading);
    article.appendChild(head);
    return article;
  }

  /** The page numbers shown around `current`, null for a gap: the same list as the listing's own pages. */
  function pageList(current, total) {
    var shown = {}, list = [], number;
    if (total <= 7) { for (number = 1; number <= total; number++) list.push(number); return list; }
    [1, total, current - 1, current, current + 1].forEach(function (n) { shown[n] = true; });
    if (current <= 4) for (number = 1; number <= 5; number++) shown[number] = true;
    if (current >= total - 3) for (number = total - 4; number <= total; number++) shown[number] = true;
    Object.keys(shown).map(Number).filter(function (n) { return n >= 1 && n <= total; }).sort(function (a, b) { return a - b; })
      .forEach(function (n) {
        var last = list.length ? list[list.length - 1] : null;
        if (last !== null && n - last === 2) list.push(last + 1);
        else if (last !== null && n - last > 2) list.push(null);
        list.push(n);
      });
    return list;
  }

  /** The page links of the matches, as the listing's own: real links to `?<filters>&page=<n>`. */
  function navigation(state, current, total) {
    var nav = element("nav", "pagination");
    nav.setAttribute("aria-label", text("pagination_label"));
    nav.appendChild(element("p", "pagination-status", text("pagination_status", { number: String(current), count: String(total) })));
    var list = element("ul");
    function item(number, content, rel) {
      var entry = element("li"), link = element("a", rel ? "pagination-step" : null, content);
      var search = Filters.query(state, FACETS, number);
      link.href = listingPath + (search ? "?" + search : "");
      if (rel) link.rel = rel;
      else link.setAttribute("aria-label", text("pagination_page", { number: String(number) }));
      if (!rel && number === current) link.setAttribute("aria-current", "page");
      entry.appendChild(link);
      list.appendChild(entry);
    }
    if (current > 1) item(current - 1, text("pagination_previous"), "prev");
    pageList(current, total).forEach(function (number) {
      if (number !== null) { item(number, String(number)); return; }
      var gap = element("li", "pagination-gap", "…");
      gap.setAttribute("aria-hidden", "true");
      list.appendChild(gap);
    });
    if (current < total) item(current + 1, text("pagination_next"), "next");
    nav.appendChild(list);
    return nav;
  }

  var panel = new Filters.Panel(form, {
    facets: FACETS, strings: strings, label: label, idPrefix: "tf-",
    changed: function () { state.page = 1; apply(state); }
  });

  function showListing() {
    listing.hidden = false;
    results.hidden = true;
    results.replaceChildren();
    count.textContent = summary;
  }

  function apply(state) {
    var mine = ++token;
    var active = Filters.isActive(state, FACETS);
    if (!active) {
      Filters.writeURL(state, FACETS, { path: ownPath });
      showListing();
      return engine.search("", filtersOf(state)).then(function (all) { return counts(state, all.ids); })
        .then(function (values) { if (mine === token) panel.update(state, values); });
    }
    return engine.search("", filtersOf(state)).then(function (result) {
      var pages = Math.max(1, Math.ceil(result.total / pageSize));
      state.page = Math.min(Math.max(1, state.page || 1), pages);
      var ids = result.ids.slice((state.page - 1) * pageSize, state.page * pageSize);
      return Promise.all([engine.records(ids), counts(state, result.ids)]).then(function (parts) {
        if (mine !== token) return;
        Filters.writeURL(state, FACETS, { path: listingPath, page: state.page });
        var grid = element("div", "card-grid");
        parts[0].forEach(function (record) { grid.appendChild(card(record)); });
        results.replaceChildren(grid);
        if (pages > 1) results.appendChild(navigation(state, state.page, pages));
        listing.hidden = true;
        results.hidden = false;
        count.textContent = text(result.total === 1 ? "search_shown_one" : "search_shown_other", { count: String(result.total) });
        panel.update(state, parts[1]);
      });
    });
  }

  var state = Filters.readURL(FACETS);
  state.q = "";
  state.page = Math.max(1, parseInt(new URLSearchParams(location.search).get("page"), 10) || 1);
  if (Filters.isActive(state, FACETS)) box.open = true;
  PasserelleSearch.Engine.open(Filters.loader(box.getAttribute("data-base")), box.getAttribute("data-manifest")).then(function (opened) {
    engine = opened;
    box.hidden = false;
    form.addEventListener("change", function () { Filters.readForm(form, state, FACETS); state.page = 1; apply(state); });
    return apply(state);
  }).catch(function () { count.textContent = text("search_failed"); });
})();
