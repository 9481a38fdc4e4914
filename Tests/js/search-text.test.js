// The theme's search-text.js against Tests/Fixtures/text-terms.tsv, the fixture that
// Tests/PasserelleSearchTests/TextTermsTests.swift checks the Swift index side against too: the browser cuts a
// query into the same words and folds them into the same keys as the build (it does not stem: see
// search-languages.test.js for the word lists it looks keys up in).
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const Text = require("../../Themes/default/assets/js/search-text.js");

function fixture() {
  const content = fs.readFileSync(path.join(__dirname, "..", "Fixtures", "text-terms.tsv"), "utf8");
  const cases = [];
  content.split("\n").forEach((line, index) => {
    if (line === "") return;
    const fields = line.split("\t");
    assert.strictEqual(fields.length, 4, `text-terms.tsv line ${index + 1}: expected 4 tab-separated fields`);
    cases.push({ line: index + 1, language: fields[0], text: fields[1], keys: fields[3] === "" ? [] : fields[3].split(" ") });
  });
  return cases;
}

test("every fixture line gives the build's keys", () => {
  const cases = fixture();
  assert.ok(cases.length >= 250, `only ${cases.length} fixture lines`);
  const failures = [];
  for (const c of cases) {
    const actual = Text.keys(c.text);
    if (JSON.stringify(actual) !== JSON.stringify(c.keys)) {
      failures.push(`line ${c.line} [${c.language}] "${c.text}": expected ${c.keys.join(" ")}, got ${actual.join(" ")}`);
    }
  }
  assert.deepStrictEqual(failures, []);
});

test("the fixture covers the site's languages", () => {
  const languages = new Set(fixture().map((c) => c.language));
  for (const language of ["en", "fr", "nl", "ar"]) assert.ok(languages.has(language), language);
});

test("accents do not matter", () => {
  assert.deepStrictEqual(Text.keys("Infirmières en soins généraux"), Text.keys("infirmieres en soins generaux"));
  assert.deepStrictEqual(Text.keys("patiënten financiële"), ["patienten", "financiele"]);
  assert.deepStrictEqual(Text.keys("naïve café"), ["naive", "cafe"]);
});

test("Arabic with and without harakat", () => {
  assert.deepStrictEqual(Text.keys("سَلْمَى بنعلي"), Text.keys("سلمى بنعلي"));
  assert.deepStrictEqual(Text.keys("مُمَرِّضَة"), ["ممرضه"]);
  assert.strictEqual(Text.normalizeArabic("مُمَرِّضَة"), "ممرضه");
  assert.strictEqual(Text.normalizeArabic("أإآٱ"), "اااا");
  assert.strictEqual(Text.normalizeArabic("مستشفـــى مسؤول رئيس"), "مستشفي مسوول رييس");
});

test("French elision", () => {
  assert.deepStrictEqual(Text.keys("l'équipe d'infirmières"), ["equipe", "infirmieres"]);
  assert.deepStrictEqual(Text.keys("l’équipe d’infirmières qu'il"), ["equipe", "infirmieres", "il"]);
  assert.deepStrictEqual(Text.keys("aide-soignante"), ["aide", "soignante"]);
});

test("technical tokens", () => {
  assert.deepStrictEqual(Text.keys("C# and .NET developer"), ["csharp", "and", "net", "developer"]);
  assert.deepStrictEqual(Text.words("Node.js, React & CI/CD"), ["nodejs", "react", "cicd"]);
  assert.deepStrictEqual(Text.keys("C++ ASP.NET Core"), ["cplusplus", "aspnet", "core"]);
});
