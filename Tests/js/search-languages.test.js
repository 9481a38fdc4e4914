// The engine over a hand-made index: the browser does not stem. Each shard lists, under "~", the words of its
// documents whose term is not the word itself, with the terms they gave (one per language they were stemmed in,
// by Snowball at build time); a query word is folded and looked up there, so the query and the index always agree.
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const { Engine } = require(path.join(root, "Themes/default/assets/js/search-engine.js"));

/**
 * A fake index: `terms` maps each term to its postings [[doc, impact], ...], `words` each word to its terms; both
 * are put into shards by their first two letters, as the build does. `load` records every file it is asked for.
 */
function fakeIndex(terms, words = {}, aliases = {}) {
  const files = {};
  const shards = {};
  const shard = (key) => { const name = `t/${key}.gz`; shards[key] = name; return (files[name] = files[name] || {}); };
  for (const term of Object.keys(terms)) {
    let previous = 0;
    shard(Array.from(term).slice(0, 2).join(""))[term] = terms[term].flatMap(([doc, impact]) => { const delta = doc - previous; previous = doc; return [delta, impact]; });
  }
  for (const word of Object.keys(words)) {
    const home = shard(Array.from(word).slice(0, 2).join(""));
    (home["~"] = home["~"] || {})[word] = words[word];
  }
  const documents = 4;
  files["r/0.gz"] = Array.from({ length: documents }, (_, id) => ({ u: `/doc/${id}/`, t: `Document ${id}`, k: "talent", s: "", x: "" }));
  files["manifest.gz"] = { language: "nl", documents, chunk: 20, shards, records: ["r/0.gz"], aliases, labels: {}, facets: "f.gz" };
  const fetched = [];
  const load = (file) => {
    fetched.push(file);
    if (!(file in files)) return Promise.reject(new Error(`no file ${file}`));
    return Promise.resolve(JSON.parse(JSON.stringify(files[file])));
  };
  return { fetched, open: () => Engine.open(load, "manifest.gz") };
}

/** The factor of each matched term for the one query word, e.g. {infirmi: 1}. */
async function factors(search, query) {
  const groups = await search.expand(query);
  assert.strictEqual(groups.length, 1);
  return Object.fromEntries(groups[0].postings.map((p) => [p.term, p.factor]));
}

// Document 0 is French ("infirmières" → "infirmi"), document 1 Dutch ("infirmières" as a Dutch word → "infirmier").
const NURSES = { infirmi: [[0, 7]], infirmier: [[1, 5]], brussel: [[0, 2], [1, 2]] };
const WORDS = { infirmieres: ["infirmi", "infirmier"], infirmiere: ["infirmi"] };

test("a query word is looked up in its shard's word list: every term it gave, in every language", async () => {
  const index = fakeIndex(NURSES, WORDS);
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "Infirmières"), { infirmi: 1, infirmier: 1 });
  assert.deepStrictEqual((await search.search("infirmières")).ids, [0, 1]);
  // Not the last word (no completion): still both.
  assert.deepStrictEqual((await search.search("infirmières brussel")).ids, [0, 1]);
  // Another form, listed with one term: only the French document.
  assert.deepStrictEqual((await search.search("infirmière brussel")).ids, [0]);
});

test("a word that is itself a term needs no entry, and each shard is loaded once", async () => {
  const index = fakeIndex({ java: [[2, 9]], javascript: [[3, 9]] });
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "Java"), { java: 1, javascript: 0.25 });
  await search.search("java");
  await search.search("javascript java");
  assert.deepStrictEqual(index.fetched, ["manifest.gz", "t/ja.gz"]);
});

test("the last word is completed from the terms and the words it begins", async () => {
  const index = fakeIndex({ verpleegkund: [[1, 4]] }, { verpleegkundige: ["verpleegkund"], verpleegkundigen: ["verpleegkund"] });
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "verpleegk"), { verpleegkund: 0.8 });
  assert.deepStrictEqual((await search.search("verpleegkundig")).ids, [1]);
});

test("a word the index does not have is matched within a typo of its words and terms", async () => {
  const index = fakeIndex(NURSES, WORDS);
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "infrmieres"), { infirmi: 0.4, infirmier: 0.4 });
  assert.deepStrictEqual((await search.search("brussels")).ids, [0, 1], "one edit from the term brussel");
});

test("skill aliases and occupations' labels apply to the terms a word gave", async () => {
  // skills.yml makes the French "infirmi" an alias of the English "nurs"; a document names the occupation (nurs@).
  const index = fakeIndex({ nurs: [[3, 6]], "nurs@": [[2, 9]] }, { infirmieres: ["infirmi"] }, { infirmi: ["nurs"] });
  const search = await index.open();
  assert.deepStrictEqual(await factors(search, "infirmières"), { nurs: 1, "nurs@": 1 });
  assert.deepStrictEqual((await search.search("infirmières")).ids, [2, 3]);
});

test("highlighting marks a word whose term matched, by the word lists loaded", async () => {
  const index = fakeIndex(NURSES, WORDS);
  const search = await index.open();
  const result = await search.search("infirmière brussel");
  assert.deepStrictEqual(result.terms, [["infirmi"], ["brussel"]]);
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
