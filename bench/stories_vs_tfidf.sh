#!/usr/bin/env bash
# Stories side by side: recoupe and the TF-IDF + average-linkage peer on the same corpus, both
# scored by ../shared/eval/score.py. Run from the repository root:
#
#     bash bench/stories_vs_tfidf.sh CORPUS LABELS.tsv LANG [PEER_THRESHOLD]
#
# Without PEER_THRESHOLD the peer sweeps its threshold on LABELS (its best case). The peer's venv
# (scikit-learn + stop-words) is $PEER_VENV, default /tmp/peers-st, created when missing.
set -euo pipefail
corpus=$1 labels=$2 lang=$3 thr=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=$here/../shared
venv=${PEER_VENV:-/tmp/peers-st}
if ! "$venv/bin/python" -c "import sklearn, stop_words" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q scikit-learn stop-words
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$here" && cargo run --release -q -- analyze "$corpus" --out "$out/recoupe" --quiet)
if [ -n "$thr" ]; then
    "$venv/bin/python" "$shared/peers/tfidf_stories.py" "$corpus" "$out/peer" --lang "$lang" --threshold "$thr" 2>/dev/null
else
    "$venv/bin/python" "$shared/peers/tfidf_stories.py" "$corpus" "$out/peer" --lang "$lang" --sweep "$labels" >/dev/null 2>&1
fi
for level in stories storylines; do
    echo "recoupe $(python3 "$shared/eval/score.py" $level "$out/recoupe" "$labels" | tail -1)"
done
echo "tfidf   $(python3 "$shared/eval/score.py" stories "$out/peer" "$labels" | tail -1)"
