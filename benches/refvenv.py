"""The reference litellm 1.109.1 virtualenv at benches/.ref-venv (stdlib only, idempotent).

    python3 benches/refvenv.py          # create it if missing; prints its python

litellm 1.109.1 pins a certifi release the registry lacks, and a plain resolve picks
huggingface-hub / importlib-metadata versions it does not allow. The frozen package set in
REQUIREMENTS installs with --no-deps and is exactly what the reference was observed with.
Run litellm with REFERENCE_ENV (no network at import).
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REF_VENV = HERE / ".ref-venv"
REFERENCE = "litellm==1.109.1"
REQUIREMENTS = Path(
    os.environ.get(
        "FERROLITE_REFERENCE_REQUIREMENTS",
        HERE.parent.parent / "shared" / "reference" / "litellm-1.109.1-requirements.txt",
    )
)
# Environment under which the reference litellm imports without touching the network.
REFERENCE_ENV = {"LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR"}
_STAMP = REF_VENV / ".ferrolite-reference"


def python():
    """Path of the reference venv's interpreter (whether or not it exists yet)."""
    return REF_VENV / "bin" / "python"


def _run(cmd):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    subprocess.run([str(c) for c in cmd], check=True)


def ensure():
    """Create and fill the venv unless a complete one is already there; returns its python."""
    stamp = f"{REFERENCE}\n{REQUIREMENTS.read_text() if REQUIREMENTS.exists() else ''}"
    if _STAMP.exists() and _STAMP.read_text() == stamp and python().exists():
        return python()
    if not REQUIREMENTS.exists():
        raise SystemExit(
            f"{REQUIREMENTS} not found (set FERROLITE_REFERENCE_REQUIREMENTS to the frozen set)"
        )
    if not python().exists():
        _run([sys.executable, "-m", "venv", REF_VENV])
    _run([python(), "-m", "pip", "install", "-q", "--no-deps", "-r", REQUIREMENTS])
    _run([python(), "-m", "compileall", "-q", REF_VENV / "lib"])
    _STAMP.write_text(stamp)
    return python()


if __name__ == "__main__":
    print(ensure())
