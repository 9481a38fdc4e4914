#!/usr/bin/env node
// Side by side, on the same built site: Passerelle's search and Pagefind (PyPI's pagefind-bin).
// For each corpus size it builds the site, runs Pagefind over it, serves both from one server that counts
// the bytes of every response, and runs each query in a fresh headless Chromium (no cache).
// Usage: node scripts/search-compare/run.js [sizes...]   (default 1000 10000); prints a Markdown table.
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "../..");
const work = path.join(root, ".bench");
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const queries = ["java", "nurse", "kubernetes", "wound care", "dev"];
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
                ".gz": "application/gzip", ".wasm": "application/wasm" };

function pagefindBinary() {
  const found = execFileSync("python3", ["-c", "import pagefind_bin, os; print(os.path.dirname(pagefind_bin.__file__))"], { encoding: "utf8" }).trim();
  return path.join(found, "pagefind");
}

function folderSize(folder) {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? folderSize(full) : fs.statSync(full).size;
  }
  return total;
}

function serve(site) {
  const counts = { bytes: 0, files: 0 };
  const server = http.createServer((request, response) => {
    let file = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (file.startsWith("/compare/")) file = path.join(__dirname, file.slice("/compare/".length));
    else { if (file.endsWith("/")) file += "index.html"; file = path.join(site, path.normalize(file)); }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { response.writeHead(404); response.end(); return; }
    const body = fs.readFileSync(file);
    if (!request.url.startsWith("/compare/") && !request.url.startsWith("/search/?")) { counts.bytes += body.length; counts.files += 1; }
    response.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream", "Content-Length": body.length });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, counts, base: `http://127.0.0.1:${server.address().port}` })));
}

function browse(address) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "compare-profile-"));
  try {
    const dom = execFileSync("chromium", ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", `--user-data-dir=${profile}`,
      "--virtual-time-budget=20000", "--dump-dom", address], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 120000 });
    const text = (dom.match(/<pre id="out">([^<]*)<\/pre>/) || [])[1] || "";
    return JSON.parse(text.replace(/&quot;/g, '"'));
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const rows = [];
  for (const size of sizes.length ? sizes : [1000, 10000]) {
    const content = path.join(work, `content-${size}`);
    const site = path.join(work, `compare-${size}`);
    if (!fs.existsSync(content)) execFileSync("python3", [path.join(root, "scripts/corpus.py"), String(size), content]);
    fs.rmSync(site, { recursive: true, force: true });
    execFileSync(path.join(root, ".build/release/passerelle"), ["build", "--content", content, "--themes", path.join(root, "Themes"),
      "--output", site, "--date", "2026-11-24"], { stdio: "ignore" });
    execFileSync(pagefindBinary(), ["--site", site, "--quiet"], { stdio: "ignore" });
    const ourIndex = folderSize(path.join(site, "search"));
    const theirIndex = folderSize(path.join(site, "pagefind"));
    const { server, counts, base } = await serve(site);
    for (const query of queries) {
      const measure = (page) => {
        counts.bytes = 0; counts.files = 0;
        const result = browse(`${base}/compare/${page}?q=${encodeURIComponent(query)}`);
        return { ...result, bytes: counts.bytes, files: counts.files };
      };
      const ours = measure("ours.html");
      const theirs = measure("pagefind.html");
      rows.push({ size, query, ours, theirs, ourIndex, theirIndex });
    }
    server.close();
  }
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  console.log("| profiles | query | Passerelle: first query (kB, files) | Pagefind: first query (kB, files) | Passerelle time (ms) | Pagefind time (ms) | results (P / PF) | index size (kB, P / PF) |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    console.log(`| ${row.size} | ${row.query} | ${kb(row.ours.bytes)} (${row.ours.files}) | ${kb(row.theirs.bytes)} (${row.theirs.files}) | ` +
      `${row.ours.time.toFixed(0)} | ${row.theirs.time.toFixed(0)} | ${row.ours.total} / ${row.theirs.total} | ${kb(row.ourIndex)} / ${kb(row.theirIndex)} |`);
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
