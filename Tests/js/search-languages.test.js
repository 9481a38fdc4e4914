// The engine over a hand-made index in several languages: in the index of language L, each document is
// stemmed in the language it is written in, and `manifest.languages` lists those languages, L first.
// An index written before `languages` existed has only `language`.
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const Text = require(path.join(root, "Themes/default/assets/js/search-text.js"));
const { Engine, languagesOf } = require(path.join(root, "Themes/default/assets/js/search-engine.js"));

/**
 * A fake index: `terms` maps each term to its postings [[doc, impact], ...]; the terms are put into
 * shards by their first two letters, as the build does. `load` records every file it is asked for.
 */
function fakeIndex(manifestFields, terms, aliases) {
  const files = {};
  const shards = {};
  for (const term of Object.keys(terms)) {
    const key = Array.from(term).slice(0, 2).join("");
    const name = `t/${key}.gz`;
    shards[key] = name;
    files[name] = files[name] || {};
    let previous = 0;
    files[name][term] = terms[term].flatMap(([doc, impact]) => { const delta = doc - previous; previous = doc; return [delta, impact]; });
  }
  const records = [];
  const documents = 4;
  files["r/0.gz"] = Array.from({ length: documents }, (_, id) => ({ u: `/doc/${id}/`, t: `Document ${id}`, k: "talent", s: "", x: "" }));
  records.push("r/0.gz");
  files["manifest.gz"] = Object.assign({ documents, chunk: 20, shards, records, aliases: aliases || {}, labels: {}, facets: "f.gz" }, manifestFields);
  const fetched = [];
  const load = (file) => {
    fetched.push(file);
    if (!(file in files)) return Promise.reject(new Error(`no file ${file}`));
    return Promise.resolve(JSON.parse(JSON.stringify(files[file])));
  };
  return { fetched, open: () => Engine.open(load, "manifest.gz") };
}

/** The factor of each matched term for the one query word, e.g. {infirm: 1}. */
async function factors(search, query) {
  const groups = await search.expand(query);
  assert.strictEqual(groups.length, 1);
  return Object.fromEntries(groups[0].postings.map((p) => [p.term, p.factor]));
}

// "infirmières": the French stemmer gives "infirm", the Dutch one "infirmier" (a French talent is
// indexed with "infirm" even in the Dutch index).
const FR = Text.stem(Text.fold("infirmières"), "fr");
const NL = Text.stem(Text.fold("infirmières"), "nl");

test("the example word has different French and Dutch stems", () => {
  assert.strictEqual(FR, "infirm");
  assert.strictEqual(NL, "infirmier");
  // Neither is a prefix of the other's completion, nor within two typos of it.
  assert.ok(!FR.startsWith(NL) && !FR.startsWith(Text.fold("infirmières")));
  assert.ok(require(path.join(root, "Themes/default/assets/js/search-engine.js")).distance(NL, FR, 2) > 2);
});

test("a Dutch index finds a French document by the French stem of the query word", async () => {
  // Document 0 is written in French (indexed "infirm"), document 1 in Dutch (indexed "infirmier").
  const index = fakeIndex({ language: "nl", languages: ["nl", "fr"] }, { infirm: [[0, 7]], infirmier: [[1, 5]], brussel: [[0, 2], [1, 2]] });
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "infirmières"), { infirm: 1, infirmier: 1 });
  const result = await search.search("infirmières");
  assert.deepStrictEqual(result.ids, [0, 1]);
  // Not the last word (no prefix completion): still found by its French stem.
  const both = await search.search("infirmières brussel");
  assert.deepStrictEqual(both.ids, [0, 1]);
  const records = await search.records(both.ids);
  assert.deepStrictEqual(records.map((r) => r.url), ["/doc/0/", "/doc/1/"]);
});

test("each needed shard is loaded once, whatever the number of languages and searches", async () => {
  const index = fakeIndex({ language: "nl", languages: ["nl", "fr", "en", "fr"] }, { infirm: [[0, 7]], infirmier: [[1, 5]], zorg: [[1, 1]] });
  const search = await index.open();
  assert.deepStrictEqual(search.languages, ["nl", "fr", "en"]);
  await search.search("infirmières");
  await search.search("infirmière infirmières");
  assert.deepStrictEqual(index.fetched, ["manifest.gz", "t/in.gz"]);
});

test("the last word is completed from the stem of every language", async () => {
  // "infirmeri" (French "infirmerie") starts with the French stem "infirm", not with "infirmier" or "infirmieres".
  const index = fakeIndex({ language: "nl", languages: ["nl", "fr"] }, { infirmeri: [[2, 4]] });
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "infirmières"), { infirmeri: 0.8 });
  assert.deepStrictEqual((await search.search("infirmières")).ids, [2]);
});

test("typos are forgiven against the stem of every language", async () => {
  const index = fakeIndex({ language: "nl", languages: ["nl", "fr"] }, { infirm: [[0, 7]] });
  const search = await index.open();
  // "infrmières": French stem "infrm", one edit from "infirm"; the Dutch stem "infrmier" is four edits away.
  assert.strictEqual(Text.stem(Text.fold("infrmières"), "fr"), "infrm");
  assert.deepStrictEqual(await factors(search, "infrmières"), { infirm: 0.4 });
  assert.deepStrictEqual((await search.search("infrmières")).ids, [0]);
});

test("skill aliases apply to the stem of every language", async () => {
  // An English document indexed "nurs"; skills.yml makes the French "infirm" an alias of it.
  const index = fakeIndex({ language: "nl", languages: ["nl", "fr", "en"] }, { nurs: [[3, 6]] }, { infirm: ["nurs"] });
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "infirmières"), { nurs: 1 });
  assert.deepStrictEqual(index.fetched, ["manifest.gz", "t/nu.gz"], "the alias's shard, and no other (no 'in' shard exists)");
});

test("an index without `languages` stems with its one language, as before", async () => {
  assert.deepStrictEqual(languagesOf({ language: "fr" }), ["fr"]);
  assert.deepStrictEqual(languagesOf({ language: "fr", languages: [] }), ["fr"]);
  const french = fakeIndex({ language: "fr" }, { infirm: [[0, 7]], infirmier: [[1, 5]] });
  const frenchSearch = await french.open();
  assert.deepStrictEqual(frenchSearch.languages, ["fr"]);
  // "infirm" exactly; "infirmier" only as a completion of the last word (it starts with "infirm"), which counts
  // little since the word itself is in the index.
  assert.deepStrictEqual(await factors(frenchSearch, "infirmières"), { infirm: 1, infirmier: 0.25 });
  assert.deepStrictEqual((await frenchSearch.search("infirmières")).ids, [0, 1]);
  assert.deepStrictEqual((await frenchSearch.search("infirmières infirm")).ids, [0], "not the last word: no completion");
  // A Dutch index of the old kind knows only Dutch stems: the French document stays out of reach.
  const dutch = fakeIndex({ language: "nl" }, { infirm: [[0, 7]], infirmier: [[1, 5]] });
  const dutchSearch = await dutch.open();
  assert.deepStrictEqual((await dutchSearch.search("infirmières")).ids, [1]);
  assert.deepStrictEqual(dutchSearch.highlights("Infirmières", [["infirmier"]]).first, 0);
});

test("highlighting marks a word whose stem matched in any language of the index", async () => {
  const index = fakeIndex({ language: "nl", languages: ["nl", "fr"] }, { infirm: [[0, 7]] });
  const search = await index.open();
  const result = await search.search("infirmières");
  assert.deepStrictEqual(result.terms, [["infirm"]]);
  const source = "Zorg: infirmières diplômées à Liège.";
  const cut = search.highlights(source, result.terms);
  const marked = cut.pieces.filter((p) => p.hit).map((p) => source.slice(p.from, p.to));
  assert.deepStrictEqual(marked, ["infirmières"]);
  assert.strictEqual(cut.first, source.indexOf("infirmières"));
  // The pieces cover the text, in order, without gaps.
  assert.strictEqual(cut.pieces.map((p) => source.slice(p.from, p.to)).join(""), source);
  // Nothing matched, nothing marked.
  assert.strictEqual(search.highlights(source, [["verpleeg"]]).first, -1);
});
