#!/usr/bin/env python3
"""Workload 3 reference: fastai's four suggestions (minimum, steep, valley, slide) with lr_find's
trimming, on a fastai recorder export `lr,loss` (the stored losses are fastai's smoothed ones), by the
numpy float32 transcription in bench/fastai_suggest.py.  Usage: suggest_fastai.py lr_find.csv NUM_IT"""
import os
import sys
import time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import report
import pandas as pd
import fastai_suggest

t = time.perf_counter()
path, num_it = sys.argv[1], int(sys.argv[2])
d = pd.read_csv(path)
timings, out = {}, {}
lrs, losses = fastai_suggest.lr_find_inputs(d["lr"].tolist(), d["loss"].tolist(), num_it)
for name in ("minimum", "steep", "valley", "slide"):
    s = time.perf_counter()
    out[name] = fastai_suggest.FUNCS[name](lrs, losses, num_it)[0]
    timings[name] = time.perf_counter() - s
report(t, suggestions=out, function_seconds=timings, points=len(losses))
