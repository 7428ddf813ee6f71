#!/usr/bin/env python3
"""Checks title and publication date of a recoupe output against readability's test pages.

    python3 bench/check_metadata.py OUTDIR [PAGES_ROOT]

PAGES_ROOT (default ../shared/eval-data/readability_testpages) holds index.jsonl and
pages/NAME/expected-metadata.json. Run recoupe first on a folder of the pages' source.html.gz
files named NAME.html.gz (bench/extract_vs_trafilatura.sh prepares it).

Title right: same words after folding (case, accents, quote marks, white space), or one contains
the other with at most two words of difference (site-name suffixes). Date right: same YYYY-MM-DD
as expected publishedTime; scored only on pages whose expected metadata has one.
Standard library only.
"""
import json
import os
import re
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.findall(r"\w+", s.lower())


def title_ok(got, want):
    g, w = fold(got), fold(want)
    if not w:
        return not g
    if g == w:
        return True
    gs, ws = " ".join(g), " ".join(w)
    return bool(g) and (gs in ws or ws in gs) and abs(len(g) - len(w)) <= 2


def main():
    out = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "../../shared/eval-data/readability_testpages")
    arts = {}
    with open(os.path.join(out, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            arts[a["id"]] = a
    titles = dates = n_dates = n = 0
    wrong = []
    with open(os.path.join(root, "index.jsonl"), encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            meta = json.load(open(os.path.join(root, p["dir"], "expected-metadata.json"), encoding="utf-8"))
            a = arts.get(p["page"], {})
            n += 1
            if title_ok(a.get("title"), meta.get("title")):
                titles += 1
            else:
                wrong.append(f"title {p['page']}: got {a.get('title')!r} want {meta.get('title')!r}")
            want = (meta.get("publishedTime") or "")[:10]
            if want:
                n_dates += 1
                if (a.get("published") or "")[:10] == want:
                    dates += 1
                else:
                    wrong.append(f"date {p['page']}: got {a.get('published')!r} want {want!r}")
    res = {"pages": n, "title_right": round(titles / n, 4), "dated_pages": n_dates,
           "date_right": round(dates / n_dates, 4) if n_dates else None}
    print(json.dumps(res))
    for w in wrong:
        print("  " + w)
    print(f"title right {res['title_right']} ({titles}/{n}) | date right {res['date_right']} ({dates}/{n_dates})")


if __name__ == "__main__":
    main()
