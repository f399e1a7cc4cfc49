"""Tests of the cli package, one file a module (a package, so that their names may be those of the modules they test)."""
