#!/usr/bin/env python3
"""Home's first frame in a bare 80x24 pty (which never answers OSC 11), by theme setting.

Modes, run in turn, RUNS times each: `night` (named: nothing asked), `auto, first start` (the
cache folder emptied before each run: the question is sent), `auto, silent remembered` (the
cache as the first start leaves it once the terminal stayed silent: nothing asked). Prints the
median (min-max) of spawn to the first "Routines" on the pty, in ms.

Usage: python3 benches/theme_first_frame.py [BIN] [RUNS]
"""
import fcntl, os, pty, select, shutil, statistics, struct, sys, tempfile, termios, time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/bedstretch"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 15


def first_frame(env):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(BIN, [BIN], env)
    out, seen = b"", None
    while time.monotonic() < start + 10:
        if select.select([fd], [], [], 0.005)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
            if b"Routines" in out:
                seen = time.monotonic()
                break
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return (seen - start) * 1000 if seen else float("nan")


def main():
    root = tempfile.mkdtemp()
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORFGBG", "TMUX")}
    base.update(TERM="xterm-256color", XDG_DATA_HOME=f"{root}/data")
    silent = f"{root}/silent"
    os.makedirs(f"{silent}/bedstretch")
    modes = {"night": ("night", None), "auto, first start": ("auto", f"{root}/fresh"),
             "auto, silent remembered": ("auto", silent)}
    times = {name: [] for name in modes}
    for _ in range(RUNS):
        for name, (theme, cache) in modes.items():
            config = f"{root}/config-{theme}"
            os.makedirs(f"{config}/bedstretch", exist_ok=True)
            with open(f"{config}/bedstretch/config.toml", "w") as f:
                f.write(f'theme = "{theme}"\n')
            if name == "auto, first start":
                shutil.rmtree(cache, ignore_errors=True)
            env = dict(base, XDG_CONFIG_HOME=config, XDG_CACHE_HOME=cache or f"{root}/none")
            if name == "auto, silent remembered":
                identity = f"TERM=xterm-256color TERM_PROGRAM={env.get('TERM_PROGRAM', '')} " \
                           f"TERM_PROGRAM_VERSION={env.get('TERM_PROGRAM_VERSION', '')}"
                with open(f"{silent}/bedstretch/terminals", "w") as f:
                    f.write(f"silent\t{identity}\n")
            times[name].append(first_frame(env))
    for name, values in times.items():
        print(f"{name}: {statistics.median(values):.1f} ms ({min(values):.1f}-{max(values):.1f})")
    print("load:", os.getloadavg())
    shutil.rmtree(root)


main()
