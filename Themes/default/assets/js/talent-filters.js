// Filters on the /talents/ listing: the same filters and address parameters as the search page
// (?sector=care&lang=nl-B1&country=BE&available=2027-06-01), applied to the cards of the page.
(function () {
  "use strict";
  var box = document.getElementById("talent-filters");
  var form = document.getElementById("talent-filter-form");
  var count = document.getElementById("talent-count");
  if (!box || !form) return;
  var strings = JSON.parse(box.getAttribute("data-strings") || "{}");
  var labels = JSON.parse(box.getAttribute("data-labels") || "{}");
  var FACETS = ["sector", "country", "programme", "skill"];
  var LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"];
  var cards = Array.prototype.slice.call(document.querySelectorAll(".talent-card[data-sector]")).map(function (node) {
    var card = { node: node, languages: {}, available: Number(node.getAttribute("data-available") || 0) };
    FACETS.forEach(function (facet) { card[facet] = (node.getAttribute("data-" + facet) || "").split("|").filter(Boolean); });
    (node.getAttribute("data-language") || "").split("|").filter(Boolean).forEach(function (pair) {
      var parts = pair.split(":"); card.languages[parts[0]] = Number(parts[1]);
    });
    return card;
  });
  var summary = count ? count.textContent : "";

  function text(key, values) {
    var value = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) { value = value.split("{" + name + "}").join(values[name]); });
    return value;
  }
  function label(facet, value) { return labels[facet + ":" + value] || value; }
  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function readURL() {
    var params = new URLSearchParams(location.search), state = { language: [], available: params.get("available") || "" };
    FACETS.forEach(function (facet) { state[facet] = params.getAll(facet); });
    params.getAll("lang").forEach(function (value) {
      var parts = value.split("-");
      if (parts[0]) state.language.push({ code: parts[0].toLowerCase(), level: (parts[1] || "A1").toUpperCase() });
    });
    return state;
  }

  function writeURL(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) { state[facet].forEach(function (value) { params.append(facet, value); }); });
    state.language.forEach(function (l) { params.append("lang", l.code + "-" + l.level); });
    if (state.available) params.set("available", state.available);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function matches(card, state, except) {
    for (var i = 0; i < FACETS.length; i++) {
      var facet = FACETS[i];
      if (facet === except || !state[facet].length) continue;
      if (!state[facet].some(function (value) { return card[facet].indexOf(value) >= 0; })) return false;
    }
    for (var j = 0; j < state.language.length; j++) {
      var wanted = state.language[j];
      if ((card.languages[wanted.code] || 0) < LEVELS.indexOf(wanted.level) + 1) return false;
    }
    if (state.available) {
      var day = Number(state.available.replace(/-/g, ""));
      if (!card.available || card.available > day) return false;
    }
    return true;
  }

  function render(state) {
    form.replaceChildren();
    FACETS.forEach(function (facet) {
      var counts = {};
      cards.forEach(function (card) {
        if (!matches(card, state, facet)) return;
        card[facet].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      state[facet].forEach(function (value) { if (!(value in counts)) counts[value] = 0; });
      var values = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || label(facet, a).localeCompare(label(facet, b)); });
      if (!values.length) return;
      var group = element("fieldset", "filter-group");
      group.appendChild(element("legend", null, text("search_filter_" + facet)));
      values.slice(0, facet === "skill" ? 24 : 50).forEach(function (value) {
        var id = "tf-" + facet + "-" + value.replace(/[^a-zA-Z0-9-]/g, "_");
        var check = element("input"); check.type = "checkbox"; check.id = id; check.name = facet; check.value = value;
        check.checked = state[facet].indexOf(value) >= 0;
        var row = element("label", "filter-option"); row.htmlFor = id;
        row.appendChild(check); row.appendChild(element("span", null, label(facet, value)));
        row.appendChild(element("span", "filter-count", "(" + counts[value] + ")"));
        group.appendChild(row);
      });
      form.appendChild(group);
    });
    var languages = {};
    cards.forEach(function (card) { if (matches(card, state)) Object.keys(card.languages).forEach(function (c) { languages[c] = (languages[c] || 0) + 1; }); });
    var group = element("fieldset", "filter-group");
    group.appendChild(element("legend", null, text("search_filter_language")));
    state.language.forEach(function (l, index) {
      var chip = element("button", "filter-chip", text("search_language_at_least", { language: label("language", l.code), level: l.level }) + " ×");
      chip.type = "button";
      chip.addEventListener("click", function () { state.language.splice(index, 1); apply(state); });
      group.appendChild(chip);
    });
    var code = element("select"); code.setAttribute("aria-label", text("search_filter_language"));
    Object.keys(languages).sort().forEach(function (c) { var o = element("option", null, label("language", c) + " (" + languages[c] + ")"); o.value = c; code.appendChild(o); });
    var level = element("select"); level.setAttribute("aria-label", text("search_filter_level"));
    LEVELS.forEach(function (l) { var o = element("option", null, text("search_level_at_least", { level: l })); o.value = l; level.appendChild(o); });
    level.value = "B1";
    var add = element("button", "button button-secondary", text("search_add_language")); add.type = "button";
    add.addEventListener("click", function () { state.language.push({ code: code.value, level: level.value }); apply(state); });
    var row = element("div", "filter-language"); row.appendChild(code); row.appendChild(level); row.appendChild(add);
    group.appendChild(row);
    form.appendChild(group);
    var availability = element("fieldset", "filter-group");
    availability.appendChild(element("legend", null, text("search_filter_available")));
    var date = element("input"); date.type = "date"; date.name = "available"; date.value = state.available;
    date.setAttribute("aria-label", text("search_filter_available"));
    availability.appendChild(date);
    form.appendChild(availability);
  }

  function apply(state) {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, state);
      card.node.hidden = !visible;
      if (visible) shown++;
    });
    var active = state.language.length || state.available || FACETS.some(function (f) { return state[f].length; });
    if (count) count.textContent = active ? text(shown === 1 ? "search_shown_one" : "search_shown_other", { count: String(shown) }) : summary;
    writeURL(state);
    render(state);
  }

  var state = readURL();
  box.hidden = false;
  if (state.language.length || state.available || FACETS.some(function (f) { return state[f].length; })) box.open = true;
  form.addEventListener("change", function () {
    FACETS.forEach(function (facet) {
      state[facet] = Array.prototype.map.call(form.querySelectorAll('input[name="' + facet + '"]:checked'), function (b) { return b.value; });
    });
    var date = form.querySelector('input[name="available"]');
    state.available = date ? date.value : "";
    apply(state);
  });
  apply(state);
})();
