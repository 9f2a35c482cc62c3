#!/usr/bin/env python3
"""Workload 1 reference (tbparse): reads a TensorBoard run folder with tbparse, pairs `lr` and `loss`
by step and writes the tidy CSV.  Usage: tb_tbparse.py DIR OUT.csv"""
import sys
import time
from _common import report, write_tidy
import pandas as pd
from tbparse import SummaryReader

t = time.perf_counter()
path, out = sys.argv[1], sys.argv[2]
scalars = SummaryReader(path).scalars                       # long format: step, tag, value
wide = scalars.pivot_table(index="step", columns="tag", values="value", aggfunc="last")
paired = wide[["lr", "loss"]].dropna().reset_index()
rows = write_tidy(paired, path, out)
report(t, rows=rows, events=len(scalars))
