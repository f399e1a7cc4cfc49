"""workplan: keep committee work plans as YAML, prove them correct, publish them."""

__version__ = "0.1.0"
