"""Semantic lint: what a schema cannot catch, as a registry of rules."""

from .references import *  # noqa: F403
from .references import RULES, CheckInfo, Selection, all_checks, find_checks, resolve_codes, run_rules  # noqa: F401
