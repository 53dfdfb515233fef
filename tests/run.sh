#!/usr/bin/env bash
# Install ferrolite and its test tools into ./.venv, then run every test: the Rust unit and
# integration tests, then the Python suite against the loopback mock provider.
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

# The application suite (tests/apps/): each app in its own venv with ferrolite and the shim.
# Off by default until the litellm features those apps use have landed.
if [ "${FERROLITE_APPS:-0}" = 1 ]; then
    bash tests/apps/run.sh
fi
