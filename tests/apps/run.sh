#!/usr/bin/env bash
# The application suite: every app under tests/apps/<app>/ in a fresh venv holding its pinned
# requirements (--no-deps -r requirements.lock), the ferrolite wheel and the litellm shim, its
# tests run against the loopback mock; then one fresh resolve from the index (the shim and
# ferrolite installed first, then DSPy) must keep ferrolite. Exits non-zero if anything failed.
#
#   bash tests/apps/run.sh [WHEEL_DIR]
#   bash tests/apps/run.sh --reference
#
# WHEEL_DIR holds the ferrolite wheel to test; without it one is built (maturin build --profile
# dev, which reuses what `maturin develop` compiled). --reference runs the same app tests on the
# original litellm 1.109.1 from the index instead (no ferrolite, no shim, no resolve step): the
# check that the tests ask only what litellm itself does. APPS="dspy crewai" runs a subset;
# PYTHON picks the interpreter (the locks are for Python 3.11). The venvs live in a temp dir
# and are removed; pip's download cache is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
python=${PYTHON:-python3}
started=$SECONDS
export PIP_DISABLE_PIP_VERSION_CHECK=1

reference=0
if [ "${1:-}" = --reference ]; then
    reference=1
    shift
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ferrolite-apps.XXXXXX")
trap 'rm -rf "$work"' EXIT
wheels=$work/wheels
mkdir -p "$wheels"

if [ "$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" != 3.11 ]; then
    echo "warning: the app locks are for Python 3.11; $python is not" >&2
fi

if [ "$reference" = 1 ]; then
    echo "== reference: the original litellm 1.109.1"
else
    if [ -n "${1:-}" ]; then
        wheel=$(ls -t "$1"/ferrolite-*.whl 2>/dev/null | head -n 1 || true)
        if [ -z "$wheel" ]; then
            echo "no ferrolite-*.whl in $1" >&2
            exit 2
        fi
        cp "$wheel" "$wheels/"
    else
        maturin=maturin
        command -v maturin >/dev/null || maturin=$root/.venv/bin/maturin
        "$maturin" build --quiet --profile dev --out "$wheels"
    fi
    wheel=$(ls "$wheels"/ferrolite-*.whl)
    version=$(basename "$wheel" | cut -d- -f2)
    shim=$("$python" scripts/build_shim.py --out "$wheels" --ferrolite-version "$version")
    shim_version=$(basename "$shim" | cut -d- -f2)
    echo "== ferrolite $(basename "$wheel"), shim $(basename "$shim")"
fi

cargo build --quiet --bin ferrolite-mock
export FERROLITE_MOCK=${FERROLITE_MOCK:-$root/target/debug/ferrolite-mock}

# The original litellm's own requirements, less certifi: 1.109.1 pins a certifi release the
# index does not have.
REFERENCE_REQUIREMENTS='
import importlib.metadata as md
from pip._vendor.packaging.requirements import Requirement

for line in md.requires("litellm"):
    req = Requirement(line)
    if req.name != "certifi" and (req.marker is None or req.marker.evaluate({"extra": ""})):
        print(line.split(";")[0].strip())
'

# Installs the litellm under test into venv $1: ferrolite and the shim, or the original.
install_litellm() {
    if [ "$reference" = 0 ]; then
        "$1/bin/python" -m pip install --quiet --no-deps "$wheel" "$shim"
        return
    fi
    "$1/bin/python" -m pip install --quiet --no-deps litellm==1.109.1
    "$1/bin/python" -c "$REFERENCE_REQUIREMENTS" >"$1/litellm-requirements.txt"
    "$1/bin/python" -m pip install --quiet -r "$1/litellm-requirements.txt"
}

failed=()
apps=${APPS:-$(cd tests/apps && for d in */requirements.lock; do echo "${d%%/*}"; done)}
for app in $apps; do
    venv=$work/venv-$app
    t0=$SECONDS
    "$python" -m venv "$venv"
    if ! { "$venv/bin/python" -m pip install --quiet --no-deps \
        -r "tests/apps/$app/requirements.lock" && install_litellm "$venv"; }; then
        echo "== $app: FAILED to install"
        failed+=("$app")
        continue
    fi
    echo "== $app: installed in $((SECONDS - t0)) s"
    t1=$SECONDS
    ok=1
    if [ "$reference" = 0 ]; then
        "$venv/bin/python" -m pip check || ok=0
    fi
    "$venv/bin/python" -m pytest "tests/apps/$app" -q -p no:cacheprovider --tb=short || ok=0
    echo "== $app: tests in $((SECONDS - t1)) s"
    [ "$ok" = 1 ] || failed+=("$app")
    rm -rf "$venv"
done

# A fresh resolve: with ferrolite and the shim installed from their folder, installing a package
# that requires litellm must keep both (no original litellm from the index) and stay consistent.
CHECK_KEPT='
import importlib.metadata as md
import sys

import litellm
import litellm._engine  # only ferrolite has it: the litellm package on disk is ferrolite-owned

version = md.version("litellm")
assert version == sys.argv[1], version
assert "litellm/__init__.py" in {str(f) for f in md.distribution("ferrolite").files}
print("litellm", version, "beside dspy", md.version("dspy"), "- ferrolite kept")
'
if [ "$reference" = 0 ]; then
    t0=$SECONDS
    venv=$work/venv-resolve
    dspy_pin=$(grep -v '^#' tests/apps/dspy/requirements.in | head -n 1)
    "$python" -m venv "$venv"
    if "$venv/bin/python" -m pip install --quiet --find-links "$wheels" "litellm==$shim_version" &&
        "$venv/bin/python" -m pip install --quiet "$dspy_pin" &&
        "$venv/bin/python" -m pip check &&
        "$venv/bin/python" -W error::UserWarning -c "$CHECK_KEPT" "$shim_version"; then
        echo "== resolve ($dspy_pin from the index): passed in $((SECONDS - t0)) s"
    else
        echo "== resolve ($dspy_pin from the index): FAILED"
        failed+=("resolve")
    fi
fi

echo "== app suite: $((SECONDS - started)) s"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "== FAILED: ${failed[*]}"
    exit 1
fi
echo "== all passed"
