// The theme's search-text.js against Tests/Fixtures/text-terms.tsv, the fixture that
// Tests/PasserelleSearchTests/TextTermsTests.swift checks the Swift index side against too.
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
    assert.strictEqual(fields.length, 3, `text-terms.tsv line ${index + 1}: expected 3 tab-separated fields`);
    cases.push({ line: index + 1, language: fields[0], text: fields[1], expected: fields[2].split(" ") });
  });
  return cases;
}

test("every fixture line gives the expected terms", () => {
  const cases = fixture();
  assert.ok(cases.length >= 250, `only ${cases.length} fixture lines`);
  const failures = [];
  for (const c of cases) {
    const actual = Text.terms(c.text, c.language);
    if (JSON.stringify(actual) !== JSON.stringify(c.expected)) {
      failures.push(`line ${c.line} [${c.language}] "${c.text}": expected ${c.expected.join(" ")}, got ${actual.join(" ")}`);
    }
  }
  assert.deepStrictEqual(failures, []);
});

test("the fixture covers every stemmer", () => {
  const languages = new Set(fixture().map((c) => c.language));
  for (const language of ["en", "fr", "nl", "ar"]) assert.ok(languages.has(language), language);
});

test("accents do not matter", () => {
  assert.deepStrictEqual(Text.terms("développeur", "fr"), Text.terms("developpeur", "fr"));
  assert.deepStrictEqual(Text.terms("Infirmières en soins généraux", "fr"), Text.terms("infirmieres en soins generaux", "fr"));
  assert.deepStrictEqual(Text.terms("patiënten financiële", "nl"), Text.terms("patienten financiele", "nl"));
  assert.deepStrictEqual(Text.terms("naïve café", "en"), Text.terms("naive cafe", "en"));
});

test("French conflations", () => {
  const stems = (text) => new Set(Text.terms(text, "fr"));
  assert.strictEqual(stems("developpeur developpeurs developpeuse développement développer").size, 1);
  assert.deepStrictEqual([...stems("infirmier infirmiere infirmieres infirmiers")], ["infirm"]);
  assert.deepStrictEqual([...stems("soin soins")], ["soin"]);
  assert.strictEqual(stems("competence competences compétences").size, 1);
  assert.deepStrictEqual([...stems("gestion gestions")], ["gestion"]);
  assert.deepStrictEqual([...stems("informatique informatiques")], ["informat"]);
});

test("Dutch conflations", () => {
  const stems = (text) => [...new Set(Text.terms(text, "nl"))];
  assert.deepStrictEqual(stems("verpleegkundige verpleegkundigen"), ["verpleegkundig"]);
  assert.deepStrictEqual(stems("ontwikkelaar ontwikkelaars"), ["ontwikkelaar"]);
  assert.deepStrictEqual(stems("vaardigheid vaardigheden"), ["vaardigheid"]);
  assert.deepStrictEqual(stems("zorgkundige zorgkundigen"), ["zorgkundig"]);
  assert.deepStrictEqual(stems("collega collega's collega’s"), ["collega"]);
});

test("Arabic with and without harakat", () => {
  assert.deepStrictEqual(Text.terms("سَلْمَى بنعلي", "ar"), Text.terms("سلمى بنعلي", "ar"));
  assert.deepStrictEqual(Text.terms("مُمَرِّضَة", "ar"), Text.terms("ممرضه", "ar"));
  assert.deepStrictEqual(Text.terms("مُحَمَّد الأَمِين", "fr"), Text.terms("محمد الامين", "fr"));
  assert.strictEqual(Text.normalizeArabic("مُمَرِّضَة"), "ممرضه");
  assert.strictEqual(Text.normalizeArabic("أإآٱ"), "اااا");
  assert.strictEqual(Text.normalizeArabic("مستشفـــى مسؤول رئيس"), "مستشفي مسوول رييس");
});

test("Arabic prefixes and suffixes", () => {
  assert.deepStrictEqual(Text.terms("المعلومات والتمريض ممرضات", "ar"), ["معلوم", "تمريض", "ممرض"]);
  // Arabic words use the Arabic stemmer in any language.
  assert.deepStrictEqual(Text.terms("ممرضات", "en"), ["ممرض"]);
  assert.deepStrictEqual(Text.terms("ممرضات", "de"), ["ممرض"]);
  // Short words keep their letters.
  assert.strictEqual(Text.stem("ولد", "ar"), "ولد");
});

test("French elision", () => {
  assert.deepStrictEqual(Text.terms("l'équipe d'infirmières", "fr"), ["equip", "infirm"]);
  assert.deepStrictEqual(Text.terms("l’équipe d’infirmières", "fr"), ["equip", "infirm"]);
  assert.deepStrictEqual(Text.terms("qu'il développe", "fr"), ["il", "develop"]);
  assert.deepStrictEqual(Text.terms("aide-soignante", "fr"), ["aide", "soignant"]);
});

test("technical tokens", () => {
  assert.deepStrictEqual(Text.terms("C# and .NET developer", "en"), ["csharp", "and", "net", "develop"]);
  assert.deepStrictEqual(Text.terms("Node.js, React & CI/CD", "en"), ["nodej", "react", "cicd"]);
  assert.deepStrictEqual(Text.terms("C++", "en"), ["cplusplus"]);
  assert.deepStrictEqual(Text.terms("C++", "fr"), ["cplusplus"]);
  assert.deepStrictEqual(Text.terms("ASP.NET Core", "en"), ["aspnet", "core"]);
  assert.deepStrictEqual(Text.words("Node.js, React & CI/CD"), ["nodejs", "react", "cicd"]);
});

test("Porter2 examples", () => {
  const examples = {
    consign: "consign", consigned: "consign", consigning: "consign", consignment: "consign",
    generously: "generous", generate: "generat", skies: "sky", dying: "die", news: "news",
    succeeded: "succeed", innings: "inning", cried: "cri", hoping: "hope", hopping: "hop",
    developers: "develop", developing: "develop", nursing: "nurs", nurses: "nurs",
    management: "manag", engineering: "engin", analyst: "analyst", analysts: "analyst"
  };
  for (const [word, stem] of Object.entries(examples)) assert.strictEqual(Text.stem(word, "en"), stem, word);
});

test("unstemmed words", () => {
  assert.strictEqual(Text.stem("developers", "de"), "developers");
  assert.strictEqual(Text.stem("nurses", ""), "nurses");
  assert.strictEqual(Text.stem("is", "en"), "is");
  assert.strictEqual(Text.stem("h2os", "en"), "h2os");
  assert.strictEqual(Text.stem("infirmières", "fr-BE"), Text.stem("infirmières", "fr"));
});
