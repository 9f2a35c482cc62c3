#!/usr/bin/env python3
"""Workload 1 reference (EventAccumulator): loads every scalar of a TensorBoard run folder
(size_guidance scalars 0 = keep all), pairs `lr` and `loss` by step and writes the tidy CSV.
Usage: tb_event_accumulator.py DIR OUT.csv"""
import sys
import time
from _common import report, write_tidy
import pandas as pd
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

t = time.perf_counter()
path, out = sys.argv[1], sys.argv[2]
acc = EventAccumulator(path, size_guidance={"scalars": 0})
acc.Reload()
lr = pd.DataFrame([(e.step, e.value) for e in acc.Scalars("lr")], columns=["step", "lr"])
loss = pd.DataFrame([(e.step, e.value) for e in acc.Scalars("loss")], columns=["step", "loss"])
paired = lr.merge(loss, on="step", how="inner").sort_values("step", kind="stable")
rows = write_tidy(paired, path, out)
report(t, rows=rows, events=len(lr) + len(loss))
