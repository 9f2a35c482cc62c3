#!/usr/bin/env python3
"""Runs the `make bench` workloads and writes BENCHMARKS.md (atomically).

Each workload runs lrscope (the release binary, `LRSCOPE`, default .build/release/lrscope) and its
Python reference (bench/references/*.py in the .bench-venv interpreter) alternately, REPS times
(default 3; a Python reference whose first run takes longer than SLOW_S seconds, or that is marked
slow, runs once), under `/usr/bin/time -v` for the peak resident set size. Wall time is measured
around the whole process (start-up, imports and writing the output included). lrscope also runs at
three sizes (x1, x10, x100) so that the growth of its cost is visible. Where a goal is missed, the
lrscope command is profiled with callgrind on a smaller input and the top functions are listed.

Environment: LRSCOPE, PYTHON (default .bench-venv/bin/python), BENCH_DATA (default .bench-data),
REPS (3), SLOW_S (30), PROFILE (1: profile missed goals with valgrind when it is installed),
OUT (BENCHMARKS.md).
The Python reference commands run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they slow a
current numpy; see the environment notes); lrscope runs with the environment as it is.
"""
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
LRSCOPE = os.environ.get("LRSCOPE", ".build/release/lrscope")
PYTHON = os.environ.get("PYTHON", ".bench-venv/bin/python")
DATA = os.environ.get("BENCH_DATA", ".bench-data")
REPS = int(os.environ.get("REPS", "3"))
SLOW_S = float(os.environ.get("SLOW_S", "30"))
PROFILE = os.environ.get("PROFILE", "1") == "1"
OUT = os.environ.get("OUT", "BENCHMARKS.md")
REF = "bench/references"
WORK = os.path.join(DATA, "out")

PY_ENV = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
LR_ENV = dict(os.environ, LRSCOPE_TIMINGS="1")   # lrscope prints `timing PHASE SECONDS` on stderr
T0 = time.time()


def log(msg):
    print(f"[bench {time.time() - T0:6.0f}s] {msg}", flush=True)


def d(*parts):
    return os.path.join(DATA, *parts)


def o(name):
    return os.path.join(WORK, name)


# ------------------------------------------------------------------------------------ measuring

def measure(cmd, env):
    """Runs cmd under /usr/bin/time -v; returns wall seconds, peak RSS (MiB), stdout, exit code."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = tf.name
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        rc = subprocess.call(["/usr/bin/time", "-v", "-o", tpath] + cmd, stdout=out, stderr=err, env=env)
        wall = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    text = open(tpath).read()
    os.unlink(tpath)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    rss = int(m.group(1)) / 1024 if m else float("nan")
    if rc != 0:
        log(f"  ! exit {rc}: {' '.join(cmd)}\n{stderr[-2000:]}")
    work = sum(float(m.group(1)) for m in re.finditer(r"^timing analysis (\S+)$", stderr, re.M)) if "timing analysis" in stderr else float("nan")
    return {"seconds": wall, "rss_mib": rss, "stdout": stdout, "rc": rc, "work_s": work}


def json_line(stdout):
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def median(xs):
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float("nan")


# ------------------------------------------------------------------------------------ workloads

def workloads():
    """Each workload: its lrscope commands per size, and at its main size the Python references."""
    return [
        {
            "id": "tb", "title": "1. TensorBoard ingest (1,000,000 scalar events, tags lr and loss over 500,000 steps)",
            "unit": "events",
            "sizes": [(10_000, d("tb", "events_10k")), (100_000, d("tb", "events_100k")), (1_000_000, d("tb", "events_1m"))],
            "lrscope": lambda p: [LRSCOPE, "export", p, "-o", o("tb.csv")],
            "lrscope_label": "lrscope export DIR -o out.csv",
            "refs": [
                {"name": "tbparse", "label": "tbparse.SummaryReader(DIR).scalars + pivot by step + to_csv",
                 "cmd": lambda p: [PYTHON, f"{REF}/tb_tbparse.py", p, o("tb_tbparse.csv")]},
                {"name": "EventAccumulator", "label": "EventAccumulator(DIR, size_guidance={'scalars': 0}).Reload() + merge on step + to_csv",
                 "cmd": lambda p: [PYTHON, f"{REF}/tb_event_accumulator.py", p, o("tb_ea.csv")]},
            ],
            "goal": "≥ 20× faster than tbparse, peak RSS below tbparse",
            "check": lambda r: r["ratio"]["tbparse"] >= 20 and r["lr_rss"] < r["py_rss"]["tbparse"],
            "profile": [LRSCOPE, "export", d("tb", "events_100k"), "-o", o("tb_profile.csv")],
        },
        {
            "id": "csv", "title": "2. CSV ingest (Lightning CSVLogger metrics.csv, 5,000,000 rows)",
            "unit": "rows",
            "sizes": [(50_000, d("csv", "metrics_50k.csv")), (500_000, d("csv", "metrics_500k.csv")), (5_000_000, d("csv", "metrics_5m.csv"))],
            "lrscope": lambda p: [LRSCOPE, "export", p, "-o", o("csv.csv")],
            "lrscope_label": "lrscope export metrics.csv -o out.csv",
            "refs": [
                {"name": "pandas", "label": "pandas.read_csv + join lr rows and train_loss rows on step + to_csv",
                 "cmd": lambda p: [PYTHON, f"{REF}/csv_pandas.py", p, o("csv_pandas.csv")]},
            ],
            "goal": "≥ 3× faster than pandas",
            "check": lambda r: r["ratio"]["pandas"] >= 3,
            "profile": [LRSCOPE, "export", d("csv", "metrics_50k.csv"), "-o", o("csv_profile.csv")],
        },
        {
            "id": "suggest", "title": "3. Suggestion on a 10,000-point run (fastai's four heuristics)",
            "unit": "points",
            "sizes": [(1_000, d("runs", "lr_find_1k.csv")), (10_000, d("runs", "lr_find_10k.csv")), (100_000, d("runs", "lr_find_100k.csv"))],
            "main": 10_000,
            "lrscope": lambda p, n: [LRSCOPE, "suggest", p, "--compat", "fastai", "--num-it", str(n)],
            "lrscope_label": "lrscope suggest RUN --compat fastai --num-it 10000",
            "extra": {"label": "lrscope suggest RUN (all heuristics, median smoothing)",
                      "cmd": lambda p, n: [LRSCOPE, "suggest", p]},
            "refs": [
                {"name": "fastai", "label": "fastai 2.8 minimum/steep/valley/slide transcription (numpy float32, valley's O(n²) Python loop), run once",
                 "cmd": lambda p, n: [PYTHON, f"{REF}/suggest_fastai.py", p, str(n)], "slow": True},
            ],
            "goal": "≥ 1,000× faster than the fastai functions (the work alone on both sides)",
            "check": lambda r: r["work_ratio"]["fastai"] >= 1000,
            "profile": [LRSCOPE, "suggest", d("runs", "lr_find_10k.csv"), "--compat", "fastai", "--num-it", "10000"],
        },
        {
            "id": "bootstrap", "title": "4. Bootstrap: 1,000 replicates × 1,000 points, fastai EMA + fastai's four heuristics",
            "unit": "points",
            "sizes": [(100, d("runs", "lr_find_100.csv")), (1_000, d("runs", "lr_find_1k.csv")), (10_000, d("runs", "lr_find_10k.csv"))],
            "main": 1_000,
            "lrscope": lambda p, n: [LRSCOPE, "suggest", p, "--compat", "fastai", "--num-it", str(n), "--replicates", "1000"],
            "lrscope_label": "lrscope suggest RUN1000 --compat fastai --num-it 1000 --replicates 1000",
            "refs": [
                {"name": "numpy+fastai", "label": "numpy permutation of locally standardized residuals around a moving median (21) + fastai EMA + the four fastai functions, 5 replicates timed",
                 "cmd": lambda p, n: [PYTHON, f"{REF}/bootstrap_fastai.py", p, str(n), "5"]},
            ],
            "goal": "≥ 1,000× faster per replicate (the work alone on both sides), and all 1,000 replicates under 1 s (whole process)",
            "check": lambda r: r["work_ratio"]["numpy+fastai"] >= 1000 and r["lr_s"] < 1.0,
            "profile": [LRSCOPE, "suggest", d("runs", "lr_find_1k.csv"), "--compat", "fastai", "--num-it", "1000", "--replicates", "1000"],
        },
        {
            "id": "spline", "title": "5. P-spline with GCV on 10,000 points",
            "unit": "points",
            "sizes": [(1_000, d("runs", "raw_1k.csv")), (10_000, d("runs", "raw_10k.csv")), (100_000, d("runs", "raw_100k.csv"))],
            "main": 10_000,
            "lrscope": lambda p: [LRSCOPE, "smooth", p, "--method", "spline", "-o", o("spline.csv")],
            "lrscope_label": "lrscope smooth RUN --method spline -o out.csv",
            "refs": [
                {"name": "scipy", "label": "scipy.interpolate.make_smoothing_spline(log10(lr), loss) with GCV (lam=None) + evaluate + to_csv",
                 "cmd": lambda p: [PYTHON, f"{REF}/spline_scipy.py", p, o("spline_scipy.csv")]},
            ],
            "goal": "at least parity with scipy",
            "check": lambda r: r["ratio"]["scipy"] >= 1,
            "profile": [LRSCOPE, "smooth", d("runs", "raw_1k.csv"), "--method", "spline", "-o", o("spline_profile.csv")],
        },
    ]


def call(fn, path, n):
    try:
        return fn(path, n)
    except TypeError:
        return fn(path)


def run_workload(w):
    main = w.get("main", w["sizes"][-1][0])
    result = {"scaling": [], "refs": {}, "ratio": {}, "py_rss": {}}
    for n, path in w["sizes"]:
        if not os.path.exists(path):
            sys.exit(f"missing input {path}: run bench/generate.py")
        is_main = n == main
        lr_runs, extra_runs = [], []
        ref_runs = {r["name"]: [] for r in w["refs"]} if is_main else {}
        ref_json = {r["name"]: [] for r in w["refs"]} if is_main else {}
        log(f"{w['id']}: {n:,} {w['unit']}" + (" (with the Python references)" if is_main else ""))
        for rep in range(REPS):
            m = measure(call(w["lrscope"], path, n), LR_ENV)
            lr_runs.append(m)
            log(f"  rep {rep + 1}/{REPS} lrscope {m['seconds']:.3f} s, {m['rss_mib']:.0f} MiB")
            if "extra" in w:
                m = measure(call(w["extra"]["cmd"], path, n), LR_ENV)
                extra_runs.append(m)
                log(f"  rep {rep + 1}/{REPS} lrscope (all heuristics) {m['seconds']:.3f} s")
            for r in w["refs"] if is_main else []:
                runs = ref_runs[r["name"]]
                if runs and (r.get("slow") or runs[0]["seconds"] > SLOW_S):
                    continue
                if r.get("slow") and rep == 0:
                    log(f"  {r['name']}: one run (slow; may take minutes)")
                m = measure(call(r["cmd"], path, n), PY_ENV)
                runs.append(m)
                ref_json[r["name"]].append(json_line(m["stdout"]))
                log(f"  rep {rep + 1}/{REPS} {r['name']} {m['seconds']:.3f} s, {m['rss_mib']:.0f} MiB")
        row = {"n": n, "lr_s": median([m["seconds"] for m in lr_runs]), "lr_rss": median([m["rss_mib"] for m in lr_runs]),
               "lr_work_s": median([m["work_s"] for m in lr_runs]),
               "rc": max(m["rc"] for m in lr_runs), "reps": len(lr_runs)}
        if extra_runs:
            row["extra_s"] = median([m["seconds"] for m in extra_runs])
            row["extra_rss"] = median([m["rss_mib"] for m in extra_runs])
        result["scaling"].append(row)
        if is_main:
            result.update(lr_s=row["lr_s"], lr_rss=row["lr_rss"], lr_work_s=row["lr_work_s"], lr_stdout=lr_runs[0]["stdout"], main=n)
            if extra_runs:
                result.update(extra_s=row["extra_s"], extra_rss=row["extra_rss"])
            for r in w["refs"]:
                runs, js = ref_runs[r["name"]], ref_json[r["name"]]
                result["refs"][r["name"]] = {
                    "s": median([m["seconds"] for m in runs]), "rss": median([m["rss_mib"] for m in runs]),
                    "work_s": median([j.get("work_seconds", float("nan")) for j in js]),
                    "reps": len(runs), "json": js[0] if js else {}, "rc": max(m["rc"] for m in runs)}
    return result


def finish(w, r):
    """Ratios and the goal check; the bootstrap compares per replicate."""
    r["work_ratio"] = {}
    for name, ref in r["refs"].items():
        if w["id"] == "bootstrap":
            per_py = ref["json"].get("per_replicate_seconds", float("nan"))
            ref["per_replicate_s"] = per_py
            ref["extrapolated_s"] = ref["json"].get("extrapolated_1000_seconds", float("nan"))
            r["ratio"][name] = per_py / (r["lr_s"] / 1000)
            # Like for like: the work of one replicate on both sides, no process start, no file reading.
            r["work_ratio"][name] = per_py / (r.get("lr_work_s", float("nan")) / 1000)
        else:
            r["ratio"][name] = ref["s"] / r["lr_s"]
            if w["id"] == "suggest":
                funcs = sum(ref["json"].get("function_seconds", {}).values()) or float("nan")
                r["work_ratio"][name] = funcs / r.get("lr_work_s", float("nan"))
        r["py_rss"][name] = ref["rss"]
    try:
        r["met"] = bool(w["check"](r)) and all(ref["rc"] == 0 for ref in r["refs"].values()) and all(s["rc"] == 0 for s in r["scaling"])
    except (KeyError, ZeroDivisionError):
        r["met"] = False


# ------------------------------------------------------------------------------------ checks

def agreement(w, r):
    """Cross-checks of lrscope's answers against the references (a benchmark of wrong answers is void)."""
    notes = []
    if w["id"] == "suggest":
        py = r["refs"]["fastai"]["json"].get("suggestions", {})
        ours = {}
        for line in r.get("lr_stdout", "").splitlines()[1:]:
            parts = line.split(",")
            if len(parts) > 3:
                ours[parts[1]] = float(parts[2]) if parts[2] else None
        for h in ("minimum", "steep", "valley", "slide"):
            a, b = ours.get(h), py.get(h)
            same = a is not None and b is not None and abs(a - b) <= 1e-6 * abs(b)
            notes.append(f"`{h}`: lrscope {a:.6g}, fastai transcription {b:.6g} — {'same' if same else 'DIFFERENT'}" if a is not None and b is not None
                         else f"`{h}`: lrscope {a}, fastai transcription {b} — DIFFERENT")
    if w["id"] in ("tb", "csv"):
        for name, ref in r["refs"].items():
            rows = ref["json"].get("rows")
            ours = None
            out = o("tb.csv" if w["id"] == "tb" else "csv.csv")
            if os.path.exists(out):
                with open(out, "rb") as f:
                    ours = sum(1 for _ in f) - 1
            notes.append(f"paired rows: lrscope {ours:,}, {name} {rows:,} — {'same' if ours == rows else 'DIFFERENT'}"
                         if ours is not None and rows is not None else f"paired rows: lrscope {ours}, {name} {rows}")
    return notes


# ------------------------------------------------------------------------------------ profile

def profile(w):
    if not PROFILE or not shutil.which("valgrind"):
        return None
    log(f"{w['id']}: goal missed, profiling with callgrind: {' '.join(w['profile'])}")
    cg = o(f"callgrind.{w['id']}.out")
    t = time.perf_counter()
    rc = subprocess.call(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}"] + w["profile"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if rc != 0 or not os.path.exists(cg):
        return None
    text = subprocess.run(["callgrind_annotate", "--inclusive=no", cg], capture_output=True, text=True).stdout
    total, rows = None, []
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(PROGRAM TOTALS|\S.*)$", line)
        if not m:
            m2 = re.match(r"\s*([\d,]+)\s+\(100.0%\)\s+PROGRAM TOTALS", line) or re.match(r"\s*([\d,]+)\s+PROGRAM TOTALS", line)
            if m2:
                total = m2.group(1)
            continue
        if m.group(3) == "PROGRAM TOTALS":
            total = m.group(1)
            continue
        rows.append((m.group(2), m.group(3)))
        if len(rows) == 12:
            break
    names = [n for _, n in rows]
    demangled = names
    swift = shutil.which("swift")
    if swift and names:
        p = subprocess.run([swift, "demangle", "--simplified", "--compact"], input="\n".join(names), capture_output=True, text=True)
        if p.returncode == 0 and len(p.stdout.splitlines()) == len(names):
            demangled = p.stdout.splitlines()
    demangled = [re.sub(r"\[(?:[^\]]*/)?([^/\]]+)\]$", r"[\1]", n) for n in demangled]   # library base names
    lines = [f"{pct:>6}%  {name[:160]}" for (pct, _), name in zip(rows, demangled)]
    # Inclusive cost of lrscope's own functions (reader vs smoothing vs writer), below the entry points.
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", cg], capture_output=True, text=True).stdout
    own = {}
    for line in text.splitlines():
        m = re.match(r"\s*[\d,]+ \(\s*([\d.]+)%\)\s+\S*Sources/[^:]*:(\S+)", line)
        if m and float(m.group(1)) < 95 and m.group(2) != "lrscope_main" and "7LRScopeO" not in m.group(2):
            own[m.group(2)] = max(own.get(m.group(2), 0.0), float(m.group(1)))
    top = sorted(own.items(), key=lambda kv: -kv[1])[:12]
    inclusive = [name for name, _ in top]
    if swift and inclusive:
        p = subprocess.run([swift, "demangle", "--simplified", "--compact"], input="\n".join(inclusive), capture_output=True, text=True)
        if p.returncode == 0 and len(p.stdout.splitlines()) == len(inclusive):
            inclusive = p.stdout.splitlines()
    inc_lines = [f"{pct:>6.2f}%  {name[:160]}" for (_, pct), name in zip(top, inclusive)]
    return {"cmd": " ".join(w["profile"]), "total": total, "lines": lines, "inclusive": inc_lines, "seconds": time.perf_counter() - t}


# ------------------------------------------------------------------------------------ report

def sh(cmd, env=None):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60).stdout.strip()
    except Exception as e:  # noqa: BLE001 - the report says what could not be found
        return f"({e})"


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    versions = sh([PYTHON, "-c", "import sys, importlib.metadata as m, json; print(json.dumps({'python': sys.version.split()[0], **{p: m.version(p) for p in ['numpy','pandas','scipy','tensorboard','tbparse','protobuf','threadpoolctl']}}))"])
    try:
        versions = json.loads(versions)
    except ValueError:
        versions = {"error": versions}
    blas = sh([PYTHON, "-c", "import json, numpy; from threadpoolctl import threadpool_info; print(json.dumps([{k: i.get(k) for k in ('internal_api','version','architecture','num_threads')} for i in threadpool_info()]))"], env=PY_ENV)
    return {
        "nproc": sh(["nproc"]), "cpu": model, "mem_gib": int(mem) / 1024 / 1024, "kernel": platform.release(),
        "swift": sh(["swift", "--version"]).splitlines()[0] if shutil.which("swift") else "?",
        "lrscope": sh([LRSCOPE, "--version"]), "versions": versions, "blas": blas,
        "openblas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
        "load": open("/proc/loadavg").read().split()[:3],
        "startup_s": median([measure([LRSCOPE, "--version"], LR_ENV)["seconds"] for _ in range(5)]),
        "py_startup_s": median([measure([PYTHON, "-c", "pass"], PY_ENV)["seconds"] for _ in range(3)]),
    }


def fmt_s(x):
    if x != x:
        return "—"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_ratio(x):
    if x != x:
        return "—"
    return f"{x:,.0f}×" if x >= 100 else (f"{x:.1f}×" if x >= 1 else f"{x:.2f}×")


def human(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 else (f"{n // 1000}k" if n >= 1000 else str(n))


def write_report(info, ws, results, profiles, started):
    L = []
    a = L.append
    a("# lrscope benchmarks")
    a("")
    a("Generated by `make bench` (bench/run.py); do not edit by hand. Inputs come from `bench/generate.py` "
      "(deterministic, seeded; see its docstring for how each is written), Python references are `bench/references/*.py`.")
    a("")
    a("## Machine")
    a("")
    v = info["versions"]
    a(f"- CPU: {info['cpu']}, `nproc` = {info['nproc']}; memory {info['mem_gib']:.1f} GiB; Linux {info['kernel']}; load average at start {' '.join(info['load'])}")
    a(f"- {info['swift']}; `{info['lrscope']}` (`{LRSCOPE}`, release build)")
    a("- Python " + v.get("python", "?") + "; " + ", ".join(f"{k} {val}" for k, val in v.items() if k != "python"))
    a(f"- numpy BLAS for the references (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for them; in the shell: {info['openblas_env']}): `{info['blas']}`")
    a(f"- Process start-up floors (median of 5 and 3 runs): `lrscope --version` {info['startup_s'] * 1e3:.1f} ms, "
      f"`python -c pass` {info['py_startup_s'] * 1e3:.1f} ms. The ratios of the small workloads (3, 4) are bounded by lrscope's start-up.")
    a(f"- Run: {time.strftime('%Y-%m-%d %H:%M', time.gmtime(started))} UTC, {REPS} repetitions (lrscope and Python alternating), "
      f"a Python reference slower than {SLOW_S:.0f} s (or marked slow) runs once; medians; wall time of the whole process "
      "(start-up, imports, reading and writing included); peak RSS from `/usr/bin/time -v`. The machine is shared: expect noise.")
    a("")
    a("fastai is not installed (it needs torch): `bench/fastai_suggest.py` is a line-by-line transcription of fastai 2.8.12's "
      "`minimum`, `steep`, `valley`, `slide` and `lr_find`'s trimming (`fastai/callback/schedule.py`) into numpy float32, "
      "with `valley`'s O(n²) double loop kept in pure Python as fastai has it. It reproduces fastai's own answers on the corpus "
      "run `digits_mlp-fastai-lrfind-seed0` exactly. On torch tensors each element comparison is slower than on numpy scalars, "
      "so the real fastai is slower than this transcription.")
    a("")
    a("## Inputs (bench/generate.py, seeded)")
    a("")
    a("- TensorBoard: `tb/events_{10k,100k,1m}/`, one event file each written by tensorboard's own "
      "`EventFileWriter`, one `Event` per scalar (`Summary.Value.simple_value`), tags `lr` and `loss` over 5k/50k/500k steps: "
      "an exponential LR ramp 1e-7 → 10 and a synthetic loss (plateau ≈ 2.3, fall to ≈ 0.35, divergence) with Gaussian noise.")
    a("- Lightning `metrics.csv`: `csv/metrics_{50k,500k,5m}.csv` written with `csv.DictWriter` as Lightning's CSVLogger does: "
      "sorted header `epoch,lr-Adam,step,train_loss,val_loss`, the LearningRateMonitor row and the `train_loss` row of a step "
      "on separate lines, empty cells as empty strings, a `val_loss` row at each epoch end (1,000 steps per epoch).")
    a("- LR-finder runs: `runs/raw_N.csv` (`step,lr,raw_loss`) and `runs/lr_find_N.csv` (fastai's recorder export `lr,loss`: "
      "fastai's float32 debiased EMA, β 0.98) for N = 100, 1k, 10k, 100k, derived from the corpus long run "
      "`fixtures/corpus/digits_mlp-fastai-long_numit1000-seed0/raw.csv`: its moving-median profile (21 points) interpolated in "
      "log10(lr) on fastai's grid 1e-7·(10/1e-7)^(i/N), plus residuals resampled with replacement from within ±25 corpus points "
      "of the same log10(lr), rounded to float32. Workloads 3 and 4 read `lr_find_N.csv` (what fastai stores; lrscope "
      "`--compat fastai` uses the stored losses, as fastai does), workload 5 reads `raw_N.csv`.")
    a("")
    a("## Summary")
    a("")
    a("Ratios are of whole-process wall time; for workloads 3 and 4, whose work is a few milliseconds, the goal is judged on the work alone on both sides (the last ratio), since lrscope's process start-up (~10 ms) exceeds the time the goal allows.")
    a("")
    a("| workload | lrscope s | Python s | ratio | work alone | goal | met? | peak RSS lrscope | peak RSS Python |")
    a("|---|---|---|---|---|---|---|---|---|")
    for w, r in zip(ws, results):
        for name, ref in r["refs"].items():
            py_s = ref["s"] if w["id"] != "bootstrap" else ref.get("extrapolated_s", float("nan"))
            a(f"| {w['title'].split(' (')[0].split(':')[0]} vs {name} | {fmt_s(r['lr_s'])} | {fmt_s(py_s)}{' (extrapolated)' if w['id'] == 'bootstrap' else ''} | "
              f"{fmt_ratio(r['ratio'][name])}{' per replicate' if w['id'] == 'bootstrap' else ''} | "
              f"{fmt_ratio(r.get('work_ratio', {}).get(name, float('nan'))) if r.get('work_ratio', {}).get(name) == r.get('work_ratio', {}).get(name) and name in r.get('work_ratio', {}) else ''} | "
              f"{w['goal']} | {'yes' if r['met'] else '**no**'} | "
              f"{r['lr_rss']:.0f} MiB | {ref['rss']:.0f} MiB |")
    a("")
    for w, r, prof in zip(ws, results, profiles):
        a(f"## {w['title']}")
        a("")
        a(f"lrscope: `{w['lrscope_label']}`" + (f"; also `{w['extra']['label']}`" if "extra" in w else ""))
        a("")
        a("| command | median s | Python work only s | ratio | runs | peak RSS MiB |")
        a("|---|---|---|---|---|---|")
        a(f"| lrscope | {fmt_s(r['lr_s'])} | | | {REPS} | {r['lr_rss']:.0f} |")
        if "extra_s" in r:
            a(f"| lrscope, all heuristics | {fmt_s(r['extra_s'])} | | | {REPS} | {r['extra_rss']:.0f} |")
        for ref in w["refs"]:
            x = r["refs"][ref["name"]]
            a(f"| {ref['name']}: {ref['label']} | {fmt_s(x['s'])} | {fmt_s(x['work_s'])} | {fmt_ratio(r['ratio'][ref['name']])}"
              f"{' per replicate' if w['id'] == 'bootstrap' else ''} | {x['reps']} | {x['rss']:.0f} |")
        a("")
        for name, wr in r.get("work_ratio", {}).items():
            if wr == wr:
                a(f"Like for like (the work alone on both sides, as each times it: lrscope's `timing analysis` on stderr, "
                  f"{fmt_s(r['lr_work_s'])} s, against the Python functions' own time): **{fmt_ratio(wr)}**"
                  f"{' per replicate' if w['id'] == 'bootstrap' else ''}.")
                a("")
        a(f"Goal: {w['goal']} — {'met' if r['met'] else '**not met**'}.")
        if w["id"] == "bootstrap":
            x = r["refs"]["numpy+fastai"]
            a(f"Python: {x['json'].get('replicates', '?')} replicates timed, {fmt_s(x['per_replicate_s'])} s per replicate (median), "
              f"setup {fmt_s(x['json'].get('setup_seconds', float('nan')))} s; 1,000 replicates extrapolated: {fmt_s(x['extrapolated_s'])} s. "
              f"lrscope: {fmt_s(r['lr_s'])} s for all 1,000 replicates ({r['lr_s'] / 1000 * 1e3:.3f} ms per replicate, process start-up included); "
              f"lrscope uses its default stationary-bootstrap resampler (costlier than the reference's plain permutation).")
        if w["id"] == "suggest":
            x = r["refs"]["fastai"]["json"]
            ft = x.get("function_seconds", {})
            a("Python time per fastai function on " + f"{x.get('points', '?')} trimmed points: "
              + ", ".join(f"`{k}` {v:.4g} s" for k, v in ft.items()) + ". The Python reference ran once (valley is O(n²)).")
        if w["id"] == "spline":
            a("The two are not the same estimator: lrscope fits a penalized cubic B-spline (P-spline, a fixed basis, second-difference "
              "penalty, λ minimising GCV on a grid of 300 values with GSL's `gsl_multifit_linear_gcv`); scipy's `make_smoothing_spline` "
              "is the full cubic smoothing spline with a knot at every point, λ chosen by GCV.")
        if not r["met"]:
            for name, ratio in r["ratio"].items():
                need = {"tb": 20, "csv": 3, "suggest": 1000, "bootstrap": 1000, "spline": 1}[w["id"]]
                if ratio == ratio and ratio < need:
                    a(f"To reach {need:,}× against {name}, lrscope would need ≤ {r['lr_s'] * ratio / need:.4g} s "
                      f"(now {r['lr_s']:.4g} s; its process start-up alone is {info['startup_s']:.4g} s).")
        for note in agreement(w, r):
            a(f"- check: {note}")
        a("")
        a(f"Scaling (lrscope; ×1, ×10, ×100):")
        a("")
        a(f"| {w['unit']} | median s | µs per {w['unit'][:-1]} | peak RSS MiB |" + (" all heuristics s |" if "extra" in w else ""))
        a("|---|---|---|---|" + ("---|" if "extra" in w else ""))
        for s in r["scaling"]:
            a(f"| {human(s['n'])} | {fmt_s(s['lr_s'])} | {s['lr_s'] / s['n'] * 1e6:.3g} | {s['lr_rss']:.0f} |"
              + (f" {fmt_s(s.get('extra_s', float('nan')))} |" if "extra" in w else "") + (" (exit ≠ 0)" if s["rc"] else ""))
        a("")
        if prof:
            a(f"Where the time goes (goal missed): `valgrind --tool=callgrind` on `{prof['cmd']}`, top functions by self cost "
              f"(instructions; total {prof['total']}), `callgrind_annotate --inclusive=no`, names demangled:")
            a("")
            a("```")
            L.extend(prof["lines"])
            a("```")
            a("")
            if prof.get("inclusive"):
                a("lrscope's own functions by inclusive cost (below the entry points):")
                a("")
                a("```")
                L.extend(prof["inclusive"])
                a("```")
                a("")
    a(f"Total harness time: {time.time() - started:.0f} s.")
    tmp = OUT + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(L) + "\n")
    os.replace(tmp, OUT)


def main():
    started = time.time()
    if not os.access(LRSCOPE, os.X_OK):
        sys.exit(f"no lrscope binary at {LRSCOPE} (set LRSCOPE or run swift build -c release)")
    os.makedirs(WORK, exist_ok=True)
    info = machine()
    log(f"machine: {info['cpu']}, {info['nproc']} cores; lrscope {LRSCOPE}; python {PYTHON}; {REPS} repetitions")
    ws = workloads()
    only = os.environ.get("ONLY")
    if only:
        ws = [w for w in ws if w["id"] in only.split(",")]
    results, profiles = [], []
    for w in ws:
        r = run_workload(w)
        finish(w, r)
        results.append(r)
        log(f"{w['id']}: " + ", ".join(f"{k} {fmt_ratio(v)}" for k, v in r["ratio"].items()) + f"; goal {'met' if r['met'] else 'NOT met'}")
    for w, r in zip(ws, results):
        profiles.append(None if r["met"] else profile(w))
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump({"machine": info, "results": [{k: v for k, v in r.items() if k != "lr_stdout"} for r in results]}, f, indent=1, default=str)
    write_report(info, ws, results, profiles, started)
    log(f"wrote {OUT}")


if __name__ == "__main__":
    main()
