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

  /** Lower case without accents, for narrowing a list by what is typed. */
  function fold(value) { return value.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase(); }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  /** A search record's picture: its photo (`size` pixels square, loaded lazily) or its initials; null for neither. */
  function thumbnail(record, imageClass, initialsClass, size) {
    if (record.thumbnail) {
      var image = element("img", imageClass);
      image.src = record.thumbnail; image.alt = ""; image.width = size; image.height = size; image.loading = "lazy";
      return image;
    }
    if (!record.initials) return null;
    var initials = element("span", initialsClass, record.initials);
    initials.setAttribute("aria-hidden", "true");
    return initials;
  }

  /**
   * A loader of the gzipped JSON index files under `base` (the search engine's `load`). A file asked for
   * `fresh` (the manifest, whose address stays the same from build to build) is revalidated with the server
   * whatever its caching headers say; the other files are named after their content and taken from any cache.
   */
  function loader(base) {
    return function (path, fresh) {
      return fetch(base + path, fresh ? { cache: "no-cache" } : undefined).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
      });
    };
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

  /** The filters as an address's query (without "?"), with `page=<n>` when `page` is above 1. */
  function query(state, facets, page) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    facets.forEach(function (facet) { state[facet].forEach(function (value) { params.append(facet, value); }); });
    state.language.forEach(function (l) { params.append("lang", l.code + "-" + l.level); });
    if (state.available) params.set("available", state.available);
    if (page > 1) params.set("page", String(page));
    return params.toString();
  }

  /**
   * Puts the filters in the address, at `place.path` (default: the page's own) with the page number `place.page`
   * (the talents listing's pages of matches).
   */
  function writeURL(state, facets, place) {
    var search = query(state, facets, place ? place.page : 1);
    history.replaceState(null, "", ((place && place.path) || location.pathname) + (search ? "?" + search : ""));
  }

  function isActive(state, facets) {
    return Boolean(state.language.length || state.available || facets.some(function (f) { return state[f].length; }));
  }

  /** One checkbox row of a facet: the box, its label and its count. */
  function checkboxRow(facet, value, label, idPrefix) {
    var id = idPrefix + facet + "-" + value.replace(/[^a-zA-Z0-9-]/g, "_");
    var box = element("input");
    box.type = "checkbox"; box.id = id; box.name = facet; box.value = value;
    var row = element("label", "filter-option");
    row.htmlFor = id;
    row.appendChild(box);
    row.appendChild(element("span", null, label(facet, value)));
    var count = element("span", "filter-count");
    row.appendChild(count);
    return { row: row, box: box, count: count };
  }

  /**
   * The filter controls of a form, built once and then updated in place: a change of the results gives new
   * counts, but never takes away what the visitor is choosing (a language picked in a list, a focused box).
   * `options`: facets, strings, label(facet, value), idPrefix,
   * changed() (called when a language is added or removed). `update(state, counts)` shows `counts`
   * ({<facet>: {value: n}, language: {code: n}}) and the state's choices.
   */
  function Panel(container, options) {
    this.container = container;
    this.options = options;
    this.groups = {};
    this.languages = null;
    this.available = null;
  }

  Panel.prototype.facetGroup = function (facet) {
    var group = this.groups[facet];
    if (group) return group;
    var fieldset = element("fieldset", "filter-group filter-" + facet);
    fieldset.appendChild(element("legend", null, text(this.options.strings, "search_filter_" + facet)));
    group = this.groups[facet] = { fieldset: fieldset, rows: {}, find: "" };
    if (facet === "skill") {
      // Every skill is offered; a box narrows the list to the names that contain what is typed.
      var self = this, find = element("input", "filter-find");
      find.type = "search";
      find.setAttribute("aria-label", text(this.options.strings, "search_find_skill"));
      find.placeholder = text(this.options.strings, "search_find_skill");
      find.addEventListener("input", function () { group.find = find.value; self.update(self.lastState, self.lastCounts); });
      fieldset.appendChild(find);
    }
    var before = null;
    for (var i = this.options.facets.indexOf(facet) + 1; i < this.options.facets.length && !before; i++) {
      before = this.groups[this.options.facets[i]] ? this.groups[this.options.facets[i]].fieldset : null;
    }
    this.container.insertBefore(fieldset, before || (this.languages && this.languages.fieldset) || (this.available && this.available.fieldset) || null);
    return group;
  };

  Panel.prototype.update = function (state, counts) {
    var self = this, options = this.options;
    this.lastState = state;
    this.lastCounts = counts;
    var focused = this.container.contains(document.activeElement);
    options.facets.forEach(function (facet) {
      var values = counts[facet] || {};
      var chosen = state[facet] || [];
      var all = Object.keys(values).filter(function (v) { return values[v] > 0; });
      chosen.forEach(function (v) { if (all.indexOf(v) < 0) all.push(v); });
      if (!all.length && !self.groups[facet]) return;
      var group = self.facetGroup(facet);
      all.forEach(function (value) {
        if (!group.rows[value]) group.rows[value] = checkboxRow(facet, value, options.label, options.idPrefix);
      });
      var order = Object.keys(group.rows).sort(function (a, b) {
        return (values[b] || 0) - (values[a] || 0) || options.label(facet, a).localeCompare(options.label(facet, b));
      });
      var shown = 0, limit = facet === "skill" ? Infinity : 50;  // values shown, besides those chosen
      var wanted = fold(group.find || "");
      order.forEach(function (value) {
        var entry = group.rows[value];
        var checked = chosen.indexOf(value) >= 0;
        entry.box.checked = checked;
        entry.count.textContent = "(" + (values[value] || 0) + ")";
        var found = !wanted || fold(options.label(facet, value)).indexOf(wanted) >= 0;
        var visible = checked || ((values[value] || 0) > 0 && shown < limit && found);
        if (visible && !checked) shown++;
        entry.row.hidden = !visible;
        // Rows move to their new place unless the visitor is in the form (moving a focused box would lose it).
        if (!focused || !entry.row.parentNode) group.fieldset.appendChild(entry.row);
      });
      group.fieldset.hidden = !group.find && !order.some(function (value) { return !group.rows[value].row.hidden; });
    });
    if (Object.keys(counts.language || {}).length || state.language.length || this.languages) this.languageGroup(state, counts.language || {});
    if (!this.available) this.available = availableGroup(state, options.strings, this.container, options.idPrefix);
    showAvailable(this.available, state.available);
  };

  /**
   * The language filter: one removable chip per chosen language and level, then a language, a level and
   * "Add". The two lists keep what the visitor picked while results change.
   */
  Panel.prototype.languageGroup = function (state, counts) {
    var self = this, strings = this.options.strings, label = this.options.label;
    var group = this.languages;
    if (!group) {
      var fieldset = element("fieldset", "filter-group filter-languages");
      fieldset.appendChild(element("legend", null, text(strings, "search_filter_language")));
      var chips = element("div", "filter-chips");
      var code = element("select");
      code.setAttribute("aria-label", text(strings, "search_filter_language"));
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
      var row = element("div", "filter-language");
      row.appendChild(code); row.appendChild(level); row.appendChild(add);
      fieldset.appendChild(chips);
      fieldset.appendChild(row);
      this.container.insertBefore(fieldset, this.available ? this.available.fieldset : null);
      group = this.languages = { fieldset: fieldset, chips: chips, code: code, level: level, options: {} };
      add.addEventListener("click", function () {
        if (!code.value) return;
        var wanted = { code: code.value, level: level.value };
        self.state.language = self.state.language.filter(function (l) { return l.code !== wanted.code; }).concat([wanted]);
        self.chips();
        self.options.changed();
      });
    }
    this.state = state;
    Object.keys(counts).concat(state.language.map(function (l) { return l.code; })).forEach(function (c) {
      if (group.options[c]) return;
      var option = group.options[c] = element("option");
      option.value = c;
      var next = Array.prototype.find.call(group.code.options, function (o) { return label("language", o.value).localeCompare(label("language", c)) > 0; });
      group.code.insertBefore(option, next || null);
    });
    Object.keys(group.options).forEach(function (c) {
      group.options[c].textContent = label("language", c) + " (" + (counts[c] || 0) + ")";
    });
    this.chips();
  };

  /** The chosen languages, each a button that removes it. */
  Panel.prototype.chips = function () {
    var self = this, strings = this.options.strings, label = this.options.label;
    this.languages.chips.replaceChildren();
    this.state.language.forEach(function (l, index) {
      var name = text(strings, "search_language_at_least", { language: label("language", l.code), level: l.level });
      var chip = element("button", "filter-chip", name + " ×");
      chip.type = "button";
      chip.setAttribute("aria-label", text(strings, "search_remove_filter", { filter: name }));
      chip.addEventListener("click", function () { self.state.language.splice(index, 1); self.chips(); self.options.changed(); });
      self.languages.chips.appendChild(chip);
    });
  };

  /** The choices of "available" a click sets: now, within 3 or 6 months (kept as such in the address). */
  var AVAILABLE_WITHIN = ["now", "3m", "6m"];

  /**
   * The last day a talent may become available for `value` (`available` in the address): a date as it is,
   * "now" today, "3m" and "6m" three and six months from `today` (default: the visitor's today), "" none.
   */
  function availableBy(value, today) {
    if (!value || AVAILABLE_WITHIN.indexOf(value) < 0) return value || "";
    var day = today ? new Date(today + "T00:00:00Z") : new Date(Date.UTC(new Date().getFullYear(), new Date().getMonth(), new Date().getDate()));
    var months = value === "now" ? 0 : parseInt(value, 10);
    var target = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1));
    var last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(day.getUTCDate(), last));
    return target.toISOString().slice(0, 10);
  }

  /**
   * "Available": one click for now, within 3 or within 6 months, or any time; or a date. Read back from the form
   * as `available`.
   */
  function availableGroup(state, strings, container, idPrefix) {
    var group = element("fieldset", "filter-group filter-available");
    group.appendChild(element("legend", null, text(strings, "search_filter_available")));
    var radios = {};
    [""].concat(AVAILABLE_WITHIN).forEach(function (value) {
      var id = (idPrefix || "") + "available-" + (value || "any");
      var radio = element("input");
      radio.type = "radio"; radio.name = "available-within"; radio.value = value; radio.id = id;
      var row = element("label", "filter-option");
      row.htmlFor = id;
      row.appendChild(radio);
      var key = value === "" ? "search_available_any" : value === "now" ? "search_available_now" : "search_available_within";
      row.appendChild(element("span", null, text(strings, key, { months: String(parseInt(value, 10) || "") })));
      group.appendChild(row);
      radios[value] = radio;
    });
    var date = element("input");
    date.type = "date"; date.name = "available";
    date.setAttribute("aria-label", text(strings, "search_available_date"));
    var dateRow = element("label", "filter-option filter-date");
    dateRow.appendChild(element("span", null, text(strings, "search_available_date")));
    dateRow.appendChild(date);
    group.appendChild(dateRow);
    // A date typed clears the choices, a choice clears the date: `available` is one or the other.
    date.addEventListener("change", function () { Object.keys(radios).forEach(function (v) { radios[v].checked = false; }); });
    Object.keys(radios).forEach(function (v) { radios[v].addEventListener("change", function () { date.value = ""; }); });
    container.appendChild(group);
    var shown = { fieldset: group, input: date, radios: radios };
    showAvailable(shown, state.available);
    return shown;
  }

  function showAvailable(group, value) {
    var within = AVAILABLE_WITHIN.indexOf(value) >= 0 || !value;
    Object.keys(group.radios).forEach(function (v) { group.radios[v].checked = within && v === (value || ""); });
    group.input.value = within ? "" : value;
  }

  /** Reads the checked values and the date of a filter form back into the state. */
  function readForm(form, state, facets) {
    facets.forEach(function (facet) {
      state[facet] = Array.prototype.map.call(form.querySelectorAll('input[name="' + facet + '"]:checked'), function (b) { return b.value; });
    });
    var date = form.querySelector('input[name="available"]');
    var within = form.querySelector('input[name="available-within"]:checked');
    state.available = date && date.value ? date.value : within ? within.value : "";
    return state;
  }

  root.PasserelleFilters = { LEVELS: LEVELS, availableBy: availableBy, text: text, element: element, thumbnail: thumbnail, loader: loader, readURL: readURL, query: query, writeURL: writeURL, isActive: isActive,
                             Panel: Panel, readForm: readForm };
})(self);
