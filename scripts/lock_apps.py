#!/usr/bin/env python3
"""Pin each application of the app suite: tests/apps/<app>/requirements.in ->
tests/apps/<app>/requirements.lock.

Every app is resolved the way a user would install it beside ferrolite: its requirements.in,
the test tools (tests/apps/requirements-test.in) and `litellm==<the shim's version>`, with the
shim wheel and a stand-in ferrolite wheel (metadata only, same version and dependencies) on
--find-links. The resolve is `pip install --dry-run --ignore-installed --report` in a throwaway
venv of this Python (3.11, the suite's interpreter) with a pinned pip. The lock lists every
resolved distribution but litellm and ferrolite (tests/apps/run.sh installs those from the
ferrolite wheel and the shim), one `name==version` a line, sorted: the same resolve gives the
same file.

    python3 scripts/lock_apps.py [APP ...]     # default: every tests/apps/*/requirements.in
    python3 scripts/lock_apps.py --check       # exit 1 if a lock is not what its .in resolves to

Needs the package index (PyPI); the result depends on what it holds on the day.
"""

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ROOT / "tests" / "apps"
TEST_REQUIREMENTS = APPS / "requirements-test.in"
PIP_VERSION = "26.3"
PYTHON = (3, 11)


def load_build_shim():
    spec = importlib.util.spec_from_file_location("build_shim", ROOT / "scripts" / "build_shim.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def ferrolite_dependencies():
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"].get("dependencies", [])


def standin_ferrolite(out_dir, version):
    """A metadata-only ferrolite wheel: the resolver needs ferrolite's requirements, not its code."""
    dist_info = f"ferrolite-{version}.dist-info"
    meta = [
        "Metadata-Version: 2.1",
        "Name: ferrolite",
        f"Version: {version}",
        "Requires-Python: >=3.10",
    ]
    meta += [f"Requires-Dist: {r}" for r in ferrolite_dependencies()]
    wheel = Path(out_dir) / f"ferrolite-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(f"{dist_info}/METADATA", "\n".join(meta) + "\n")
        z.writestr(
            f"{dist_info}/WHEEL",
            "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        z.writestr(f"{dist_info}/RECORD", "")
    return wheel


def requirement_lines(path):
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def resolve(pip, app_dir, links, shim_version, tmp):
    report = Path(tmp) / f"{app_dir.name}.json"
    cmd = [
        *pip,
        "install",
        "--quiet",
        "--dry-run",
        "--ignore-installed",
        "--report",
        str(report),
        "--find-links",
        str(links),
        "-r",
        str(app_dir / "requirements.in"),
        "-r",
        str(TEST_REQUIREMENTS),
        f"litellm=={shim_version}",
    ]
    subprocess.run(cmd, check=True)
    installed = json.loads(report.read_text())["install"]
    pins = {}
    for item in installed:
        name = canonical(item["metadata"]["name"])
        if name not in ("litellm", "ferrolite"):
            pins[name] = item["metadata"]["version"]
    return pins


def render(app_dir, pins, shim_version):
    header = [
        f"# Pinned by scripts/lock_apps.py for CPython {PYTHON[0]}.{PYTHON[1]} on Linux x86_64"
        f" (pip {PIP_VERSION}); do not edit.",
        f"# Resolved: {' '.join(requirement_lines(app_dir / 'requirements.in'))}"
        f" + {' '.join(requirement_lines(TEST_REQUIREMENTS))} + litellm=={shim_version} (the shim).",
        "# Without litellm and ferrolite: tests/apps/run.sh installs the ferrolite wheel and the shim.",
    ]
    body = [f"{name}=={pins[name]}" for name in sorted(pins)]
    return "\n".join(header + body) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("apps", nargs="*", help="app folder names under tests/apps (default: all)")
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args(argv)
    if sys.version_info[:2] != PYTHON:
        sys.exit(f"lock_apps: run this with Python {PYTHON[0]}.{PYTHON[1]} (the suite's)")

    app_dirs = sorted(p.parent for p in APPS.glob("*/requirements.in"))
    if args.apps:
        wanted = set(args.apps)
        app_dirs = [d for d in app_dirs if d.name in wanted]
        missing = wanted - {d.name for d in app_dirs}
        if missing:
            sys.exit(f"lock_apps: no tests/apps/<app>/requirements.in for {sorted(missing)}")

    shim = load_build_shim()
    version = shim.pyproject_version()
    shim_version = f"{shim.LITELLM_VERSION}+{shim.local_label(version)}"
    stale = []
    with tempfile.TemporaryDirectory(prefix="ferrolite-lock-") as tmp:
        links = Path(tmp) / "links"
        shim.build(links, version)
        standin_ferrolite(links, version)
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        pip = [str(env_dir / "bin" / "python"), "-m", "pip"]
        subprocess.run([*pip, "install", "--quiet", f"pip=={PIP_VERSION}"], check=True)
        for app_dir in app_dirs:
            text = render(app_dir, resolve(pip, app_dir, links, shim_version, tmp), shim_version)
            lock = app_dir / "requirements.lock"
            if args.check:
                if not lock.exists() or lock.read_text() != text:
                    stale.append(str(lock.relative_to(ROOT)))
                continue
            lock.write_text(text)
            print(f"{lock.relative_to(ROOT)}: {text.count(chr(10)) - 3} packages")
    if stale:
        sys.exit("lock_apps: stale: " + ", ".join(stale))


if __name__ == "__main__":
    main()
