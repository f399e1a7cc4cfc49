"""Tests of the project as a whole: the docs, the wheel, the layout of the tests."""
