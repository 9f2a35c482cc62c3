#!/usr/bin/env python3
"""Workload 2 reference: reads a Lightning CSVLogger metrics.csv with pandas, joins the sparse
`lr-Adam` rows and `train_loss` rows on step, and writes the tidy CSV.
Usage: csv_pandas.py metrics.csv OUT.csv"""
import sys
import time
from _common import report, write_tidy
import pandas as pd

t = time.perf_counter()
path, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(path)
lr = df.loc[df["lr-Adam"].notna(), ["step", "lr-Adam"]].rename(columns={"lr-Adam": "lr"})
loss = df.loc[df["train_loss"].notna(), ["step", "train_loss"]].rename(columns={"train_loss": "loss"})
paired = lr.merge(loss, on="step", how="inner").sort_values("step", kind="stable")
rows = write_tidy(paired, path, out)
report(t, rows=rows, input_rows=len(df))
