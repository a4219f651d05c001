import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "corpus" / "000_c1200b36e2ca91ff.txt"
SAMPLE_DATE = "2020-02-28"  # the page is from late February 2020; it carries no date line


def run_zhkg(*args, cwd=None):
    """Run the zhkg command as a user would, in a fresh process."""
    return subprocess.run([sys.executable, "-m", "graph.cli", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample page built once, with the HTML view, as `make demo` does."""
    out = tmp_path_factory.mktemp("sample")
    result = run_zhkg("build", SAMPLE, "-o", out, "--date", SAMPLE_DATE)
    assert result.returncode == 0, result.stderr
    return out, result.stdout
