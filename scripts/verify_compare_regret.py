#!/usr/bin/env python3
"""Independent check of `lrscope compare`'s regret figures (Python standard library only).

Reads the same ground-truth sweeps lrscope read, the per-run answers lrscope wrote with
`--details`, and its leaderboard CSV; recomputes from scratch, for every (task, run, heuristic):
  best LR        = the lr_max with the lowest mean valid_loss over seeds (an LR with any
                   non-finite seed ranks last; ties: the smaller LR),
  regret_decades = |log10(suggested) - log10(best)|,
  regret_loss    = mean valid_loss at the suggestion, interpolated linearly in log10(lr)
                   between grid points (end values outside the grid), minus the best mean,
and for every (task, heuristic) row the means of those over runs with an answer. Prints every
disagreement beyond 1e-9 (relative, or absolute below 1) and `N passed, M failed`.

    verify_compare_regret.py LEADERBOARD.csv DETAILS.csv TASK=SWEEP.csv [TASK=SWEEP.csv ...]
"""
import csv
import math
import sys


def number(text):
    text = (text or "").strip().lower()
    if text in ("", "nan", "-nan"):
        return math.nan
    if text in ("inf", "+inf", "infinity"):
        return math.inf
    if text in ("-inf", "-infinity"):
        return -math.inf
    return float(text)


def load_sweep(path):
    by_lr = {}
    for row in csv.DictReader(open(path, newline="")):
        lr = float(row.get("lr_max") or row["lr"])
        by_lr.setdefault(lr, []).append(number(row["valid_loss"]))
    grid = []
    for lr in sorted(by_lr):
        losses = by_lr[lr]
        mean = sum(losses) / len(losses) if all(math.isfinite(v) for v in losses) else math.inf
        grid.append((lr, mean))
    best = min(range(len(grid)), key=lambda i: (grid[i][1], i))
    return grid, grid[best][0], grid[best][1]


def interpolate(grid, lr):
    x = math.log10(lr)
    xs = [math.log10(g[0]) for g in grid]
    if x <= xs[0]:
        return grid[0][1]
    if x >= xs[-1]:
        return grid[-1][1]
    for i in range(1, len(grid)):
        if xs[i] >= x:
            w = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
            if w == 0:
                return grid[i - 1][1]
            if w == 1:
                return grid[i][1]
            return grid[i - 1][1] + w * (grid[i][1] - grid[i - 1][1])


def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    leaderboard, details = sys.argv[1], sys.argv[2]
    sweeps = {}
    for spec in sys.argv[3:]:
        task, path = spec.split("=", 1)
        sweeps[task] = load_sweep(path)
    passed = failed = 0
    per_row = {}
    for d in csv.DictReader(open(details, newline="")):
        task = d["task"]
        if task not in sweeps:
            continue
        grid, best, best_loss = sweeps[task]
        lr = number(d["lr"])
        key = (task, d["heuristic"])
        per_row.setdefault(key, ([], []))
        if math.isnan(lr):
            ok = d["regret_decades"] == "" and d["regret_loss"] == ""
        else:
            rd = abs(math.log10(lr) - math.log10(best))
            rl = interpolate(grid, lr) - best_loss
            per_row[key][0].append(rd)
            per_row[key][1].append(rl)
            ok = close(number(d["regret_decades"]), rd) and close(number(d["regret_loss"]), rl)
            if not ok:
                print(f"FAIL detail {task} {d['run']} {d['heuristic']}: lrscope {d['regret_decades']}, {d['regret_loss']}; python {rd!r}, {rl!r}")
        passed += ok
        failed += not ok
    for row in csv.DictReader(open(leaderboard, newline="")):
        key = (row["task"], row["heuristic"])
        if key not in per_row:
            continue
        decades, losses = per_row[key]
        want_d = sum(decades) / len(decades) if decades else math.nan
        want_l = sum(losses) / len(losses) if losses else math.nan
        ok = close(number(row["regret_decades"]), want_d) and close(number(row["regret_loss"]), want_l) \
            and close(number(row["best_lr"]), sweeps[row["task"]][1])
        if not ok:
            print(f"FAIL row {key}: lrscope {row['regret_decades']}, {row['regret_loss']}, best {row['best_lr']}; python {want_d!r}, {want_l!r}, {sweeps[row['task']][1]!r}")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
