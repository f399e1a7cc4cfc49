"""What the command line keeps between runs: compiled validators and compiled templates.

Before a model validates anything, pydantic turns its annotations into a core
schema and compiles that into a validator: about 20 ms for each kind of plan,
in every process, a fifth of what `workplan validate data/` costs beyond the
CLI framework.  Jinja likewise compiles every template to Python before it
renders: about 0.2 s for the HTML page's templates.  Both depend only on
workplan's code and the versions of Python and the libraries, so the command
line keeps them between runs, as Python keeps its bytecode, in

* ``$WORKPLAN_CACHE_DIR`` when it is set (set it empty to keep nothing);
* else, for the command line, ``$XDG_CACHE_HOME/workplan`` or
  ``~/.cache/workplan`` (``%LOCALAPPDATA%\\workplan`` on Windows).

A validator is a pickled `pydantic_core.SchemaValidator` per model, used only
when its key (a hash of `models.py`, the versions and the model's name) is
the one this process would write.  A template is Jinja's own bytecode cache
(`jinja2.FileSystemBytecodeCache`), keyed by the template's name, file and
source, salted with a hash of `templating.py` and the versions.  Either is read
only from a folder that only its owner can write to (what is read is
unpickled or executed).  Anything else (no folder, another key, a truncated
or unreadable file, a read-only disk) means compiling afresh, and writing
the result back when the folder allows; the answer is the same either way.
Library calls use the disk only where ``WORKPLAN_CACHE_DIR`` says so:
importing or calling workplan writes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

ENVIRONMENT_VARIABLE = "WORKPLAN_CACHE_DIR"

# Set by the command line (`main.run`): the folder used when the environment names none.
_default_directory: Path | None = None
# In this process: {model class: validator}.
_validators: dict[type, Any] = {}
_key_prefix: bytes | None = None


def default_directory() -> Path:
    """Where the command line keeps what it compiled when ``WORKPLAN_CACHE_DIR`` is not set."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "workplan"
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "workplan"


def use_default_directory() -> None:
    """Keep what is compiled in `default_directory()` unless ``WORKPLAN_CACHE_DIR`` says otherwise (the CLI's choice)."""
    global _default_directory
    try:
        _default_directory = default_directory()
    except RuntimeError:  # no home directory to be found
        _default_directory = None


def cache_directory() -> Path | None:
    """The folder compiled validators and templates are read from and written to, or None for none."""
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    if named is not None:
        return Path(named) if named else None
    return _default_directory


def validator_for(model: type) -> Any:
    """The `SchemaValidator` of a plan model or agenda dataclass: from this process, the disk, or built."""
    found = _validators.get(model)
    if found is None:
        found = _validators[model] = _load_or_build(model)
    return found


def _load_or_build(model: type) -> Any:
    directory = cache_directory()
    path = key = None
    if directory is not None:
        key = _key(model)
        path = directory / f"{model.__name__}.validator"
        found = _read(path, key)
        if found is not None:
            return found
    validator = _build(model)
    if path is not None and key is not None:
        _write(path, key, validator)
    return validator


def _build(model: type) -> Any:
    """The validator pydantic builds for ``model`` (a model or a pydantic dataclass)."""
    from pydantic import BaseModel
    from pydantic.dataclasses import rebuild_dataclass

    if isinstance(model, type) and issubclass(model, BaseModel):
        model.model_rebuild()
    else:
        rebuild_dataclass(model)  # type: ignore[arg-type]  # an agenda dataclass
    return model.__pydantic_validator__  # type: ignore[attr-defined]


def _key(model: type) -> bytes:
    """What a kept validator must have been built from: models.py, Python, pydantic, and the model's name."""
    global _key_prefix
    if _key_prefix is None:
        import pydantic
        import pydantic_core

        from . import models

        digest = hashlib.sha256()
        digest.update(Path(models.__file__).read_bytes())
        for part in (sys.version, pydantic.VERSION, pydantic_core.__version__, pickle.HIGHEST_PROTOCOL):
            digest.update(b"\0" + str(part).encode())
        _key_prefix = digest.digest()
    return _key_prefix + model.__qualname__.encode()


def _private(directory: Path) -> bool:
    """True for a folder of this user's that nobody else can write to (what is read from it is unpickled)."""
    try:
        info = directory.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _private_folder(directory: Path) -> bool:
    """`_private`, once the folder is made (for this user only) if it is missing."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return _private(directory)


def _read(path: Path, key: bytes) -> Any:
    from pydantic_core import SchemaError, SchemaValidator

    if not _private(path.parent):
        return None
    try:
        with path.open("rb") as file:
            if file.read(len(key)) != key:
                return None
            validator = pickle.load(file)
    # What a stale, truncated or foreign file can raise on unpickling (the
    # last three: a schema this pydantic-core cannot rebuild); any of them
    # means building the validator afresh, and writing it back.
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        IndexError,
        KeyError,
        TypeError,
        ValueError,
        SchemaError,
    ):
        return None
    return validator if isinstance(validator, SchemaValidator) else None


def _write(path: Path, key: bytes, validator: Any) -> None:
    """Keep ``validator`` at ``path``, whole or not at all; a folder that cannot take it is left as it is."""
    from pydantic_core import SchemaValidator

    if type(validator) is not SchemaValidator:  # a pydantic plugin's wrapper: not ours to keep
        return
    directory = path.parent
    if not _private_folder(directory):
        return
    try:
        data = key + pickle.dumps(validator, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def template_cache(salt: str) -> Any:
    """A Jinja bytecode cache in the cache folder, or None when there is no private folder to keep one in.

    ``salt`` names what the compiled code depends on besides the template's
    own source (the environment's settings): a template compiled under other
    settings is never read back.
    """
    directory = cache_directory()
    if directory is None or not _private_folder(directory):
        return None
    import jinja2

    class _Salted(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            return super().get_cache_key(f"{salt}\0{name}", filename)

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:  # a damaged file: compiled afresh, and written again
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:  # a full or read-only disk: the next run compiles again
                super().dump_bytecode(bucket)
            except OSError:
                return

    return _Salted(str(directory), "%s.template")


def source_salt(*files: str) -> str:
    """A hash of these source files and the versions of Python and Jinja: what a compiled template depends on."""
    import jinja2

    from . import __version__

    digest = hashlib.sha256()
    for name in files:
        digest.update(Path(name).read_bytes())
    for part in (sys.version, jinja2.__version__, __version__):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()[:32]
