"""loader/roundtrip.py: ruamel.yaml's round-trip parser, which keeps comments and key order."""

from __future__ import annotations

from conftest import write


def test_reused_anchor_name_prints_no_python_warning(tmp_path, committee_text):
    import subprocess
    import sys

    path = write(tmp_path, "p.yaml", committee_text.replace("functions: To test.", "functions: &f [&f x, *f]"))
    script = "import sys; from workplan_cli.main import run; sys.argv = ['workplan', 'validate', sys.argv[1]]; run()"
    result = subprocess.run([sys.executable, "-W", "default", "-c", script, str(path)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        f"{path}:31:12: error WP012 functions: expected text, got a list\nFound 1 error and 0 warnings in 1 file.\n"
    )
