"""The whole browser slowed down N times, as on a slower laptop with as many cores.

CDP's ``Emulation.setCPUThrottlingRate`` slows the page's main thread only; our Python runs in a Web
Worker, so that would leave the work that counts at full speed. Here every Chromium process (the
browser, its zygotes, renderers with their workers, GPU and utility processes) runs 1/N of the
time: a duty cycle of SIGCONT for ``slice/N`` and SIGSTOP for the rest of each slice. While a
process runs it has every core, so each thread gets 1/N of its speed, parallel work included. (A
cgroup CPU quota would cap the sum over all cores instead: one busy thread on 2 cores with a quota
of 2/4 of a core would only be 2x slower; and this container has no cgroup v2 cpu controller.)

The processes are found anew every few slices as the descendants of this Python process whose
executable is Chromium (Playwright's driver, a Node process between them, is not slowed). Every
stopped process is continued when the slow-down ends, also after an error.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

CHROMIUM_EXE = ("chromium", "chrome", "headless_shell")


def cgroup_note() -> str:
    """Why not a cgroup quota, as seen on this machine."""
    for controllers in (Path("/sys/fs/cgroup/cgroup.controllers"), Path("/sys/fs/cgroup/unified/cgroup.controllers")):
        if controllers.is_file() and "cpu" in controllers.read_text().split():
            return "a cgroup v2 cpu.max quota is possible here, but it would cap the sum over the cores, not slow each one"
    return "no cgroup v2 cpu controller on this machine"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _is_chromium(pid: int) -> bool:
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False
    return any(name in Path(exe).name for name in CHROMIUM_EXE)


def browser_pids(root: int | None = None) -> list[int]:
    """Chromium processes among the descendants of ``root`` (default: this process)."""
    tree = _children()
    out, todo = [], [root or os.getpid()]
    while todo:
        for child in tree.get(todo.pop(), []):
            todo.append(child)
            if _is_chromium(child):
                out.append(child)
    return out


def _cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of ``pids`` so far (a process that is gone counts 0)."""
    ticks = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_idle(quiet_s: float = 0.5, share: float = 0.1, max_s: float = 10.0) -> float:
    """Wait until the Chromium processes under this one used less than ``share`` of one core during
    ``quiet_s`` (at most ``max_s``); returns the seconds waited. A browser that was just launched sets
    itself up on every core for about a second; a reader's browser is already running when the site opens
    (WebPageTest, likewise, waits for an idle CPU before it starts a test)."""
    start = time.monotonic()
    while True:
        pids = browser_pids()
        before = _cpu_seconds(pids)
        time.sleep(quiet_s)
        used = _cpu_seconds(pids) - before
        waited = time.monotonic() - start
        if used < share * quiet_s or waited >= max_s:
            return waited


class DutyCycle:
    """``with DutyCycle(4): ...`` runs every Chromium process 1/4 of the time, in slices of ``slice_ms``."""

    method = "stop/continue duty cycle (SIGSTOP/SIGCONT) on every Chromium process"

    def __init__(self, factor: float, slice_ms: float = 20.0) -> None:
        self.factor = factor
        self.slice = slice_ms / 1000
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopped: set[int] = set()
        self.slices = 0
        self.run_fraction: float | None = None  # the share of wall time the processes ran, as measured

    def describe(self) -> str:
        run = self.slice / self.factor * 1000
        return f"{self.method}: {run:.0f} ms running, {self.slice * 1000 - run:.0f} ms stopped, repeated ({cgroup_note()})"

    def _signal(self, pids: list[int], sig: signal.Signals) -> None:
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                self._stopped.discard(pid)
                continue
            if sig == signal.SIGSTOP:
                self._stopped.add(pid)
            else:
                self._stopped.discard(pid)

    def _loop(self) -> None:
        run = self.slice / self.factor
        pids: list[int] = []
        ran = total = 0.0
        try:
            # A real-time thread wakes on time on a busy machine (we are root in the container); if not
            # allowed, the stopped part still follows the measured running part, so the ratio holds.
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
        except (OSError, AttributeError):
            pass
        try:
            while not self._stop.is_set():
                if self.slices % 5 == 0:
                    pids = browser_pids()
                t0 = time.monotonic()
                self._signal(pids, signal.SIGCONT)
                time.sleep(run)
                t1 = time.monotonic()
                self._signal(pids, signal.SIGSTOP)
                time.sleep(max(0.0, (t1 - t0) * (self.factor - 1) - (time.monotonic() - t1)))
                t2 = time.monotonic()
                ran, total = ran + (t1 - t0), total + (t2 - t0)
                self.slices += 1
        finally:
            self._signal(sorted(self._stopped), signal.SIGCONT)
            self.run_fraction = ran / total if total else None

    def __enter__(self) -> DutyCycle:
        self._thread = threading.Thread(target=self._loop, name="duty-cycle", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
        self._signal(browser_pids(), signal.SIGCONT)  # nothing stays stopped, whatever happened
