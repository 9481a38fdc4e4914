// Queries the search index that `passerelle build` writes for the sample site, with the theme's own engine.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "../..");
const { buildSample } = require("./sample-site.js");
const { Engine, distance, typoLimit } = require(path.join(root, "Themes/default/assets/js/search-engine.js"));

/** Builds the sample site once, into a temporary folder; returns the opened engine. */
let opened = null;
function engine() {
  if (opened) return opened;
  const output = buildSample({ markets: false, prefix: "passerelle-search-" });
  const page = fs.readFileSync(path.join(output, "search/index.html"), "utf8");
  const manifest = page.match(/data-manifest="([^"]+)"/)[1];
  const load = (file) => Promise.resolve(JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(output, "search", file))).toString("utf8")));
  opened = Engine.open(load, manifest);
  return opened;
}

async function urls(query, filters) {
  const search = await engine();
  const result = await search.search(query, filters);
  const records = await search.records(result.ids);
  return records.map((record) => record.url);
}

test("an exact word finds the pages that contain it, best first", async () => {
  const found = await urls("java");
  assert.ok(found.length >= 3);
  assert.ok(found.slice(0, 4).includes("/talents/youssef-el-amrani/"));
  assert.ok(found.slice(0, 4).includes("/vacancies/java-developer-brussels/"));
});

test("every word must match", async () => {
  const both = await urls("java spring");
  const java = await urls("java");
  assert.ok(both.length > 0 && both.length <= java.length);
  const nurse = await urls("java wound");
  assert.deepStrictEqual(nurse, []);
});

test("the last word is a prefix, so results come as you type", async () => {
  const found = await urls("jav");
  assert.ok(found.includes("/talents/youssef-el-amrani/"));
  const kub = await urls("kuber");
  assert.ok(kub.includes("/vacancies/devops-cloud-engineer-rabat/"));
});

test("accents do not matter", async () => {
  assert.deepStrictEqual(await urls("meknes"), await urls("Meknès"));
  assert.ok((await urls("meknes")).includes("/talents/omar-fassi-fihri/"));
});

test("a typo is forgiven but ranks below exact hits", async () => {
  assert.strictEqual(typoLimit("java"), 0);
  assert.strictEqual(typoLimit("spring"), 1);
  assert.strictEqual(typoLimit("kubernetes"), 2);
  assert.strictEqual(distance("sprng", "spring", 1), 1);
  assert.strictEqual(distance("dementai", "dementia", 1), 1);
  assert.strictEqual(distance("nurse", "nures", 1), 1);
  const typo = await urls("kubernetse");
  assert.ok(typo.includes("/vacancies/devops-cloud-engineer-rabat/"));
  const dementia = await urls("dementai care");
  assert.ok(dementia.includes("/vacancies/elderly-care-nurse-brussels/"));
  // A word the index knows is never read as a typo of another: "wound" is not "would".
  assert.deepStrictEqual(await urls("java wound"), []);
});

test("Arabic names are found with or without vowel marks", async () => {
  const plain = await urls("سلمى");
  const marked = await urls("سَلْمَى");
  assert.ok(plain.includes("/talents/salma-benali/"));
  assert.deepStrictEqual(marked, plain);
});

test("skill aliases from skills.yml apply to queries", async () => {
  const js = await urls("JS");
  assert.ok(js.includes("/talents/salma-benali/"));
  const french = await urls("soins des plaies");
  assert.ok(french.includes("/vacancies/nurse-antwerpen/"));
});

test("filters combine, with or without a query, and count per value", async () => {
  const search = await engine();
  const talentsInBelgiumWithDutch = await search.search("", { type: ["talent"], country: ["BE"], language: [{ code: "nl", level: "B1" }] });
  assert.ok(talentsInBelgiumWithDutch.total > 0);
  const records = await search.records(talentsInBelgiumWithDutch.ids);
  assert.ok(records.every((record) => record.type === "talent"));
  assert.ok(records.some((record) => record.url === "/talents/ilyas-bakkali/"));
  assert.ok(!records.some((record) => record.url === "/talents/salma-benali/"), "Salma has Dutch A2 only");
  const counts = await search.counts(talentsInBelgiumWithDutch.ids);
  assert.strictEqual(counts.type.talent, talentsInBelgiumWithDutch.total);
  assert.strictEqual(counts.type.vacancy, 0);
  const care = await search.search("care", { type: ["vacancy"], sector: ["care"] });
  const careRecords = await search.records(care.ids);
  assert.ok(careRecords.length > 0 && careRecords.every((record) => record.type === "vacancy"));
  const available = await search.search("", { type: ["talent"], available: "2027-02-01" });
  const all = await search.search("", { type: ["talent"] });
  assert.ok(available.total > 0 && available.total < all.total);
});

test("the first query fetches the manifest, the shards of its words and the records it shows, nothing else", async () => {
  const output = buildSample({ markets: false, prefix: "passerelle-bytes-" });
  const fetched = [], fresh = [];
  const load = (file, revalidate) => {
    fetched.push(file);
    if (revalidate) fresh.push(file);
    return Promise.resolve(JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(output, "search", file))).toString("utf8")));
  };
  const manifest = fs.readFileSync(path.join(output, "search/index.html"), "utf8").match(/data-manifest="([^"]+)"/)[1];
  assert.strictEqual(manifest, "manifest.gz", "the manifest's address is the same for every build");
  const search = await Engine.open(load, manifest);
  const result = await search.search("java");
  await search.records(result.ids.slice(0, 10));
  assert.strictEqual(fetched[0], "manifest.gz");
  // Only the manifest is revalidated: every other file is named after its content.
  assert.deepStrictEqual(fresh, ["manifest.gz"]);
  assert.ok(fetched.filter((file) => file.startsWith("t/")).length <= 2, fetched.join(" "));
  assert.ok(!fetched.some((file) => file.startsWith("f.")), "no filter data without filters");
});
