#!/usr/bin/env python3
"""Writes the search's shared fixtures from an oracle independent of Passerelle: Snowball 2.2.0 as PyPI's
snowballstemmer publishes it (the version of Debian's libstemmer, which the build links; Snowball 3 changed the
Dutch and English algorithms).

- Tests/Fixtures/stems.tsv: `language<TAB>word<TAB>stem`, 3,000 words per language (en, fr, nl, ar, de, es),
  taken every n-th from Debian's word lists (wamerican, wfrench, wdutch, wngerman, wspanish; Arabic from
  hunspell-ar's dictionary), lower case letters only, at least three. Checked by StemmerTests (Swift, libstemmer)
  and, for en, fr, nl and ar, in Chromium through a built index's word lists (Tests/browser).
- Tests/Fixtures/text-terms.tsv: for each line's language and text, its terms (Snowball on each word as the
  build cleans it, then folded) and its keys (the words folded: what the browser looks up), with the words and
  folding of the theme's search-text.js.

Run once after a change of the text analysis; needs `pip install snowballstemmer==2.2.0`, node, and the Debian
word lists above. Usage: python3 scripts/search-fixtures.py
"""
import json, os, re, subprocess, sys
import snowballstemmer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TEXT = os.path.join(ROOT, "Themes/default/assets/js/search-text.js")
ALGORITHMS = {"en": "english", "fr": "french", "nl": "dutch", "ar": "arabic", "de": "german", "es": "spanish"}
LISTS = {"en": "/usr/share/dict/american-english", "fr": "/usr/share/dict/french", "nl": "/usr/share/dict/dutch",
         "de": "/usr/share/dict/ngerman", "es": "/usr/share/dict/spanish", "ar": "/usr/share/hunspell/ar.dic"}
PER_LANGUAGE = 3000
ARABIC = re.compile(r"[\u0620-\u064A\u066E-\u06D5\u06EE\u06EF\u06FA-\u06FF]")


def node(script, payload):
    """Runs search-text.js on `payload` in node: the words and folding the browser uses."""
    program = f"const T = require({json.dumps(TEXT)}); const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));" + script
    return json.loads(subprocess.run(["node", "-e", program], input=json.dumps(payload), capture_output=True, text=True, check=True).stdout)


def stem(word, language):
    """The build's stem of a cleaned word: Snowball's, but for short words, words with a digit, and Arabic letters."""
    if len(word) < 3 or any(c.isdigit() for c in word):
        return word
    algorithm = "arabic" if ARABIC.search(word) else ALGORITHMS.get(language.split("-")[0])
    return snowballstemmer.stemmer(algorithm).stemWord(word) if algorithm else word


def words_of(language):
    path = LISTS[language]
    if not os.path.exists(path):
        sys.exit(f"{path} is missing (Debian's word lists: wamerican wfrench wdutch wngerman wspanish hunspell-ar)")
    lines = open(path, encoding="utf-8", errors="ignore").read().split("\n")
    if path.endswith(".dic"):
        lines = [line.split("/")[0] for line in lines[1:]]
    candidates = sorted({w for w in (line.strip() for line in lines) if len(w) >= 3 and re.fullmatch(r"[^\W\d_]+", w) and w == w.lower()})
    step = max(1, len(candidates) // PER_LANGUAGE)
    return candidates[::step][:PER_LANGUAGE]


def stems_fixture():
    rows = []
    for language in ALGORITHMS:
        for word in words_of(language):
            rows.append(f"{language}\t{word}\t{stem(word, language)}")
    with open(os.path.join(ROOT, "Tests/Fixtures/stems.tsv"), "w", encoding="utf-8") as out:
        out.write("\n".join(rows) + "\n")
    return len(rows)


def text_terms_fixture():
    path = os.path.join(ROOT, "Tests/Fixtures/text-terms.tsv")
    lines = [line.split("\t") for line in open(path, encoding="utf-8").read().split("\n") if line]
    cases = [(fields[0], fields[1]) for fields in lines]
    words = node("process.stdout.write(JSON.stringify(input.map((t) => T.words(t))))", [text for _, text in cases])
    stems = [[stem(word, language) for word in case] for (language, _), case in zip(cases, words)]
    folded = node("process.stdout.write(JSON.stringify(input.map((list) => list.map(T.fold))))", stems)
    keys = node("process.stdout.write(JSON.stringify(input.map((list) => list.map(T.fold))))", words)
    with open(path, "w", encoding="utf-8") as out:
        for (language, text), terms, key in zip(cases, folded, keys):
            out.write(f"{language}\t{text}\t{' '.join(terms)}\t{' '.join(key)}\n")
    return len(cases)


if __name__ == "__main__":
    print(f"stems.tsv: {stems_fixture()} words; text-terms.tsv: {text_terms_fixture()} lines")
