#!/usr/bin/env bash
# Compares recoupe's HTML extraction with trafilatura on the shared benchmarks: quality (score.py)
# and whole-process time / peak RSS (/usr/bin/time -v), pages per second.
#
#   bash bench/extract_vs_trafilatura.sh [OUT_ROOT]      (from the worktree root)
#
# Creates /tmp/recoupe-peers (python venv with trafilatura 2.x) when missing, builds recoupe in
# release mode, runs both tools on scrapinghub_aeb (181 pages), trafilatura_eval (990 pages) and
# readability_testpages (title/date check), then prints the figures side by side: recoupe twice,
# `analyze --only clean` (extraction alone, like for like) and the full analysis.
# Per-page figures, worst first (to find what to fix): bench/extract_pages.py aeb|trafilatura
# OUT_ROOT/aeb-recoupe|trafilatura-recoupe [OUT_ROOT/aeb-trafilatura|...] (peer for comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/recoupe-bench}
SHARED=../shared
VENV=/tmp/recoupe-peers
mkdir -p "$OUT"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import trafilatura" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'trafilatura==2.*' lxml_html_clean
fi
cargo build --release -q
BIN=$PWD/target/release/recoupe

# readability test pages: one NAME.html.gz per page folder
RTP="$OUT/readability-pages"
mkdir -p "$RTP"
for d in "$SHARED"/eval-data/readability_testpages/pages/*/; do
  ln -sf "$(cd "$d" && pwd)/source.html.gz" "$RTP/$(basename "$d").html.gz"
done

timed() { # name, command...: runs under /usr/bin/time -v, prints wall, CPU (user+sys) and peak RSS
  local name=$1; shift
  /usr/bin/time -v "$@" > "$OUT/$name.log" 2> "$OUT/$name.time" || true
  local wall cpu rss
  wall=$(grep "Elapsed (wall clock)" "$OUT/$name.time" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$OUT/$name.time")
  rss=$(grep "Maximum resident" "$OUT/$name.time" | awk '{print $NF}')
  echo "$wall $cpu $rss"
}
secs() { echo "$1" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }

# Two recoupe rows: `--only clean` (extraction alone, what trafilatura does) and the full analysis
# (extract + entities + quotes + dates + reuse + stories). x_traf = trafilatura's wall time over the
# tool's (pages/s ratio, same run); the machine is shared, so the load is printed too.
echo "load before: $(uptime)"
printf "%-12s %-22s %-44s %8s %8s %8s %9s %7s\n" bench tool score wall_s cpu_s rss_MB pages/s x_traf
for bench in aeb trafilatura; do
  if [ $bench = aeb ]; then dir=$SHARED/eval-data/scrapinghub_aeb/html; else dir=$SHARED/eval-data/trafilatura_eval/html; fi
  pages=$(ls "$dir" | grep -c '\.html')
  traf_wall=
  for tool in trafilatura trafilatura-precision recoupe-clean recoupe; do
    o="$OUT/$bench-$tool"
    case $tool in
      recoupe) r=$(timed "$bench-$tool" "$BIN" analyze "$dir" --out "$o" --quiet) ;;
      recoupe-clean) r=$(timed "$bench-$tool" "$BIN" analyze "$dir" --out "$o" --quiet --only clean) ;;
      trafilatura) r=$(timed "$bench-$tool" "$VENV/bin/python" "$SHARED/peers/trafilatura_extract.py" "$dir" "$o") ;;
      trafilatura-precision) r=$(timed "$bench-$tool" "$VENV/bin/python" "$SHARED/peers/trafilatura_extract.py" "$dir" "$o" --precision) ;;
    esac
    read -r wall cpu rss <<< "$r"
    wall=$(secs "$wall")
    traf_wall=${traf_wall:-$wall}
    score=$(python3 "$SHARED/eval/score.py" $bench "$o" | tail -1)
    printf "%-12s %-22s %-44s %8.2f %8.2f %8.0f %9.1f %7.1f\n" "$bench" "$tool" "${score: -44}" "$wall" "$cpu" \
      "$((rss / 1024))" "$(echo "$pages / $wall" | bc -l)" "$(echo "$traf_wall / $wall" | bc -l)"
  done
  python3 - "$OUT/$bench-recoupe-clean/articles.jsonl" "$OUT/$bench-recoupe/articles.jsonl" <<'PY'
import json, sys
def load(p):
    return {r["id"]: (r["title"], r["text"], r["published"], r["source"]) for r in map(json.loads, open(p))}
a, b = load(sys.argv[1]), load(sys.argv[2])
same = sum(a[k] == b.get(k) for k in a)
print(f"  clean-only vs full analysis: {same}/{len(a)} articles with the same title, text, date and source")
PY
  if [ $bench = trafilatura ]; then
    for tool in recoupe trafilatura; do
      python3 "$SHARED/eval/score.py" trafilatura "$OUT/$bench-$tool" > "$OUT/$bench-$tool.score"
      python3 -c "import json,sys; r=json.loads(open(sys.argv[1]).readline()); print('  $tool French:', r['by_lang'].get('fr'))" \
        "$OUT/$bench-$tool.score"
    done
  fi
done
echo "load after: $(uptime)"
for tool in recoupe trafilatura; do
  o="$OUT/readability-$tool"
  if [ $tool = recoupe ]; then "$BIN" analyze "$RTP" --out "$o" --quiet || true
  else "$VENV/bin/python" "$SHARED/peers/trafilatura_extract.py" "$RTP" "$o" > /dev/null 2>&1; fi
  echo "readability metadata $tool: $(python3 bench/check_metadata.py "$o" | tail -1)"
done
