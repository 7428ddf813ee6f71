#!/usr/bin/env python3
"""Per-page extraction figures, worst first, to find the pages that cost the most.

    python3 bench/extract_pages.py aeb OUTDIR [PEER_OUTDIR] [N]
    python3 bench/extract_pages.py trafilatura OUTDIR [PEER_OUTDIR] [N]

aeb: per-page 4-gram shingle P/R/F1 against the gold articleBody (the same measure as
../shared/eval/score.py aeb), sorted by F1 loss; with PEER_OUTDIR (e.g. trafilatura's output),
the peer's F1 too, sorted by how much worse we are than the peer.
trafilatura: per page, the gold `with` snippets missing from title+text and the `without`
snippets leaked into it (score.py trafilatura's measure), pages with the most errors first.
Standard library only; reads the scorer's helpers from ../shared/eval/score.py.
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
from score import fold, load_jsonl, shingles  # noqa: E402


def arts_of(out):
    return {a["id"]: a for a in load_jsonl(os.path.join(out, "articles.jsonl"))} if out else {}


def aeb(out, peer, n):
    truth = json.load(open(os.path.join(SHARED, "eval-data/scrapinghub_aeb/ground-truth.json"), encoding="utf-8"))
    ours, theirs = arts_of(out), arts_of(peer)

    def f1(a, g):
        gs, pr = shingles(g), shingles((a or {}).get("text") or "")
        tp = sum((gs & pr).values())
        p = tp / sum(pr.values()) if pr else 0.0
        r = tp / sum(gs.values()) if gs else 0.0
        return (2 * p * r / (p + r) if p + r else 0.0), p, r

    rows = []
    for pid, g in truth.items():
        body = g.get("articleBody", "")
        f, p, r = f1(ours.get(pid), body)
        pf = f1(theirs.get(pid), body)[0] if peer else 1.0
        rows.append((f - pf if peer else f, f, p, r, pf, pid))
    rows.sort()
    for d, f, p, r, pf, pid in rows[:n]:
        peer_col = f" peer {pf:.3f}" if peer else ""
        print(f"F1 {f:.3f} P {p:.3f} R {r:.3f}{peer_col}  {pid}")


def where(a, snippet):
    """Why a missing snippet is missing: the drop reason of the block holding it, if any."""
    k = fold(snippet)
    for d in a.get("dropped", []):
        if k in fold(d.get("text", "")):
            return d.get("reason", "?")
    if any(k in fold(c) for c in a.get("comments", [])):
        return "comments"
    return "absent"


def traf(out, peer, n):
    ours, theirs = arts_of(out), arts_of(peer)
    rows = []
    for page in load_jsonl(os.path.join(SHARED, "eval-data/trafilatura_eval/index.jsonl")):
        def errs(a):
            hay = fold(((a or {}).get("title") or "") + "\n" + ((a or {}).get("text") or ""))
            miss = [s for s in page.get("with", []) if fold(s) not in hay]
            leak = [s for s in page.get("without", []) if fold(s) in hay]
            return miss, leak
        miss, leak = errs(ours.get(page["id"]))
        pm, pl = errs(theirs.get(page["id"])) if peer else ([], [])
        bad = len(miss) + len(leak) - (len(pm) + len(pl) if peer else 0)
        if miss or leak:
            rows.append((-bad, page["id"], page.get("html_lang"), miss, leak, len(pm), len(pl)))
    rows.sort()
    total = Counter(where(ours.get(r[1]) or {}, s) for r in rows for s in r[3])
    print("missing snippets by drop reason:", dict(total.most_common()))
    for bad, pid, lang, miss, leak, pm, pl in rows[:n]:
        peer_col = f" (peer missing {pm} leaked {pl})" if peer else ""
        print(f"{pid} [{lang}] missing {len(miss)} leaked {len(leak)}{peer_col}")
        a = ours.get(pid) or {}
        for s in miss:
            print(f"    - missing ({where(a, s)}): {s[:90]}")
        for s in leak:
            print(f"    + leaked:  {s[:90]}")


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("aeb", "trafilatura"):
        sys.exit(__doc__)
    task, out = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    n = int(rest.pop()) if rest and rest[-1].isdigit() else 30
    peer = rest[0] if rest else None
    (aeb if task == "aeb" else traf)(out, peer, n)


if __name__ == "__main__":
    main()
