#!/usr/bin/env python3
"""Times `bedstretch stats --json` as a whole process over 1, 10 and 30 years of generated
history: cold (no summary cache, as on the first run or after it is lost) and warm (the usual
case), beside `bedstretch --version` as a baseline for process start-up. Medians of RUNS runs.

Usage: cargo build --release && python3 benches/stats_process.py [RUNS]
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.join(HERE, "..", "target", "release", "bedstretch")


def timed(args, env):
    start = time.perf_counter()
    subprocess.run([BIN] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    stats_args = ["stats", "--json", "--as-of", "2026-11-23T23:00:00+01:00"]
    for years in (1, 10, 30):
        with tempfile.TemporaryDirectory() as home:
            subprocess.run([sys.executable, os.path.join(HERE, "make_history.py"), home, str(years)], check=True,
                           stdout=subprocess.DEVNULL)
            size = sum(os.path.getsize(os.path.join(home, "bedstretch/history", f))
                       for f in os.listdir(os.path.join(home, "bedstretch/history")))
            env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"))
            cache = os.path.join(home, "bedstretch", "cache")
            base, cold, warm = [], [], []
            for _ in range(runs):
                base.append(timed(["--version"], env))
                shutil.rmtree(cache, ignore_errors=True)
                cold.append(timed(stats_args, env))
            time.sleep(2.1)  # past the cache's 2 s window for files changed just before it
            timed(stats_args, env)
            for _ in range(runs):
                warm.append(timed(stats_args, env))
            ms = lambda xs: statistics.median(xs) * 1000
            print(f"{years:>2} years ({size / 1e6:4.1f} MB): stats --json warm {ms(warm):5.1f} ms, "
                  f"cold {ms(cold):5.1f} ms; --version {ms(base):4.1f} ms "
                  f"(warm/baseline {ms(warm) / ms(base):.1f}x)", flush=True)


if __name__ == "__main__":
    main()
