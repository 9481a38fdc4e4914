// End to end: the sample site built by passerelle, served on 127.0.0.1, searched in headless Chromium.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { execFile, execFileSync } = require("node:child_process");
const { promisify } = require("node:util");
const run = promisify(execFile);

const root = path.resolve(__dirname, "../..");
const { buildSample } = require("../js/sample-site.js");
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png",
                ".xml": "application/xml", ".txt": "text/plain", ".gz": "application/gzip" };

const sites = {};
/** The index files asked for (path → the request's Cache-Control header), of every site served. */
const indexRequests = [];
/** Builds the sample (as one site, or with its markets) and serves it; resolves to the server's base address. */
function serve(markets = false) {
  if (sites[markets]) return sites[markets];
  const output = buildSample({ markets, prefix: "passerelle-e2e-" });
  const server = http.createServer((request, response) => {
    let file = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    if (file.endsWith(".gz")) indexRequests.push({ file, cacheControl: request.headers["cache-control"] || "" });
    if (file.endsWith("/")) file += "index.html";
    const full = path.join(output, path.normalize(file));
    if (!full.startsWith(output) || !fs.existsSync(full) || fs.statSync(full).isDirectory()) {
      response.writeHead(404); response.end(); return;
    }
    response.writeHead(200, { "Content-Type": types[path.extname(full)] || "application/octet-stream" });
    fs.createReadStream(full).pipe(response);
  });
  sites[markets] = new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` })));
  return sites[markets];
}

/** The page after its scripts ran, as Chromium renders it. (Asynchronous, so that this process keeps serving the site.) */
async function dom(address) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-chromium-"));
  try {
    const { stdout } = await run("chromium", ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
      `--user-data-dir=${profile}`, "--virtual-time-budget=8000", "--dump-dom", address], { encoding: "utf8", timeout: 90000, maxBuffer: 1 << 26 });
    return stdout;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function results(query, where = "/search/", markets = false) {
  const { base } = await serve(markets);
  const page = await dom(`${base}${where}?${query}`);
  const links = [...page.matchAll(/<h2 class="result-title"><a href="([^"]+)"/g)].map((match) => match[1]);
  const status = (page.match(/<p id="search-status"[^>]*>([^<]*)<\/p>/) || [])[1] || "";
  return { links, status, page };
}

test.after(async () => { for (const site of Object.values(sites)) (await site).server.close(); });

test("an exact query lists the right pages first", async () => {
  const { links, status } = await results("q=java");
  assert.match(status, /results? for “\u2068java\u2069”/);
  assert.ok(links.slice(0, 4).includes("/talents/youssef-el-amrani/"), links.join(" "));
  assert.ok(links.includes("/vacancies/java-developer-brussels/"));
});

test("the manifest, whose address stays the same from build to build, is revalidated; the files it names are not", async () => {
  indexRequests.length = 0;
  assert.ok((await results("q=java")).links.length > 0);
  const manifest = indexRequests.filter((request) => request.file === "/search/manifest.gz");
  assert.strictEqual(manifest.length, 1);
  // fetch's "no-cache" mode: the browser asks the server even when a cache holds the file.
  assert.match(manifest[0].cacheControl, /max-age=0|no-cache/);
  const named = indexRequests.filter((request) => request.file !== "/search/manifest.gz");
  assert.ok(named.length > 0 && named.every((request) => /\.[0-9a-f]{10}\.gz$/.test(request.file) && request.cacheControl === ""),
            JSON.stringify(named));
});

test("prefix, accent-less, misspelt and Arabic queries find their pages", async () => {
  assert.ok((await results("q=kuber")).links.includes("/vacancies/devops-cloud-engineer-rabat/"));
  assert.ok((await results("q=meknes")).links.includes("/talents/omar-fassi-fihri/"));
  assert.ok((await results("q=kubernetse")).links.includes("/vacancies/devops-cloud-engineer-rabat/"));
  assert.ok((await results("q=" + encodeURIComponent("سَلْمَى"))).links.includes("/talents/salma-benali/"));
});

test("filters in the address combine and show counts", async () => {
  const { links, page } = await results("type=talent&country=BE&lang=nl-B1");
  assert.ok(links.length > 0);
  assert.ok(links.every((link) => link.startsWith("/talents/")), links.join(" "));
  assert.ok(links.includes("/talents/ilyas-bakkali/"));
  assert.ok(!links.includes("/talents/salma-benali/"));
  assert.match(page, /<details id="search-filters" class="search-filters" open="">/);
  assert.match(page, /class="filter-count">\(\d+\)</);
  assert.match(page, /Dutch at least B1/);
});

test("every page has a search box that goes to /search/", async () => {
  const { base } = await serve();
  const home = await dom(`${base}/talents/hajar-moussaoui/`);
  assert.match(home, /<form class="site-search" role="search" action="\/search\/" method="get">/);
});

test("the Dutch search page of the Belgian market searches in Dutch and still finds a profile written in French", async () => {
  const { links, status, page } = await results("q=" + encodeURIComponent("gériatrie"), "/be/search/", true);
  assert.match(page, /<html lang="nl" dir="ltr">/);
  assert.match(status, /resulta(at|ten) voor ‘\u2068gériatrie\u2069’/);
  assert.ok(links.includes("/be/talents/meryem-el-hassani/"), links.join(" "));
  assert.ok(links.every((link) => link.startsWith("/be/")), links.join(" "));
  // A Dutch word of a Dutch translation, and a Moroccan-only talent is not in the Belgian market.
  assert.ok((await results("q=zorgkundige", "/be/search/", true)).links.length > 0);
  assert.ok((await results("q=oujda", "/ma/search/", true)).links.includes("/ma/talents/ayoub-cherkaoui/"));
  assert.deepStrictEqual((await results("q=oujda", "/be/search/", true)).links.filter((link) => link.includes("ayoub")), []);
});

test("the Arabic search page of the Moroccan market is right to left and finds Arabic and Latin text", async () => {
  const { links, page } = await results("q=" + encodeURIComponent("سلمى"), "/ma/ar/search/", true);
  assert.match(page, /<html lang="ar" dir="rtl">/);
  assert.ok(links.includes("/ma/ar/talents/salma-benali/"), links.join(" "));
  assert.ok((await results("q=kubernetes", "/ma/ar/search/", true)).links.includes("/ma/ar/vacancies/devops-cloud-engineer-rabat/"));
});
