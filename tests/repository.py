"""What the pre-commit hooks are given in a plans repository: files that are not plans, and a misspelt plan."""

from __future__ import annotations

from conftest import FIXTURES

WORKFLOW = """\
name: plans
on: [push, pull_request]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: workplan validate plans/ --format github --strict
"""


PRE_COMMIT_CONFIG = """\
repos:
  - repo: https://example.org/your-org/workplan
    rev: COMMIT
    hooks:
      - id: workplan-validate
      - id: workplan-fmt
"""


MISSPELT = (
    (FIXTURES / "committee-minimal.yaml")
    .read_text(encoding="utf-8")
    .replace("kind: committee-plan", "kind: comittee-plan", 1)
)


MISSPELT_MESSAGE = "1:7: error WP006 unknown kind 'comittee-plan'; expected one of: committee-plan, program-plan"
