#!/usr/bin/env bash
# Reuse benchmark driver: recoupe's near-duplicate mode against datasketch and rensa on the peers'
# 100k near-duplicate corpus (../shared/peers/minhash_corpus.py, planted.tsv), same run, same
# timing harness (timeit_runs.py, /usr/bin/time -v, median of RUNS); then the planted-truth reuse
# stage at 10k, 100k and 1M articles (examples/reuse_bench.rs).
#   bash bench/reuse_vs_minhash.sh [VENV] [DATA] [RUNS] [SIZES]
# Defaults: /tmp/peers (created with datasketch and rensa when missing), /tmp/reuse-data, 3,
# "10000 100000 1000000". Results: DATA/results.txt.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
VENV=${1:-/tmp/peers}
DATA=${2:-/tmp/reuse-data}
RUNS=${3:-3}
SIZES=${4:-10000 100000 1000000}
PEERS="$HERE/../shared/peers"
OUT="$DATA/results.txt"
mkdir -p "$DATA"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import datasketch, rensa" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q datasketch rensa
fi
CORPUS="$DATA/minhash"
[ -f "$CORPUS/corpus.jsonl" ] || python3 "$PEERS/minhash_corpus.py" "$CORPUS"
N=$(wc -l < "$CORPUS/corpus.jsonl")
(cd "$HERE" && cargo build --release --example reuse_bench)
BIN="$HERE/target/release/examples/reuse_bench"
: > "$OUT"
echo "== near-duplicate detection, $N docs ($(nproc) cores, shared machine)" | tee -a "$OUT"
for cmd in "recoupe|$BIN neardup $CORPUS" \
           "datasketch|$VENV/bin/python $PEERS/minhash_datasketch.py $CORPUS" \
           "rensa|$VENV/bin/python $PEERS/minhash_rensa.py $CORPUS" \
           "rensa-bulk|$VENV/bin/python $PEERS/minhash_rensa.py $CORPUS --bulk"; do
  label=${cmd%%|*}; run=${cmd#*|}
  : > "$DATA/$label.stdout"
  python3 "$PEERS/timeit_runs.py" -n "$RUNS" --items "$N" --label "$label" --stdout "$DATA/$label.stdout" -- $run | tee -a "$OUT"
  tail -n 1 "$DATA/$label.stdout" | cut -c1-600 | tee -a "$OUT"
done
python3 - "$OUT" <<'PY' | tee -a "$OUT"
import json, sys
rows = {}
for line in open(sys.argv[1]):
    if line.startswith('{"label"'):
        r = json.loads(line); rows[r["label"]] = r["median_wall_s"]
me = rows["recoupe"]
for peer in ("datasketch", "rensa", "rensa-bulk"):
    print(f"recoupe vs {peer}: {rows[peer] / me:.1f}x faster (median whole-process wall {rows[peer]} s vs {me} s)")
PY
echo "== near-duplicate banding curve (recoupe)" | tee -a "$OUT"
"$BIN" neardup "$CORPUS" --curve | tee -a "$OUT"
echo "== reuse stage on the planted corpus" | tee -a "$OUT"
for n in $SIZES; do
  /usr/bin/time -v "$BIN" planted "$n" 2> "$DATA/time-$n.txt" | tee -a "$OUT"
  grep -E "Elapsed|Maximum resident" "$DATA/time-$n.txt" | tee -a "$OUT"
done
echo "== parameter curve (planted, 10k)" | tee -a "$OUT"
"$BIN" planted 10000 --curve | grep -v "^    " | tee -a "$OUT"
