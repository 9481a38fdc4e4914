#!/usr/bin/env python3
"""Side by side, on the same built site: Passerelle's search and Pagefind (PyPI's pagefind-bin).

For each corpus size: build the site (scripts/corpus.py, release passerelle), run Pagefind over the same
output, serve both from one threaded server that counts the bytes of every response, and run each query
through each engine's own API in a fresh headless Chromium (Selenium, Debian's chromium-driver, no cache):
open the index, search, fetch the data of the top 10 results. Prints a Markdown table.

Usage: python3 scripts/search-compare/run.py [sizes...]    (default: 1000 10000)
Needs: pip install pagefind-bin selenium; apt-get install chromium chromium-driver.
"""
import json, os, shutil, subprocess, sys, tempfile, threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("SE_AVOID_STATS", "true")
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(ROOT, ".bench")
QUERIES = ["java", "nurse", "kubernetes", "wound care", "dev"]
# The query time: these, each by a new engine over the opened manifest; once fetching its files, twice from the
# browser's cache (timing.js).
TIMED = ["java", "nurse", "kubernetes", "wound care", "dev", "python", "react", "spring boot", "sql", "docker",
         "verpleegkundige", "infirmière", "ممرضة", "care assistant", "aide-soignante", "dementia", "palliative care",
         "data analyst", "power bi", "cloud", "azure", "devops", "javascript developer", "nod", "kub", "ja", "nurs",
         "casablanca", "rabat", "brussel", "gent", "antwerpen", "dutch", "french", "b2", "senior", "junior",
         "developpeur", "infirmiere", "kubernetse"]
TIMINGS = []


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.bytes = 0
        self.files = 0

    def reset(self):
        with self.lock:
            self.bytes, self.files = 0, 0

    def add(self, size):
        with self.lock:
            self.bytes += size
            self.files += 1


class Handler(SimpleHTTPRequestHandler):
    counter = None
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".gz": "application/gzip",
                      ".wasm": "application/wasm", ".pf_meta": "application/octet-stream"}

    def translate_path(self, path):
        if path.startswith("/compare/"):
            return os.path.join(HERE, path.split("?")[0][len("/compare/"):])
        return super().translate_path(path)

    def send_head(self):
        response = super().send_head()
        path = self.path.split("?")[0]
        if response is not None and not path.startswith("/compare/"):
            try:
                self.counter.add(os.fstat(response.fileno()).st_size)
            except (AttributeError, OSError):
                pass
        return response

    def log_message(self, *args):
        pass


def folder_size(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files)


def pagefind_binary():
    import pagefind_bin
    return os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind")


def browse(address):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]:
        options.add_argument(argument)
    profile = tempfile.mkdtemp(prefix="compare-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(address)
        WebDriverWait(driver, 60).until(lambda d: d.find_element("id", "out").text != "running")
        return json.loads(driver.find_element("id", "out").text)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    rows = []
    for size in sizes:
        content = os.path.join(WORK, f"content-{size}")
        site = os.path.join(WORK, f"compare-{size}")
        if not os.path.exists(content):
            subprocess.run(["python3", os.path.join(ROOT, "scripts/corpus.py"), str(size), content], check=True)
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([os.path.join(ROOT, ".build/release/passerelle"), "build", "--content", content, "--themes",
                        os.path.join(ROOT, "Themes"), "--output", site, "--date", "2026-11-24"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([pagefind_binary(), "--site", site, "--quiet"], check=True, stdout=subprocess.DEVNULL)
        ours_index, their_index = folder_size(os.path.join(site, "search")), folder_size(os.path.join(site, "pagefind"))
        counter = Counter()
        Handler.counter = counter
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for query in QUERIES:
            measured = {}
            for engine in ["ours", "pagefind"]:
                counter.reset()
                result = browse(f"{base}/compare/{engine}.html?q={query}")
                result.update(bytes=counter.bytes, files=counter.files)
                measured[engine] = result
            rows.append((size, query, measured, ours_index, their_index))
        timed = browse(f"{base}/compare/timing.html?q=" + "|".join(TIMED))
        for kind in ["cold", "warm"]:
            times = sorted(timed[kind])
            TIMINGS.append((size, kind, len(times), times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))], times[-1]))
        server.shutdown()
    kb = lambda n: f"{n / 1024:.1f}"
    print("| profiles | query | Passerelle, first query: kB (files) | Pagefind, first query: kB (files) | Passerelle ms | Pagefind ms | results P / PF | index size kB, P / PF |")
    print("|---|---|---|---|---|---|---|---|")
    for size, query, m, ours_index, their_index in rows:
        o, p = m["ours"], m["pagefind"]
        print(f"| {size} | {query} | {kb(o['bytes'])} ({o['files']}) | {kb(p['bytes'])} ({p['files']}) | {o['time']:.0f} | {p['time']:.0f} | "
              f"{o['total']} / {p['total']} | {kb(ours_index)} / {kb(their_index)} |")
    for size, kind, count, median, p95, slowest in TIMINGS:
        print(f"\nQuery time at {size} profiles, {kind} ({count} queries of {len(TIMED)} words and phrases, each by a new engine "
              f"over the opened manifest, to the top 10 results' data): median {median:.1f} ms, p95 {p95:.1f} ms, slowest {slowest:.1f} ms")


if __name__ == "__main__":
    main()
