"""Validating plan files: load each one, collect every problem, never stop early."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .collector import collector_paused
from .diagnostics import Diagnostic, Severity, limit_per_check
from .errors import PathError, PlanError, WorkplanError
from .lint import Selection, run_rules
from .lint.registry import Finding, Rule
from .loader import LoadResult, load_plan, locate, plan_files
from .models import Plan


@dataclass
class FileResult:
    path: str
    plan: Plan | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_error: str | None = None


@dataclass
class ValidationReport:
    files: list[FileResult]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of every file, sorted by file, line and column."""
        return sorted(diag for f in self.files for diag in f.diagnostics)

    @property
    def io_errors(self) -> list[str]:
        return [f.io_error for f in self.files if f.io_error]

    def count(self, severity: Severity) -> int:
        return sum(1 for diag in self.diagnostics if diag.severity is severity)

    def failed(self, *, strict: bool = False) -> bool:
        """True when an error (or, with ``strict``, a warning) was found."""
        return any(diag.severity is Severity.ERROR or strict for diag in self.diagnostics)


def lint_loaded(loaded: LoadResult, selection: Selection | None = None) -> list[Diagnostic]:
    """Run the lint rules on a plan that passed the schema; positions come from its document."""
    if loaded.plan is None:
        return []
    selection = selection or Selection()
    with collector_paused():
        return located(loaded, list(run_rules(loaded.plan, selection)))


def located(loaded: LoadResult, found: Sequence[tuple[Rule, Finding]]) -> list[Diagnostic]:
    """Lint findings of the plan ``loaded`` as diagnostics at their lines and columns (at most
    `MAX_PER_CHECK` of a check, then one line saying how many more)."""
    with collector_paused():
        positions = loaded.positions_for([finding.loc for _, finding in found]) if found else None
        return limit_per_check(
            [
                Diagnostic(
                    loaded.path,
                    *locate(positions, finding.loc, key=finding.key),
                    rule.code,
                    rule.name,
                    rule.severity,
                    finding.message,
                )
                for rule, finding in found
            ]
        )


# What a run holds back while it forks its workers.
_HELD = {signal.SIGINT, signal.SIGTERM}


class WorkerLost(WorkplanError):
    """A worker process validating plans died (killed, or out of memory): exit 2."""


def validate_file(path: Path, selection: Selection | None = None) -> FileResult:
    """Validate one plan file: its loader and schema diagnostics, then its lint findings."""
    selection = selection or Selection()
    try:
        loaded = load_plan(path)
        found = [diag for diag in loaded.diagnostics if selection.wants_code(diag.code, diag.name)]
        return FileResult(loaded.path, loaded.plan, found + lint_loaded(loaded, selection))
    except PathError as exc:
        return FileResult(str(path), io_error=str(exc))
    except MemoryError:
        return FileResult(str(path), io_error=f"{path}: ran out of memory while checking it")


# Below this many bytes of plans in all, starting worker processes costs more
# than it saves: the bundled data/ (two plans, 0.1 MB) is checked in one process.
PARALLEL_MIN_BYTES = 1_000_000


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def worker_count(jobs: int, files: Sequence[Path]) -> int:
    """How many processes validate ``files``: ``jobs`` if given (1 is serial), else one per CPU for a large folder."""
    if jobs > 0:
        return max(1, min(jobs, len(files)))
    cpus = usable_cpus()
    if cpus < 2 or len(files) < 2:
        return 1
    size = 0
    for path in files:
        with contextlib.suppress(OSError):  # reading it reports the error, in order
            size += path.stat().st_size
    return min(cpus, len(files)) if size >= PARALLEL_MIN_BYTES else 1


def validate_paths(paths: Sequence[Path], selection: Selection | None = None, *, jobs: int = 1) -> ValidationReport:
    """Validate every plan file named by ``paths`` (files or folders): schema, then lint.

    ``jobs``: 1 validates in this process; N > 1 in up to N worker processes;
    0 picks (one per CPU, for a folder large enough to gain from it).  The
    report is the same either way, file by file in the same order, except
    that results from worker processes carry no ``plan`` (only diagnostics
    travel back).  Raises `PathError` when a path does not exist or a folder
    holds no plans.
    """
    selection = selection or Selection()
    files = plan_files(paths)
    workers = worker_count(jobs, files)
    if workers == 1:
        return ValidationReport([validate_file(path, selection) for path in files])
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .fsutil import signals_held  # (not imported by a serial run)

    # fork where there is one: the workers start with everything imported.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Small chunks (about 16 per worker) keep the workers evenly loaded to the
    # end: with 4 per worker, 500 plans on 2 CPUs took 0.7 of the serial
    # time; with 16, 0.55 (sending a chunk costs next to nothing).
    size = max(1, len(files) // (workers * 16))
    chunks = [files[n : n + size] for n in range(0, len(files), size)]
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start)
    lost: list[Path] | None = None
    try:
        futures = []
        # Ctrl-C and SIGTERM held back while the workers are forked (at the first submit), delivered after:
        # a signal that lands while the process forks is raised inside Python's at-fork hooks, which print
        # it as "Exception ignored" and drop it, and the run would end as if it had never come.
        with signals_held(_HELD):
            for chunk in chunks:
                try:
                    futures.append(pool.submit(_validate_chunk, chunk, selection))
                except BrokenProcessPool:  # a worker died before every chunk was sent
                    break
        results = []
        for chunk, future in zip(chunks, futures, strict=False):  # fewer futures when sending stopped
            try:
                results += future.result()
            except BrokenProcessPool:
                lost = chunk
                break
        else:
            if len(futures) < len(chunks):  # every chunk sent came back: the first not sent is lost
                lost = chunks[len(futures)]
    except BaseException:
        # Interrupted: stop at once, without waiting for the chunks still
        # running (the workers end with this process, _worker_start).
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    # A broken pool has ended its workers already: waiting for it is short, and
    # leaves nothing for the interpreter to clean up as it exits.
    pool.shutdown(wait=True, cancel_futures=True)
    if lost is not None:
        more = f" (or one of {len(lost) - 1} more after it)" if len(lost) > 1 else ""
        raise WorkerLost(
            f"{lost[0]}{more}: the worker process checking it died (killed, or out of memory); "
            "nothing is reported for these files: run `workplan validate --jobs 1` on them"
        )
    return ValidationReport(results)


def _worker_start() -> None:
    """In each worker: leave Ctrl-C to the parent, and end when the parent ends (Linux), however it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them back
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    with contextlib.suppress(OSError, AttributeError):
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() == 1:  # the parent ended before the line above: nothing to work for
        os._exit(1)


def _validate_chunk(paths: Sequence[Path], selection: Selection) -> list[FileResult]:
    return [_validate_without_plan(path, selection) for path in paths]


def _validate_without_plan(path: Path, selection: Selection) -> FileResult:
    """`validate_file` in a worker process: the diagnostics, without the plan (costly to send back)."""
    result = validate_file(path, selection)
    result.plan = None
    return result


def load_valid_plans(paths: Sequence[Path]) -> list[Plan]:
    """Load every plan named by ``paths``; raise `PlanError` if any has errors (see `load_valid_plan_files`)."""
    return [plan for _path, plan in load_valid_plan_files(paths)]


def load_valid_plan_files(paths: Sequence[Path]) -> list[tuple[Path, Plan]]:
    """Load every plan named by ``paths``; raise `PlanError` if any has errors.

    Nothing must be answered from a broken plan: the error lists the first
    problems, one per line as `path:line:col: severity CODE message`, and
    carries them all as ``diagnostics``.
    """
    report = validate_paths(paths)
    if report.io_errors:
        raise PathError("; ".join(report.io_errors))
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    if errors:
        shown = "\n".join(str(d) for d in errors[:10])
        more = f"\n… and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise PlanError(f"the plans have {len(errors)} error(s); fix them first:\n{shown}{more}", errors)
    return [(Path(f.path), f.plan) for f in report.files if f.plan is not None]
