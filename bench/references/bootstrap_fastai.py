#!/usr/bin/env python3
"""Workload 4 reference: bootstrap of fastai's four suggestions on a fastai recorder export.

The stored losses are un-smoothed (fastai's debiased EMA inverted, as lrscope does); the raw losses are
split into a profile (centered moving median of 21 points) and residuals; residuals are standardized
by a local scale (moving MAD of 21 residuals); a replicate permutes the standardized residuals, rescales
them locally, adds them to the profile, smooths with fastai's AvgSmoothLoss (float32) and runs
lr_find's trimming and the four suggestion functions (bench/fastai_suggest.py).
Only REPLICATES replicates are run (default 5): the time per replicate is what is reported.
Usage: bootstrap_fastai.py lr_find.csv NUM_IT [REPLICATES] [SEED]"""
import os
import sys
import time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import report
import numpy as np
import pandas as pd
from scipy.ndimage import median_filter
import fastai_suggest

t = time.perf_counter()
path, num_it = sys.argv[1], int(sys.argv[2])
replicates = int(sys.argv[3]) if len(sys.argv) > 3 else 5
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
d = pd.read_csv(path)
lrs, s = d["lr"].to_numpy(), d["loss"].to_numpy()
beta = 0.98
k = np.arange(len(s))
a = s * (1 - beta ** (k + 1))                       # the running average before debiasing
raw = np.empty_like(a)
raw[0] = a[0] / (1 - beta)
raw[1:] = (a[1:] - beta * a[:-1]) / (1 - beta)
profile = median_filter(raw, size=21, mode="nearest")
resid = raw - profile
scale = 1.4826 * median_filter(np.abs(resid - median_filter(resid, size=21, mode="nearest")), size=21, mode="nearest")
scale = np.where(scale > 0, scale, np.median(scale[scale > 0]) if np.any(scale > 0) else 1.0)
z = resid / scale
rng = np.random.default_rng(seed)
setup = time.perf_counter() - t
per_rep, answers = [], []
for r in range(replicates):
    s0 = time.perf_counter()
    replicate = profile + rng.permutation(z) * scale
    smoothed = fastai_suggest.fastai_ema(replicate)
    answers.append(fastai_suggest.suggest(lrs, smoothed, num_it))
    per_rep.append(time.perf_counter() - s0)
per = float(np.median(per_rep))
report(t, setup_seconds=setup, replicates=replicates, replicate_seconds=per_rep, per_replicate_seconds=per,
       extrapolated_1000_seconds=setup + 1000 * per, first=answers[0])
