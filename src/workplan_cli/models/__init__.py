"""The plan file format: pydantic models of the two kinds of plan file."""

from .committee import *  # noqa: F403
