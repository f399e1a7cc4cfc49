"""The tests mirror the modules: tests/unit/test_<module>.py for each module of src/workplan_cli.

A package's own __init__ is tested where the package is used whole: the library's
public names in tests/unit/test_api.py, the loader's entry points in
tests/unit/test_loader.py, the command line's app in tests/unit/cli/test_application.py.
The lint and models packages keep theirs in their folder: running the rules in
tests/unit/lint/test___init__.py, which model a plan means in tests/unit/models/test___init__.py
(each folder's __init__.py holds the plans and helpers its files share).
Tests of anything else stand in a folder of their own (robustness, clients, data, project), but for
tests/unit/test_unseen_plans.py: every command over the plans of tests/fixtures/unseen/.
"""

from __future__ import annotations

from conftest import ROOT

PACKAGE = ROOT / "src" / "workplan_cli"
TESTS = ROOT / "tests"
PACKAGE_TESTS = {
    "__init__.py": "unit/test_api.py",
    "loader/__init__.py": "unit/test_loader.py",
    "cli/__init__.py": "unit/cli/test_application.py",
}
FOLDERS = {"unit", "robustness", "clients", "data", "project"}
# Unit tests of no one module: the whole command set over plans of other committees and years.
ACROSS_MODULES = {"unit/test_unseen_plans.py"}


def _test_file(module: str) -> str:
    folder, _, name = module.rpartition("/")
    return PACKAGE_TESTS.get(module) or f"unit/{folder + '/' if folder else ''}test_{name}"


def test_each_module_has_its_test_file_and_each_unit_test_file_its_module():
    modules = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py"))
    wanted = {_test_file(module) for module in modules}
    assert sorted(f for f in wanted if not (TESTS / f).is_file()) == []
    unit = {str(path.relative_to(TESTS)) for path in (TESTS / "unit").rglob("test_*.py")}
    assert sorted(unit - wanted - ACROSS_MODULES) == []


def test_every_test_file_stands_in_a_folder_of_its_tier():
    folders = {path.relative_to(TESTS).parts[0] for path in TESTS.rglob("test_*.py")}
    assert folders == FOLDERS
