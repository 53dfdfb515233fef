#!/usr/bin/env python3
"""Build the `litellm` shim wheel: a metadata-only distribution named litellm whose one
requirement is ferrolite.

Packages that declare a hard `litellm` requirement (DSPy, langchain-litellm, ...) make pip
install the original litellm over ferrolite, since both own the `litellm/` folder. With the shim
installed, such a requirement is already satisfied: the shim says it is litellm 1.109.1 (the
release ferrolite follows), carries a `+ferrolite.<V>` local version label, installs no files
besides its dist-info and requires `ferrolite==<V>`. It declares every extra of litellm 1.109.1
with that extra's requirements, so `litellm[mcp]` and the like resolve too.

The extras come from scripts/litellm_extras.json (taken from litellm 1.109.1's METADATA; refresh
with --extras-from), so building needs no network.

    python3 scripts/build_shim.py [--out DIR] [--ferrolite-version V]

prints the path of the wheel it wrote. The output is byte-for-byte reproducible.
"""

import argparse
import base64
import hashlib
import json
import re
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRAS_FILE = Path(__file__).resolve().with_name("litellm_extras.json")
LITELLM_VERSION = "1.109.1"
# Every entry gets this timestamp, so the same inputs give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

DESCRIPTION = """\
This distribution stands in for litellm {litellm} so that packages which require litellm keep
ferrolite installed instead of pulling the original litellm back in. It holds no code: the
`litellm` package itself is ferrolite's, and this wheel's only requirement is ferrolite=={v}.
Its extras mirror litellm {litellm}'s, with the same requirements.

Note that `pip install -U litellm` (or an eager upgrade of a dependent) still replaces this
distribution with the original litellm, which then overwrites ferrolite's `litellm/` folder.
"""


def pyproject_version():
    """The [project] version from pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text()
    try:
        import tomllib
    except ImportError:  # Python 3.10
        section = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
        match = section and re.search(r'^version\s*=\s*"([^"]+)"', section.group(1), re.M)
        if not match:
            sys.exit("build_shim: no [project] version in pyproject.toml")
        return match.group(1)
    return tomllib.loads(text)["project"]["version"]


def local_label(version):
    """`ferrolite.<version>` as a PEP 440 local version label."""
    label = "ferrolite." + re.sub(r"[-_+]", ".", version.strip().lower())
    if not re.fullmatch(r"[a-z0-9]+(\.[a-z0-9]+)*", label):
        sys.exit(f"build_shim: ferrolite version {version!r} cannot form a local version label")
    return label


def load_extras():
    data = json.loads(EXTRAS_FILE.read_text())
    if data["litellm_version"] != LITELLM_VERSION:
        sys.exit(f"build_shim: {EXTRAS_FILE.name} describes litellm {data['litellm_version']}")
    return data


def extras_from_metadata(text):
    """The extras data held in a litellm METADATA file."""
    msg = Parser().parsestr(text, headersonly=True)
    requires = [r for r in msg.get_all("Requires-Dist", []) if "extra ==" in r]
    return {
        "litellm_version": msg["Version"],
        "source": "Provides-Extra and the extra-marked Requires-Dist of litellm's METADATA",
        "provides_extra": msg.get_all("Provides-Extra", []),
        "requires_dist": requires,
    }


def refresh_extras(path):
    """Rewrite litellm_extras.json from a litellm wheel or its METADATA file."""
    path = Path(path)
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            text = z.read(name).decode()
    else:
        text = path.read_text()
    data = extras_from_metadata(text)
    if data["litellm_version"] != LITELLM_VERSION:
        sys.exit(f"build_shim: {path} is litellm {data['litellm_version']}, not {LITELLM_VERSION}")
    EXTRAS_FILE.write_text(json.dumps(data, indent=1) + "\n")
    print(EXTRAS_FILE)


def metadata(ferrolite_version, version, extras):
    lines = [
        "Metadata-Version: 2.1",
        "Name: litellm",
        f"Version: {version}",
        f"Summary: Stands in for litellm {LITELLM_VERSION}: installs ferrolite, which provides "
        "the litellm package",
        "License: MIT",
        "Requires-Python: >=3.10",
        f"Requires-Dist: ferrolite=={ferrolite_version}",
    ]
    lines += [f"Requires-Dist: {r}" for r in extras["requires_dist"]]
    lines += [f"Provides-Extra: {e}" for e in extras["provides_extra"]]
    lines.append("Description-Content-Type: text/markdown")
    body = DESCRIPTION.format(litellm=LITELLM_VERSION, v=ferrolite_version)
    return "\n".join(lines) + "\n\n" + body


WHEEL = """\
Wheel-Version: 1.0
Generator: ferrolite scripts/build_shim.py
Root-Is-Purelib: true
Tag: py3-none-any
"""


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build(out_dir, ferrolite_version):
    version = f"{LITELLM_VERSION}+{local_label(ferrolite_version)}"
    dist_info = f"litellm-{version}.dist-info"
    files = {
        f"{dist_info}/METADATA": metadata(ferrolite_version, version, load_extras()).encode(),
        f"{dist_info}/WHEEL": WHEEL.encode(),
    }
    record = [record_line(p, d) for p, d in files.items()] + [f"{dist_info}/RECORD,,"]
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"litellm-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return wheel


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "dist"), help="output folder (default: dist/)")
    ap.add_argument(
        "--ferrolite-version", help="the ferrolite version to require (default: pyproject.toml's)"
    )
    ap.add_argument(
        "--extras-from",
        metavar="WHEEL_OR_METADATA",
        help="rewrite litellm_extras.json from litellm 1.109.1's wheel or METADATA, then exit",
    )
    args = ap.parse_args(argv)
    if args.extras_from:
        refresh_extras(args.extras_from)
        return
    print(build(args.out, args.ferrolite_version or pyproject_version()))


if __name__ == "__main__":
    main()
