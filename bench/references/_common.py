"""Shared bits of the reference scripts: the timing line each prints and the tidy CSV they write."""
import json
import sys
import time

T_START = time.perf_counter()   # after interpreter start-up; imports of the script follow


def report(work_started, **extra):
    """Prints one JSON line: seconds of work (after imports) and anything else worth checking."""
    now = time.perf_counter()
    print(json.dumps({"work_seconds": now - work_started, "import_seconds": work_started - T_START, **extra}))
    sys.stdout.flush()


def write_tidy(df, run, out):
    """Writes `run,step,lr,loss,raw_loss` as `lrscope export` does (raw logs: raw_loss = loss)."""
    df = df.assign(run=run, raw_loss=df["loss"])[["run", "step", "lr", "loss", "raw_loss"]]
    df.to_csv(out, index=False)
    return len(df)
