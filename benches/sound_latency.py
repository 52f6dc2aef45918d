#!/usr/bin/env python3
"""Measures how late each sound starts: from the phase boundary (the session's started_at in
its history line, plus the plan) to the moment a fake player, first on the PATH, writes down
that it started. The release binary runs `run --plain --sound` of a nine-second routine (the
one-second fixture with a four-second last hold, as tests/sound.rs has it) RUNS times, each
in a folder of its own; the figure per sound is the median over the runs, with min and max.

The fake player is `/bin/sh` reading a script, so the figure includes a shell's start-up and
one `date`: a real player starts at least that late, then opens the sound device.

Usage: cargo build --release && python3 benches/sound_latency.py [RUNS]
Set BEDSTRETCH_BIN to measure another build.
"""
import datetime, json, os, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BEDSTRETCH_BIN") or os.path.join(ROOT, "target", "release", "bedstretch")
PLAYER = '#!/bin/sh\necho "$(date +%s.%N) $*" >> "$PLAYER_LOG"\n'
PLAYED = ["hold", "switch", "hold", "rest", "hold", "tick", "tick", "tick", "end"]


def routine():
    with open(os.path.join(ROOT, "tests", "fixtures", "one-second.toml")) as f:
        text = f.read()
    last = 'name = "Toe curls"\nduration = 1\n'
    assert last in text
    return text.replace(last, 'name = "Toe curls"\nduration = 4\n')


def one_run():
    """The lateness of each sound in this run, in ms, in order."""
    with tempfile.TemporaryDirectory() as home:
        os.mkdir(os.path.join(home, "bin"))
        player = os.path.join(home, "bin", "paplay")
        with open(player, "w") as f:
            f.write(PLAYER)
        os.chmod(player, 0o755)
        with open(os.path.join(home, "r.toml"), "w") as f:
            f.write(routine())
        env = {k: v for k, v in os.environ.items() if not k.startswith("SSH_")}
        env.update({
            "PATH": os.path.join(home, "bin") + ":/usr/bin:/bin",
            "PLAYER_LOG": os.path.join(home, "played.log"),
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
        })
        subprocess.run([BIN, "run", "--plain", "--sound", "r.toml"], cwd=home, env=env,
                       stdout=subprocess.DEVNULL, check=True)
        history = os.path.join(home, "data", "bedstretch", "history")
        (name,) = os.listdir(history)
        with open(os.path.join(history, name)) as f:
            started = datetime.datetime.fromisoformat(json.loads(f.readline())["started_at"])
        with open(os.path.join(home, "played.log")) as f:
            played = [line.split() for line in f]
    sounds = [os.path.basename(args[1]).split("-")[0] for args in played]
    assert sounds == PLAYED, sounds
    start = started.timestamp()
    return [(float(args[0]) - start - (i + 1)) * 1000 for i, args in enumerate(played)]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"load {os.getloadavg()[0]:.2f}, {runs} runs of {BIN}")
    late = [one_run() for _ in range(runs)]
    every = [ms for run in late for ms in run]
    for i, sound in enumerate(PLAYED):
        column = [run[i] for run in late]
        print(f"{i + 1} s {sound:7} median {statistics.median(column):6.1f} ms"
              f"  (min {min(column):.1f}, max {max(column):.1f})")
    print(f"all {len(every)} sounds: median {statistics.median(every):.1f} ms,"
          f" max {max(every):.1f} ms; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
