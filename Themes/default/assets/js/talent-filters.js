// Filters on the /talents/ listing: the same filters and address parameters as the search page
// (?sector=care&lang=nl-B1&country=BE&available=2027-06-01), applied to the cards of the page.
(function () {
  "use strict";
  var box = document.getElementById("talent-filters");
  var form = document.getElementById("talent-filter-form");
  var count = document.getElementById("talent-count");
  var Filters = window.PasserelleFilters;
  if (!box || !form || !Filters) return;
  var strings = JSON.parse(box.getAttribute("data-strings") || "{}");
  var labels = JSON.parse(box.getAttribute("data-labels") || "{}");
  var FACETS = ["sector", "country", "programme", "skill"];
  var cards = Array.prototype.slice.call(document.querySelectorAll(".talent-card[data-sector]")).map(function (node) {
    var card = { node: node, languages: {}, available: Number(node.getAttribute("data-available") || 0) };
    FACETS.forEach(function (facet) { card[facet] = (node.getAttribute("data-" + facet) || "").split("|").filter(Boolean); });
    (node.getAttribute("data-language") || "").split("|").filter(Boolean).forEach(function (pair) {
      var parts = pair.split(":"); card.languages[parts[0]] = Number(parts[1]);
    });
    return card;
  });
  var summary = count ? count.textContent : "";

  function label(facet, value) { return labels[facet + ":" + value] || value; }

  /** Whether a card passes every filter, leaving out `except` (to count that facet's own values). */
  function matches(card, state, except) {
    for (var i = 0; i < FACETS.length; i++) {
      var facet = FACETS[i];
      if (facet === except || !state[facet].length) continue;
      if (!state[facet].some(function (value) { return card[facet].indexOf(value) >= 0; })) return false;
    }
    for (var j = 0; j < state.language.length; j++) {
      var wanted = state.language[j];
      if ((card.languages[wanted.code] || 0) < Filters.LEVELS.indexOf(wanted.level) + 1) return false;
    }
    if (state.available) {
      var day = Number(state.available.replace(/-/g, ""));
      if (!card.available || card.available > day) return false;
    }
    return true;
  }

  var panel = new Filters.Panel(form, {
    facets: FACETS, strings: strings, label: label, idPrefix: "tf-",
    changed: function () { apply(state); }
  });

  /** The counts of each facet's values among the cards that pass the other filters, and of each language. */
  function counts(state) {
    var result = { language: {} };
    FACETS.forEach(function (facet) {
      var values = result[facet] = {};
      cards.forEach(function (card) {
        if (matches(card, state, facet)) card[facet].forEach(function (value) { values[value] = (values[value] || 0) + 1; });
      });
    });
    cards.forEach(function (card) {
      if (matches(card, state)) Object.keys(card.languages).forEach(function (c) { result.language[c] = (result.language[c] || 0) + 1; });
    });
    return result;
  }

  function apply(state) {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, state);
      card.node.hidden = !visible;
      if (visible) shown++;
    });
    if (count) {
      count.textContent = Filters.isActive(state, FACETS)
        ? Filters.text(strings, shown === 1 ? "search_shown_one" : "search_shown_other", { count: String(shown) }) : summary;
    }
    Filters.writeURL(state, FACETS);
    panel.update(state, counts(state));
  }

  var state = Filters.readURL(FACETS);
  state.q = "";
  box.hidden = false;
  if (Filters.isActive(state, FACETS)) box.open = true;
  form.addEventListener("change", function () { apply(Filters.readForm(form, state, FACETS)); });
  apply(state);
})();
