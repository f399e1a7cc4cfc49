"""benchmarks/measure.py reports a command's own peak memory, whatever the size of the process that starts it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

MEASURE = ROOT / "benchmarks" / "measure.py"
MIB = 2**20


def _peak_of_true_from(parent_size: int, through_measure: bool) -> int:
    """The peak RSS reported for `true`, started by a parent that first fills ``parent_size`` bytes."""
    measure = f"[sys.executable, '-I', {str(MEASURE)!r}, 'true']" if through_measure else "['true']"
    code = (
        "import os, subprocess, sys\n"
        f"held = bytearray({parent_size})\n"
        "for at in range(0, len(held), 4096): held[at] = 1\n"
        f"argv = {measure}\n"
        "if argv[0] == 'true':\n"
        "    p = subprocess.Popen(argv); _, _, usage = os.wait4(p.pid, 0); print(0, usage.ru_maxrss * 1024)\n"
        "else:\n"
        "    print(subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.split()[1])


def test_a_fat_parent_lends_its_size_to_a_child_started_directly():
    # What measure.py is for: without it, `true` would show the parent's 200 MiB.
    assert _peak_of_true_from(200 * MIB, through_measure=False) >= 200 * MIB


def test_measure_reports_the_commands_own_peak():
    assert _peak_of_true_from(200 * MIB, through_measure=True) < 50 * MIB


def test_measure_passes_on_the_exit_code_and_the_error_output():
    done = subprocess.run(
        [sys.executable, str(MEASURE), sys.executable, "-c", "import sys; print('out'); sys.exit('boom')"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (1, "boom\n")
    seconds, peak = done.stdout.split()
    assert float(seconds) > 0 and int(peak) > MIB
