#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each with cargo fuzz (nightly), seeded from
# ../shared, and copies any crashing input to fuzz/regressions/TARGET/ (then exits non-zero).
#   bash fuzz/run.sh SECONDS [TARGET...]        (from the project root)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}; shift
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(jsonl html warc dates query)
SHARED=${RECOUPE_SHARED:-../shared}
rustup toolchain list | grep nightly >/dev/null || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seed() { # seed TARGET: a starting corpus made from the shared data (not kept in the project)
  local d=fuzz/corpus/$1; mkdir -p "$d"; [ -n "$(ls -A "$d")" ] && return 0
  cp fuzz/regressions/"$1"/* "$d"/ 2>/dev/null || true
  case $1 in
    jsonl) head -n 40 "$SHARED/corpus/ecbplus-en/articles.jsonl" | split -l 4 - "$d/ecb-" ;;
    html) pages=("$SHARED"/eval-data/scrapinghub_aeb/html/*)   # no `ls | head`: SIGPIPE under pipefail
          for f in "${pages[@]:0:12}"; do
            case $f in *.gz) gzip -dc "$f" > "$d/$(basename "$f" .gz)" ;; *) cp "$f" "$d/" ;; esac; done ;;
    warc) printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\nContent-Length: %d\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Un article.</p>\r\n\r\n' 62 > "$d/one-record" ;;
    dates) for f in "$SHARED"/corpus/seeds/*.txt; do head -c 2000 "$f" > "$d/$(basename "$f")"; done ;;
    query) printf 'maire' > "$d/word"; printf '"État islamique" AND (Daech OR EI)' > "$d/bool"; printf 'title:lyon^2 -paris' > "$d/field" ;;
  esac
}
status=0
for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzz $t for ${secs}s"
  if ! (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=4096 -timeout=30 2>&1 | tail -n 4); then
    status=1
  fi
  for c in fuzz/artifacts/"$t"/crash-* fuzz/artifacts/"$t"/timeout-* fuzz/artifacts/"$t"/oom-*; do
    [ -e "$c" ] || continue
    echo "fuzz $t: kept $(basename "$c") in fuzz/regressions/$t/"; cp "$c" fuzz/regressions/"$t"/; status=1
  done
done
exit $status
