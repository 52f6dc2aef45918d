#!/usr/bin/env python3
"""Times `bedstretch status` and `bedstretch stats --json` as whole processes over a generated
history (10 years by default), warm (caches in place, the usual case) and cold (every cache
removed before each run), beside `bedstretch --version` for process start-up. With
BEDSTRETCH_BASE=PATH a second build is timed too, each on its own copy of the history, the
two taking turns run by run (A B A B), so a busy machine slows both alike; the ratio is the
median of the pairs' ratios.

Usage: cargo build --release && python3 benches/status_process.py [RUNS] [YEARS]
Prints min / median / max in milliseconds of RUNS runs (default 21).
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("BEDSTRETCH_BIN", os.path.join(HERE, "..", "target", "release", "bedstretch"))
BASE = os.environ.get("BEDSTRETCH_BASE")
AS_OF = "2026-11-23T23:00:00+01:00"
CASES = [
    ("status, warm", ["status", "--as-of", AS_OF], False),
    ("status, cold", ["status", "--as-of", AS_OF], True),
    ("stats --json, warm", ["stats", "--json", "--as-of", AS_OF], False),
    ("stats --json, cold", ["stats", "--json", "--as-of", AS_OF], True),
    ("--version", ["--version"], False),
]


def timed(binary, args, home, cold):
    if cold:
        shutil.rmtree(os.path.join(home, "bedstretch", "cache"), ignore_errors=True)
    env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"))
    start = time.perf_counter()
    subprocess.run([binary] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def spread(xs):
    return f"{statistics.median(xs):6.1f} ({min(xs):.1f}-{max(xs):.1f})"


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    years = sys.argv[2] if len(sys.argv) > 2 else "10"
    builds = [("A", BIN)] + ([("B", BASE)] if BASE else [])
    with tempfile.TemporaryDirectory() as root:
        homes = {}
        for name, _ in builds:
            homes[name] = os.path.join(root, name)
            subprocess.run([sys.executable, os.path.join(HERE, "make_history.py"), homes[name], years],
                           check=True, stdout=subprocess.DEVNULL)
        print(f"{years} years, median (min-max) ms of {runs} runs" + (", A/B median of pair ratios" if BASE else ""))
        for label, args, cold in CASES:
            if not cold:
                for name, binary in builds:
                    timed(binary, args, homes[name], False)  # builds the caches
                time.sleep(2.1)  # past the caches' 2 s distrust of files changed just before them
                for name, binary in builds:
                    timed(binary, args, homes[name], False)
            times = {name: [] for name, _ in builds}
            for _ in range(runs):
                for name, binary in builds:
                    times[name].append(timed(binary, args, homes[name], cold))
            line = f"{label:<20} A {spread(times['A'])}"
            if BASE:
                ratio = statistics.median(a / b for a, b in zip(times["A"], times["B"]))
                line += f"   B {spread(times['B'])}   A/B {ratio:.2f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
