"""Tests of the loader package, one file a module (its __init__: tests/unit/test_loader.py)."""
