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

/** The sample site built once, into a temporary folder. */
let built = null;
function builtSample() {
  if (!built) built = buildSample({ markets: false, prefix: "passerelle-search-" });
  return built;
}

/** Builds the sample site once, into a temporary folder; returns the opened engine. */
let opened = null;
function engine() {
  if (opened) return opened;
  const output = builtSample();
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

/** The engine of an edition of the sample built as one site (English at the root, /fr/, /nl/, /ar/). */
const editions = {};
function edition(prefix) {
  if (!editions[prefix]) {
    editions[prefix] = engine().then(() => {
      const output = builtSample();
      const folder = path.join(output, prefix, "search");
      const manifest = fs.readFileSync(path.join(folder, "index.html"), "utf8").match(/data-manifest="([^"]+)"/)[1];
      const load = (file) => Promise.resolve(JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(folder, file))).toString("utf8")));
      return Engine.open(load, manifest);
    });
  }
  return editions[prefix];
}

/** The sample's nurses: the talents and vacancies whose occupation (occupations.yml) is a nurse's. */
const NURSES = ["fatima-zahra-el-idrissi", "ilyas-bakkali", "karim-benjelloun", "loubna-chraibi", "meryem-el-hassani", "nadia-ouali",
                "siham-el-ouardi", "elderly-care-nurse-brussels", "nurse-antwerpen"];
const slug = (url) => url.split("/").filter(Boolean).pop();

test("every word for a nurse, in any language, finds the nurses first in every edition", async () => {
  for (const prefix of ["", "fr", "nl", "ar"]) {
    const search = await edition(prefix);
    for (const word of ["nurse", "verpleegkundige", "verpleegster", "infirmière", "infirmier", "ممرض", "ممرضة", "تمريض"]) {
      const result = await search.search(word);
      const first = (await search.records(result.ids.slice(0, NURSES.length))).map((record) => slug(record.url));
      assert.deepStrictEqual([...first].sort(), [...NURSES].sort(), `/${prefix} ${word}: ${first.join(" ")}`);
    }
  }
});

test("a profile is found in every edition by its original text and by its translations", async () => {
  // Fatima Zahra writes in English and has a Dutch and a French translation; Salma writes in English only.
  for (const prefix of ["", "fr", "nl", "ar"]) {
    const search = await edition(prefix);
    for (const words of ["surgical ward", "chirurgische afdeling", "service de chirurgie"]) {
      const found = (await search.records((await search.search(words)).ids)).map((record) => slug(record.url));
      assert.ok(found.includes("fatima-zahra-el-idrissi"), `/${prefix} ${words}: ${found.join(" ")}`);
    }
  }
});

test("a query word that is in the index ranks it above longer words it begins", async () => {
  for (const prefix of ["", "fr", "nl", "ar"]) {
    const found = (await (await edition(prefix)).records((await (await edition(prefix)).search("java")).ids)).map((record) => slug(record.url));
    const java = ["youssef-el-amrani", "omar-fassi-fihri", "java-developer-brussels"];
    const javascript = ["salma-benali", "fullstack-javascript-developer-leuven", "zineb-alaoui"];
    const lastJava = Math.max(...java.map((s) => found.indexOf(s)));
    assert.ok(java.every((s) => found.includes(s)), found.join(" "));
    assert.ok(javascript.every((s) => !found.includes(s) || found.indexOf(s) > lastJava), `/${prefix}: ${found.join(" ")}`);
  }
  // Where the index does not have the word, its completions count as before: "jav" finds both.
  const partial = (await (await edition("")).records((await (await edition("")).search("jav")).ids)).map((record) => slug(record.url));
  assert.ok(partial.includes("salma-benali") && partial.includes("youssef-el-amrani"));
});

test("a result names the skills and the occupation that matched, in the edition's language", async () => {
  const dutch = await edition("nl");
  const nurses = await dutch.search("nurse");
  const record = (await dutch.records(nurses.ids.slice(0, 1)))[0];
  assert.deepStrictEqual(dutch.reasons(record, nurses.terms).occupation, "Verpleegkundige");
  const wound = await dutch.search("wound care");
  const [first] = await dutch.records(wound.ids.slice(0, 1));
  assert.ok(dutch.reasons(first, wound.terms).skills.includes("Wondzorg"), JSON.stringify(dutch.reasons(first, wound.terms)));
  const java = await dutch.search("java");
  const [developer] = await dutch.records(java.ids.slice(0, 1));
  assert.deepStrictEqual(dutch.reasons(developer, java.terms), { skills: ["Java"], occupation: null });
});

test("the occupation filter keeps the people of an occupation, labelled in the edition's language", async () => {
  const french = await edition("fr");
  const nurses = await french.search("", { occupation: ["nurse"] });
  const found = (await french.records(nurses.ids)).map((record) => slug(record.url));
  assert.deepStrictEqual(found.sort(), ["elderly-care-nurse-brussels", "fatima-zahra-el-idrissi", "ilyas-bakkali", "karim-benjelloun",
                                        "loubna-chraibi", "nurse-antwerpen", "siham-el-ouardi"]);
  assert.strictEqual(french.manifest.labels["occupation:nurse"], "Infirmier");
  const counts = await french.counts((await french.search("", { type: ["talent", "vacancy"] })).ids);
  assert.strictEqual(counts.occupation["care-assistant"], 6);
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
