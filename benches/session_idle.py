#!/usr/bin/env python3
"""Measures the guided session at rest, as issue 3 asks: the release binary in an 80x24
pseudo-terminal during a long countdown. Reports the median of several runs of:

- time to first frame: from spawn until the first screen with the countdown is written,
  beside the same measure for `bedstretch --version` (process start-up alone) as a baseline;
- CPU used over 10 s of idle countdown, as a share of one core (from /proc/PID/schedstat);
- bytes written to the terminal per second over those 10 s;
- peak RSS (VmHWM from /proc/PID/status).

Usage: cargo build --release && python3 benches/session_idle.py [RUNS]
"""
import os, pty, select, signal, statistics, subprocess, sys, tempfile, time

BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "bedstretch")
ROUTINE = 'name = "Long"\nlead_in = 0\n[[step]]\nname = "Long hold"\nduration = "30m"\n'
IDLE_SECS = 10


def spawn(args, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN] + args, env)
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def read_until(fd, needle, deadline):
    out = b""
    while needle not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def cpu_ns(pid):
    # schedstat counts nanoseconds on the CPU; /proc/PID/stat's clock ticks (10 ms) are far
    # too coarse for a target of 0.05 % of a core over 10 s (5 ms).
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[0])


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def one_run(home):
    env = dict(os.environ, TERM="xterm-256color", XDG_CONFIG_HOME=f"{home}/config",
               XDG_DATA_HOME=f"{home}/data")
    env.pop("NO_COLOR", None)
    path = f"{home}/long.toml"
    with open(path, "w") as f:
        f.write(ROUTINE)

    start = time.monotonic()
    pid, fd = spawn(["--version"], env)
    read_until(fd, b"bedstretch", start + 10)
    baseline = time.monotonic() - start
    os.waitpid(pid, 0)
    os.close(fd)

    start = time.monotonic()
    pid, fd = spawn(["run", path], env)
    read_until(fd, b"Long hold", start + 10)
    first_frame = time.monotonic() - start
    time.sleep(1)  # let start-up settle before the idle window
    read_until(fd, b"\0never\0", time.monotonic() + 0.05)
    cpu_before, t0, written = cpu_ns(pid), time.monotonic(), 0
    while time.monotonic() - t0 < IDLE_SECS:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            written += len(os.read(fd, 65536))
    elapsed = time.monotonic() - t0
    cpu = (cpu_ns(pid) - cpu_before) / 1e9 / elapsed
    rss = peak_rss_kib(pid)
    os.write(fd, b"q")
    time.sleep(0.2)
    os.write(fd, b"y")
    time.sleep(0.2)
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    return baseline, first_frame, cpu, written / elapsed, rss


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results = []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as home:
            results.append(one_run(home))
            b, f, c, w, r = results[-1]
            print(f"run {i + 1}: start-up {b*1000:.1f} ms, first frame {f*1000:.1f} ms, "
                  f"CPU {c*100:.3f} %, {w:.0f} bytes/s, peak RSS {r/1024:.1f} MiB", flush=True)
    med = [statistics.median(col) for col in zip(*results)]
    print(f"median of {runs}: first frame {med[1]*1000:.1f} ms "
          f"(bare start-up {med[0]*1000:.1f} ms, so {(med[1]-med[0])*1000:.1f} ms to draw), "
          f"CPU {med[2]*100:.3f} % of a core, {med[3]:.0f} bytes/s, peak RSS {med[4]/1024:.1f} MiB")


if __name__ == "__main__":
    main()
