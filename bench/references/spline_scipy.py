#!/usr/bin/env python3
"""Workload 5 reference: scipy.interpolate.make_smoothing_spline with GCV (lam=None, the default) of
the raw losses against x = log10(lr), evaluated at the points, written as CSV.
Usage: spline_scipy.py raw.csv OUT.csv"""
import sys
import time
from _common import report
import numpy as np
import pandas as pd
from scipy.interpolate import make_smoothing_spline

t = time.perf_counter()
path, out = sys.argv[1], sys.argv[2]
d = pd.read_csv(path)
x, y = np.log10(d["lr"].to_numpy()), d["raw_loss"].to_numpy()
ok = np.isfinite(x) & np.isfinite(y)
spline = make_smoothing_spline(x[ok], y[ok])        # lam=None: chosen by GCV
d["smoothed"] = spline(x)
d.to_csv(out, index=False)
report(t, points=int(ok.sum()))
