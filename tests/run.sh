#!/usr/bin/env bash
# Install ferrolite and its test tools into ./.venv, then run every test: the Rust unit and
# integration tests, then the Python suite against the loopback mock provider, twice: with
# pydantic and openai installed (./.venv), then without them (./.venv-bare, where the light
# response classes and the stand-in exceptions serve).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet "maturin>=1.7,<2" pytest pytest-timeout openai pydantic ruff

# One debug build serves everything: the engine, its tests and the mock provider.
cargo build --quiet --bin ferrolite-mock
maturin develop --quiet
cargo test --quiet --all-targets
python -m pytest tests/python -q -p no:cacheprovider "$@"

# The second run uses the same build: `maturin build` only repackages what `maturin develop`
# compiled (no recompilation) into a wheel for a venv holding nothing but the test tools.
wheel_dir=target/bare-wheel
rm -rf "$wheel_dir"
maturin build --quiet --profile dev --out "$wheel_dir"
python3 -m venv .venv-bare
.venv-bare/bin/python -m pip install --quiet --upgrade pip
.venv-bare/bin/python -m pip install --quiet pytest pytest-timeout
.venv-bare/bin/python -m pip install --quiet --force-reinstall --no-deps "$wheel_dir"/ferrolite-*.whl
if .venv-bare/bin/python -c "import pydantic" 2>/dev/null || .venv-bare/bin/python -c "import openai" 2>/dev/null; then
    echo "tests/run.sh: .venv-bare must hold neither pydantic nor openai" >&2
    exit 1
fi
.venv-bare/bin/python -m pytest tests/python -q -p no:cacheprovider "$@"

# The application suite (tests/apps/): each app in its own venv with the same wheel and the
# litellm shim. CI runs it (FERROLITE_APPS=1); it installs each app's pinned packages.
if [ "${FERROLITE_APPS:-0}" = 1 ]; then
    bash tests/apps/run.sh "$wheel_dir"
fi
