#!/usr/bin/env python3
"""Writes the benchmark inputs of `make bench` into .bench-data/ (deterministic, seeded).

Every file is written by the writer that produces it in real use:

- TensorBoard event files through tensorboard's own `EventFileWriter` (the writer behind torch's and
  Lightning's `SummaryWriter`), one `Event` per scalar with `Summary.Value.simple_value`, tags `lr` and
  `loss`: `tb/events_<N>/` holds N events over N/2 steps (10k, 100k, 1M).
- Lightning `CSVLogger` `metrics.csv` through `csv.DictWriter` as Lightning's `_ExperimentWriter` does:
  header = the sorted union of keys (`epoch,lr-Adam,step,train_loss,val_loss`), missing keys as empty
  strings (DictWriter's restval ""), the `LearningRateMonitor` row (no epoch) and the `train_loss` row
  (with epoch) of one step on separate lines, a `val_loss` row at each epoch end (1,000 steps per
  epoch): `csv/metrics_<N>.csv` with exactly N data rows (50k, 500k, 5M).
- LR-finder runs derived from the corpus long run
  `fixtures/corpus/digits_mlp-fastai-long_numit1000-seed0/raw.csv` (fastai, 1,000 iterations,
  lr 1e-7 -> 10): `runs/raw_<N>.csv` (`step,lr,raw_loss`) and `runs/lr_find_<N>.csv` (`lr,loss`, the
  fastai recorder export: fastai's `AvgSmoothLoss` debiased EMA, beta 0.98, in float32).

  How a run of N points is derived: the corpus run's profile is its centered moving median of 21
  points (truncated at the ends); its residuals are raw - profile. The new run has fastai's grid
  lr_i = 1e-7 * (10/1e-7)^(i/N), i < N (the same range as the corpus run, N iterations requested);
  its profile is the corpus profile interpolated linearly in log10(lr); its noise at point i is a
  residual drawn uniformly (with replacement) from the corpus residuals within +-25 corpus points of
  the same log10(lr), so that the noise level follows the curve (small on the plateau, large in the
  diverging tail). Losses are rounded to float32, as fastai records them.

Usage: generate.py [--out .bench-data] [--only tb,csv,runs] [--force]
Each output is skipped when it exists (written atomically: temporary name, then rename).
"""
import argparse
import csv
import os
import shutil
import sys
import time
from unittest import mock

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS_LONG = os.path.join(ROOT, "fixtures/corpus/digits_mlp-fastai-long_numit1000-seed0/raw.csv")

TB_SIZES = [10_000, 100_000, 1_000_000]          # events (two tags -> N/2 steps)
CSV_SIZES = [50_000, 500_000, 5_000_000]         # data rows of metrics.csv
RUN_SIZES = [100, 1_000, 10_000, 100_000]        # points of the derived LR-finder runs
STEPS_PER_EPOCH = 1000
START_LR, END_LR = 1e-7, 10.0
FIXED_WALL_TIME = 1_700_000_000.0


def label(n):
    return f"{n // 1_000_000}m" if n >= 1_000_000 and n % 1_000_000 == 0 else (f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n))


def progress(msg):
    print(f"[generate] {msg}", flush=True)


# ---------------------------------------------------------------- synthetic logger curves (TB, CSV)

def logger_curve(steps, seed):
    """An exponential LR ramp 1e-7 -> 10 over `steps` and a plausible loss: a plateau at ~2.3, a fall
    to ~0.35 around lr 1e-3..1e-2, divergence above lr ~0.3; noise grows with the loss level."""
    rng = np.random.default_rng(seed)
    i = np.arange(steps, dtype=np.float64)
    lr = START_LR * (END_LR / START_LR) ** (i / steps)
    x = np.log10(lr)
    base = 0.35 + 1.95 / (1.0 + np.exp(2.2 * (x + 3.6))) + 0.8 * np.exp(2.5 * (x - 0.0))
    noise = rng.normal(0.0, 1.0, steps) * (0.02 + 0.03 * base)
    loss = (base + noise).astype(np.float32)
    return lr, loss


def write_tensorboard(out, n_events):
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer import event_file_writer as efw

    folder = os.path.join(out, "tb", f"events_{label(n_events)}")
    if os.path.isdir(folder):
        return
    tmp = folder + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    steps = n_events // 2
    lr, loss = logger_curve(steps, seed=1000 + n_events % 9973)
    t0 = time.perf_counter()
    # The writer stamps its file name and its file_version event with time.time(): fixed here so that
    # the files are byte-identical from run to run (the scalar events carry their own wall_time).
    with mock.patch.object(efw.time, "time", return_value=FIXED_WALL_TIME), \
         mock.patch.object(efw.socket, "gethostname", return_value="bench"), \
         mock.patch.object(efw.os, "getpid", return_value=0):
        writer = efw.EventFileWriter(tmp, max_queue_size=1000, flush_secs=3600)
    Event, Summary = event_pb2.Event, summary_pb2.Summary
    for s in range(steps):
        wall = FIXED_WALL_TIME + s * 0.01
        writer.add_event(Event(wall_time=wall, step=s, summary=Summary(value=[Summary.Value(tag="lr", simple_value=float(lr[s]))])))
        writer.add_event(Event(wall_time=wall, step=s, summary=Summary(value=[Summary.Value(tag="loss", simple_value=float(loss[s]))])))
    writer.close()
    # The writer numbers its files with a process-wide counter: give the one file a fixed name.
    (name,) = [f for f in os.listdir(tmp) if "tfevents" in f]
    os.rename(os.path.join(tmp, name), os.path.join(tmp, f"events.out.tfevents.{int(FIXED_WALL_TIME)}.bench.0.0"))
    os.replace(tmp, folder)
    progress(f"tb/events_{label(n_events)}: {2 * steps} scalar events over {steps} steps ({time.perf_counter() - t0:.1f} s)")


def write_lightning_csv(out, n_rows):
    path = os.path.join(out, "csv", f"metrics_{label(n_rows)}.csv")
    if os.path.exists(path):
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Steps needed: each step gives 2 rows, each epoch end one more.
    steps = n_rows // 2 + 2
    lr, loss = logger_curve(steps, seed=2000 + n_rows % 9973)
    rng = np.random.default_rng(3000 + n_rows % 9973)
    t0 = time.perf_counter()
    tmp = path + ".tmp"
    fieldnames = sorted(["epoch", "lr-Adam", "step", "train_loss", "val_loss"])  # Lightning sorts its metrics_keys
    with open(tmp, "w", newline="") as f:           # Lightning opens with newline=""
        writer = csv.DictWriter(f, fieldnames=fieldnames)
        writer.writeheader()
        rows, written, s = [], 0, 0
        while written < n_rows:
            epoch = s // STEPS_PER_EPOCH
            batch = [{"lr-Adam": float(lr[s]), "step": s},                          # LearningRateMonitor
                     {"train_loss": float(loss[s]), "epoch": epoch, "step": s}]      # self.log("train_loss", on_step=True)
            if (s + 1) % STEPS_PER_EPOCH == 0:                                      # validation at epoch end
                batch.append({"val_loss": float(np.float32(loss[s] * 0.9 + rng.normal(0, 0.01))), "epoch": epoch, "step": s})
            for row in batch:
                if written < n_rows:
                    rows.append(row)
                    written += 1
            s += 1
            if len(rows) >= 100_000:                 # Lightning's save() writes its buffered rows in batches
                writer.writerows(rows)
                rows = []
        writer.writerows(rows)
    os.replace(tmp, path)
    progress(f"csv/metrics_{label(n_rows)}.csv: {n_rows} rows over {s} steps ({time.perf_counter() - t0:.1f} s)")


# ---------------------------------------------------------------- LR-finder runs from the corpus

def moving_median(y, window):
    h = window // 2
    return np.array([np.median(y[max(0, k - h):k + h + 1]) for k in range(len(y))])


def fastai_smooth(raw, beta=0.98):
    """fastai's AvgSmoothLoss: val = torch.lerp(loss, val, beta) in float32, recorded val/(1-beta**count)."""
    b = np.float32(beta)
    val = np.float32(0.0)
    out = np.empty(len(raw), dtype=np.float32)
    for k, loss in enumerate(raw.astype(np.float32)):
        val = np.float32(loss + b * (val - loss))                       # torch.lerp(start=loss, end=val, weight=beta)
        out[k] = np.float32(val / np.float32(1 - beta ** (k + 1)))     # float32 tensor / python float
    return out


def derive_run(n, seed):
    data = np.genfromtxt(CORPUS_LONG, delimiter=",", names=True)
    src_lr, src_loss = data["lr"], data["raw_loss"]
    profile = moving_median(src_loss, 21)
    resid = src_loss - profile
    src_x = np.log10(src_lr)
    m = len(src_loss)
    rng = np.random.default_rng(seed)
    i = np.arange(n, dtype=np.float64)
    lr = START_LR * (END_LR / START_LR) ** (i / n)
    x = np.log10(lr)
    prof = np.interp(x, src_x, profile)
    pos = np.clip(np.rint(np.interp(x, src_x, np.arange(m))).astype(int), 0, m - 1)
    lo, hi = np.clip(pos - 25, 0, m - 1), np.clip(pos + 25, 0, m - 1)
    pick = lo + np.floor(rng.random(n) * (hi - lo + 1)).astype(int)
    raw = (prof + resid[pick]).astype(np.float32)
    return lr, raw


def write_runs(out, n):
    raw_path = os.path.join(out, "runs", f"raw_{label(n)}.csv")
    fa_path = os.path.join(out, "runs", f"lr_find_{label(n)}.csv")
    if os.path.exists(raw_path) and os.path.exists(fa_path):
        return
    os.makedirs(os.path.dirname(raw_path), exist_ok=True)
    lr, raw = derive_run(n, seed=4000 + n)
    smoothed = fastai_smooth(raw)
    with open(raw_path + ".tmp", "w") as f:
        f.write("step,lr,raw_loss\n")
        f.writelines(f"{k},{float(lr[k])!r},{float(raw[k])!r}\n" for k in range(n))
    with open(fa_path + ".tmp", "w") as f:       # pd.DataFrame({'lr': recorder.lrs, 'loss': recorder.losses}).to_csv(index=False)
        f.write("lr,loss\n")
        f.writelines(f"{float(lr[k])!r},{float(smoothed[k])!r}\n" for k in range(n))
    os.replace(raw_path + ".tmp", raw_path)
    os.replace(fa_path + ".tmp", fa_path)
    progress(f"runs/raw_{label(n)}.csv and runs/lr_find_{label(n)}.csv: {n} points")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, ".bench-data"))
    ap.add_argument("--only", default="runs,csv,tb")
    ap.add_argument("--force", action="store_true", help="remove and rewrite the outputs")
    args = ap.parse_args()
    only = set(args.only.split(","))
    if args.force:
        for sub in only:
            shutil.rmtree(os.path.join(args.out, sub), ignore_errors=True)
    os.makedirs(args.out, exist_ok=True)
    if "runs" in only:
        for n in RUN_SIZES:
            write_runs(args.out, n)
    if "csv" in only:
        for n in CSV_SIZES:
            write_lightning_csv(args.out, n)
    if "tb" in only:
        for n in TB_SIZES:
            write_tensorboard(args.out, n)
    progress(f"inputs ready in {args.out}")


if __name__ == "__main__":
    sys.exit(main())
