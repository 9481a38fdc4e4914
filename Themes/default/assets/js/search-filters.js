// Filter controls shared by the /search/ page and the /talents/ listing: the address parameters
// (?q=…&type=…&sector=…&lang=nl-B1&country=BE&available=2027-06-01), UI strings, and the controls
// for a language with a minimum CEFR level and for an availability date.
(function (root) {
  "use strict";
  var LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"];

  /** A UI string with its {placeholders} filled. */
  function text(strings, key, values) {
    var value = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) { value = value.split("{" + name + "}").join(values[name]); });
    return value;
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  /** The filters in the address: {q, available, language: [{code, level}], <facet>: [values]}. */
  function readURL(facets) {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", available: params.get("available") || "", language: [] };
    facets.forEach(function (facet) { state[facet] = params.getAll(facet); });
    params.getAll("lang").forEach(function (value) {
      var parts = value.split("-");
      if (parts[0]) state.language.push({ code: parts[0].toLowerCase(), level: (parts[1] || "A1").toUpperCase() });
    });
    return state;
  }

  function writeURL(state, facets) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    facets.forEach(function (facet) { state[facet].forEach(function (value) { params.append(facet, value); }); });
    state.language.forEach(function (l) { params.append("lang", l.code + "-" + l.level); });
    if (state.available) params.set("available", state.available);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function isActive(state, facets) {
    return Boolean(state.language.length || state.available || facets.some(function (f) { return state[f].length; }));
  }

  /**
   * The language filter: one removable chip per chosen language and level, then a language, a level and
   * "Add". `counts` gives the number of results per language code; `changed` is called after a change.
   */
  function languageGroup(state, counts, strings, label, changed) {
    var group = element("fieldset", "filter-group");
    group.appendChild(element("legend", null, text(strings, "search_filter_language")));
    state.language.forEach(function (l, index) {
      var name = text(strings, "search_language_at_least", { language: label("language", l.code), level: l.level });
      var chip = element("button", "filter-chip", name + " ×");
      chip.type = "button";
      chip.setAttribute("aria-label", text(strings, "search_remove_filter", { filter: name }));
      chip.addEventListener("click", function () { state.language.splice(index, 1); changed(); });
      group.appendChild(chip);
    });
    var code = element("select");
    code.setAttribute("aria-label", text(strings, "search_filter_language"));
    Object.keys(counts).sort().forEach(function (c) {
      var option = element("option", null, label("language", c) + " (" + counts[c] + ")");
      option.value = c;
      code.appendChild(option);
    });
    var level = element("select");
    level.setAttribute("aria-label", text(strings, "search_filter_level"));
    LEVELS.forEach(function (l) {
      var option = element("option", null, text(strings, "search_level_at_least", { level: l }));
      option.value = l;
      level.appendChild(option);
    });
    level.value = "B1";
    var add = element("button", "button button-secondary", text(strings, "search_add_language"));
    add.type = "button";
    add.addEventListener("click", function () { state.language.push({ code: code.value, level: level.value }); changed(); });
    var row = element("div", "filter-language");
    row.appendChild(code); row.appendChild(level); row.appendChild(add);
    group.appendChild(row);
    return group;
  }

  /** "Available by": a date, read back from the form as `available`. */
  function availableGroup(state, strings) {
    var group = element("fieldset", "filter-group");
    group.appendChild(element("legend", null, text(strings, "search_filter_available")));
    var date = element("input");
    date.type = "date"; date.name = "available"; date.value = state.available;
    date.setAttribute("aria-label", text(strings, "search_filter_available"));
    group.appendChild(date);
    return group;
  }

  /** One fieldset of checkboxes for a facet, values with their counts, most frequent first. */
  function checkboxGroup(facet, values, counts, state, strings, label, idPrefix) {
    var group = element("fieldset", "filter-group");
    group.appendChild(element("legend", null, text(strings, "search_filter_" + facet)));
    values.forEach(function (value) {
      var id = idPrefix + facet + "-" + value.replace(/[^a-zA-Z0-9-]/g, "_");
      var box = element("input");
      box.type = "checkbox"; box.id = id; box.name = facet; box.value = value;
      box.checked = state[facet].indexOf(value) >= 0;
      var row = element("label", "filter-option");
      row.htmlFor = id;
      row.appendChild(box);
      row.appendChild(element("span", null, label(facet, value)));
      row.appendChild(element("span", "filter-count", "(" + counts[value] + ")"));
      group.appendChild(row);
    });
    return group;
  }

  /** Reads the checked values and the date of a filter form back into the state. */
  function readForm(form, state, facets) {
    facets.forEach(function (facet) {
      state[facet] = Array.prototype.map.call(form.querySelectorAll('input[name="' + facet + '"]:checked'), function (b) { return b.value; });
    });
    var date = form.querySelector('input[name="available"]');
    state.available = date ? date.value : "";
    return state;
  }

  root.PasserelleFilters = { LEVELS: LEVELS, text: text, element: element, readURL: readURL, writeURL: writeURL, isActive: isActive,
                             languageGroup: languageGroup, availableGroup: availableGroup, checkboxGroup: checkboxGroup, readForm: readForm };
})(self);
