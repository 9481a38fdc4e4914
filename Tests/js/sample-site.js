// Builds the repository's sample site with the debug binary into a new temporary folder, for the script tests.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "../..");

/**
 * `markets: false` builds the sample as one site for all countries (English at the root, /fr/, /nl/, /ar/),
 * from a copy of Content/ whose site.yml has its `markets:` section removed. Resolves to the output folder.
 */
function buildSample({ markets = true, prefix = "passerelle-sample-" } = {}) {
  let content = path.join(root, "Content");
  if (!markets) {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), prefix + "content-"));
    fs.cpSync(content, copy, { recursive: true });
    const site = fs.readFileSync(path.join(copy, "site.yml"), "utf8");
    const kept = [];
    let inMarkets = false;
    for (const line of site.split("\n")) {
      if (line.startsWith("markets:")) { inMarkets = true; continue; }
      if (inMarkets && (line.startsWith(" ") || line === "")) continue;
      inMarkets = false;
      kept.push(line);
    }
    fs.writeFileSync(path.join(copy, "site.yml"), kept.join("\n"));
    content = copy;
  }
  const output = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.rmSync(output, { recursive: true });
  execFileSync(path.join(root, ".build/debug/passerelle"),
    ["build", "--content", content, "--themes", "Themes", "--output", output, "--date", "2026-11-24"], { cwd: root });
  return output;
}

module.exports = { buildSample, root };
