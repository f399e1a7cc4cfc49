"""Run one command and print its wall seconds and peak resident memory, as measured from this small process.

    python benchmarks/measure.py COMMAND [ARG]...   # prints "SECONDS PEAK_BYTES"; exits with the command's code

A process's peak resident memory (``ru_maxrss``) is at least the peak of the
process it was started from: Linux carries the parent's high-water mark
through fork (or vfork) and exec.  A benchmark runner that has grown (it
holds a large plan's text, say) would lend its own size to every command it
starts, and different commands would show the same peak.  `benchmarks/run.py`
therefore starts each command from this process, which stays a few MiB, and
reads the command's own figures from it.  The command's output goes nowhere;
its error output is this process's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    print(f"{elapsed:.6f} {usage.ru_maxrss * 1024}")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
