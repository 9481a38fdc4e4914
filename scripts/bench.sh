#!/usr/bin/env bash
# Times `passerelle build` (release) on the sample and on generated corpora (BENCH_SIZES talents, a fifth as
# many vacancies; 1,000 and 10,000 by default, the size the matching target is set at): full builds without the
# cache (median of 5 runs, 1 at 100,000), the time of each stage, peak memory and files written; then rebuilds
# with the build cache: nothing changed, one talent edited, one vacancy edited, one template edited (median of 3);
# then what matching adds to the largest build, and Hugo on the same talent Markdown where hugo is installed.
# BENCH_LARGE=1 (make bench-large) adds the 100,000-talent corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/passerelle
sizes=${BENCH_SIZES:-"1000 10000"}
if [ "${BENCH_LARGE:-0}" = 1 ]; then sizes="$sizes 100000"; fi
work=.bench
mkdir -p "$work"
: > "$work/table"
: > "$work/compute"
: > "$work/stages"
: > "$work/rebuilds"
printf '%-24s %8s %10s %11s %10s %10s %14s %8s\n' corpus talents vacancies "median (s)" "match (s)" "index (s)" "peak RSS (MB)" files
run() {  # name content [runs]
  local name=$1 content=$2 runs=${3:-5} times=() matches=() indexes=() computes=() rss=0 out line
  rm -rf "$work/out-$name"
  for ((i = 1; i <= runs; i++)); do
    if ! out=$( { /usr/bin/time -f '%e %M' "$bin" build --no-cache --timings --content "$content" --themes Themes --output "$work/out-$name" --date 2026-11-24 >"$work/summary" ; } 2>&1 ); then
      echo "$out" >&2
      exit 1
    fi
    echo "$out" | sed '$d' > "$work/stages-$name-$i"
    matches+=("$(echo "$out" | awk '$1 == "match" {print $2}')")
    indexes+=("$(echo "$out" | awk '$1 == "index" {print $2}')")
    computes+=("$(echo "$out" | awk '$1 == "match" || $1 == "index" || $1 == "render" {sum += $2} END {printf "%.3f", sum}')")
    out=$(echo "$out" | tail -1)
    times+=("${out% *}")
    local kb=${out#* }
    (( kb > rss )) && rss=$kb
  done
  local median middle=$(( (runs + 1) / 2 ))
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n ${middle}p)
  local talents vacancies files match index
  match=$(printf '%s\n' "${matches[@]}" | sort -n | sed -n ${middle}p)
  index=$(printf '%s\n' "${indexes[@]}" | sort -n | sed -n ${middle}p)
  echo "$name $(printf '%s\n' "${computes[@]}" | sort -n | sed -n ${middle}p)" >> "$work/compute"
  # The stages of the run whose time is the median.
  for ((i = 1; i <= runs; i++)); do
    if [ "${times[$((i - 1))]}" = "$median" ]; then
      echo "$name: $(awk '{name = $1; for (f = 2; f < NF - 1; f++) name = name " " $f; printf "%s%s %s s", sep, name, $(NF - 1); sep = ", "}' "$work/stages-$name-$i")" >> "$work/stages"
      break
    fi
  done
  talents=$(sed -E 's/^Built: ([0-9]+) talents.*/\1/' "$work/summary")
  vacancies=$(sed -E 's/^Built: [0-9]+ talents, ([0-9]+) vacancies.*/\1/' "$work/summary")
  files=$(find "$work/out-$name" -type f | wc -l)
  printf '%-24s %8s %10s %11s %10s %10s %14s %8s\n' "$name" "$talents" "$vacancies" "$median" "$match" "$index" "$((rss / 1024))" "$files" | tee -a "$work/table"
}
# Rebuilds with the build cache, after a first build: nothing changed, one talent's Markdown, one vacancy's
# JSON, one template (the talent page's). Each edit is a new one; the time is the median of 3.
rebuilds() {  # name content
  local name=$1 content=$2 copy="$work/inc-content-$1" themes="$work/inc-themes-$1" out="$work/inc-out-$1" cache="$work/inc-cache-$1"
  rm -rf "$copy" "$themes" "$out" "$cache"
  cp -r "$content" "$copy"
  cp -r Themes "$themes"
  local build=("$bin" build --cache "$cache" --content "$copy" --themes "$themes" --output "$out" --date 2026-11-24)
  "${build[@]}" > /dev/null
  local talent vacancy row="$name"
  # The first published Markdown talent (consent given).
  talent=$(python3 -c 'import glob, sys
for path in sorted(glob.glob(sys.argv[1] + "/talents/*.md")):
    if "\nconsent: true\n" in open(path, encoding="utf-8").read():
        print(path)
        break' "$copy")
  local vacancies=("$copy"/vacancies/*.json)
  vacancy=${vacancies[1]}
  # One rebuild of each kind at 100,000 talents, where each takes minutes.
  local reps=3 middle=2
  if [ "$(find "$copy/talents" -type f | wc -l)" -gt 50000 ]; then reps=1 middle=1; fi
  for kind in no-op talent vacancy template; do
    local times=() changed=""
    for ((i = 1; i <= reps; i++)); do
      case $kind in
        talent) printf '\nEdited for the benchmark, %s.\n' "$i" >> "$talent" ;;
        vacancy) python3 -c 'import json, sys; p = sys.argv[1]; d = json.load(open(p)); d["title"] += " (edited)"; json.dump(d, open(p, "w"), indent=1)' "$vacancy" ;;
        template) printf '{{! edited for the benchmark, %s }}\n' "$i" >> "$themes/default/templates/talent.mustache" ;;
      esac
      out_line=$( { /usr/bin/time -f '%e' "${build[@]}" ; } 2>&1 )
      times+=("$(echo "$out_line" | tail -1)")
      changed=$(echo "$out_line" | grep -o '([0-9]* of them written[^)]*)\|(nothing changed)' | tr -d '()' || true)
    done
    row="$row|$(printf '%s\n' "${times[@]}" | sort -n | sed -n ${middle}p) (${changed:-full build})"
  done
  echo "$row" >> "$work/rebuilds"
}
run sample Content
rebuilds sample Content
for n in $sizes; do
  python3 scripts/corpus.py "$n" "$work/content-$n" >/dev/null
  if [ "$n" -ge 100000 ]; then run "generated-$n" "$work/content-$n" 1; else run "generated-$n" "$work/content-$n"; fi
  rebuilds "generated-$n" "$work/content-$n"
done
echo
echo "time per stage (s), in the median full build:"
sed 's/^/  /' "$work/stages"
echo
echo "rebuilds with the build cache (s, median of 3, of 1 at 100,000 talents; files written or deleted in brackets):"
printf '  %-22s %-26s %-26s %-26s %-26s\n' corpus "nothing changed" "one talent edited" "one vacancy edited" "one template edited"
awk -F'|' '{printf "  %-22s %-26s %-26s %-26s %-26s\n", $1, $2, $3, $4, $5}' "$work/rebuilds"
if [ "${BENCH_LARGE:-0}" = 1 ]; then
  ten=$(awk '$1 == "generated-10000" {print $4}' "$work/table")
  hundred=$(awk '$1 == "generated-100000" {print $4}' "$work/table")
  [ -n "$ten" ] && [ -n "$hundred" ] && echo "100,000 talents take $(awk -v a="$hundred" -v b="$ten" 'BEGIN {printf "%.1f", a / b}') times the 10,000-talent build (target: at most 12)"
fi
# What matching adds to a build: the largest corpus again with matches hidden (site.yml matching.show: false).
largest=${sizes##* }
if [ "$largest" -ge 100000 ]; then largest=10000; fi
if [ -n "$largest" ] && grep -q "^generated-$largest " "$work/table"; then
  rm -rf "$work/content-$largest-nomatch"
  cp -r "$work/content-$largest" "$work/content-$largest-nomatch"
  printf 'matching:\n  show: false\n' >> "$work/content-$largest-nomatch/site.yml"
  run "generated-$largest-nomatch" "$work/content-$largest-nomatch"
  with=$(awk -v n="generated-$largest" '$1 == n {print $4}' "$work/table")
  without=$(awk -v n="generated-$largest-nomatch" '$1 == n {print $4}' "$work/table")
  stage_with=$(awk -v n="generated-$largest" '$1 == n {print $2}' "$work/compute")
  stage_without=$(awk -v n="generated-$largest-nomatch" '$1 == n {print $2}' "$work/compute")
  echo "matching adds $(awk -v a="$stage_with" -v b="$stage_without" 'BEGIN {printf "%.2f", a - b}') s of computing (match, index and render stages: median $stage_with s with matches, $stage_without s without)"
  echo "and $(awk -v a="$with" -v b="$without" 'BEGIN {printf "%.2f", a - b}') s of wall-clock time to the build of $largest talents (median $with s with matches, $without s without; load and write vary by a second or more with the disk)"
fi
# The anchor: Hugo building the same talent Markdown files with a minimal site (one template per page kind),
# where hugo is installed. Hugo renders the talent pages only: no vacancies, matching or search index.
if command -v hugo >/dev/null && [ -n "$largest" ]; then
  for n in $sizes; do
    site="$work/hugo-$n"
    rm -rf "$site" && mkdir -p "$site/content/talents" "$site/layouts/_default"
    find "$work/content-$n/talents" -name '*.md' -exec cp -t "$site/content/talents/" {} +
    printf 'baseURL = "https://bench.example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$site/hugo.toml"
    printf '<!DOCTYPE html><html lang="en"><head><title>{{ .Title }}</title></head><body><h1>{{ .Params.name }}</h1><p>{{ .Params.headline }}</p><ul>{{ range .Params.skills }}<li>{{ . }}</li>{{ end }}</ul>{{ .Content }}</body></html>\n' > "$site/layouts/_default/single.html"
    printf '<!DOCTYPE html><html lang="en"><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.name }}</a></li>{{ end }}</ul></body></html>\n' > "$site/layouts/_default/list.html"
    times=() rss=0
    for i in 1 2 3; do
      rm -rf "$site/public"
      out=$( { /usr/bin/time -f '%e %M' hugo --quiet -s "$site" >/dev/null; } 2>&1 | tail -1)
      times+=("${out% *}")
      kb=${out#* }
      (( kb > rss )) && rss=$kb
    done
    hugo_time=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    pages=$(find "$site/public" -name index.html | wc -l)
    ours=$(awk -v n="generated-$n" '$1 == n {print $4}' "$work/table")
    echo "hugo $(hugo version | awk '{print $2}'), $n-talent corpus: $pages pages (Markdown talents only) in $hugo_time s (median of 3), $((rss / 1024)) MB; passerelle's full build takes $(awk -v a="$ours" -v b="$hugo_time" 'BEGIN {printf "%.2f", a / b}') times as long"
  done
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); command: make bench"
