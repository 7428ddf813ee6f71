#!/usr/bin/env python3
"""Fails when a score.py figure falls below its floor.

    check_floors.py FLOORS.json TASK SCORE_OUTPUT

FLOORS.json maps a task to {"dotted.path.in.the.json.line": floor}; a floor on `false_merges` is a
ceiling (lower is better). SCORE_OUTPUT is what score.py printed (its first line is the JSON).
"""
import json
import sys


def get(d, path):
    for k in path.split("."):
        d = d[k]
    return d


def main(floors_path, task, score_path):
    floors = json.load(open(floors_path, encoding="utf-8"))[task]
    with open(score_path, encoding="utf-8") as f:
        figures = json.loads(f.readline())
    bad = []
    for path, floor in sorted(floors.items()):
        value = get(figures, path)
        ceiling = path.endswith("false_merges")
        ok = value <= floor if ceiling else value >= floor
        print(f"  {'ok ' if ok else 'LOW'} {path} = {value} ({'ceiling' if ceiling else 'floor'} {floor})")
        if not ok:
            bad.append(path)
    if bad:
        print(f"check_floors: {task}: below the floor: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
