"""The litellm shim wheel (scripts/build_shim.py) and the shadowing warning's view of it."""

import base64
import hashlib
import importlib.util
import json
import subprocess
import sys
import warnings
import zipfile
from email.parser import Parser

import pytest
from conftest import ROOT, run_python

SCRIPT = ROOT / "scripts" / "build_shim.py"
EXTRAS = json.loads((ROOT / "scripts" / "litellm_extras.json").read_text())


def _load_script():
    spec = importlib.util.spec_from_file_location("build_shim", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _build(out, *args):
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return out / proc.stdout.strip().rsplit("/", 1)[-1]


def _metadata(wheel):
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith("/METADATA"))
        return Parser().parsestr(z.read(name).decode())


def test_shim_wheel_layout_and_metadata(tmp_path):
    wheel = _build(tmp_path, "--ferrolite-version", "0.7.2")
    assert wheel.name == "litellm-1.109.1+ferrolite.0.7.2-py3-none-any.whl"
    dist_info = "litellm-1.109.1+ferrolite.0.7.2.dist-info"
    with zipfile.ZipFile(wheel) as z:
        names = sorted(z.namelist())
        assert names == [f"{dist_info}/{f}" for f in ("METADATA", "RECORD", "WHEEL")]
        record = z.read(f"{dist_info}/RECORD").decode().splitlines()
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            if path.endswith("/RECORD"):
                assert (digest, size) == ("", "")
                continue
            data = z.read(path)
            want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == "sha256=" + want.decode()
            assert int(size) == len(data)
        assert sorted(line.split(",")[0] for line in record) == names
        wheel_file = z.read(f"{dist_info}/WHEEL").decode()
    assert "Root-Is-Purelib: true" in wheel_file and "Tag: py3-none-any" in wheel_file

    meta = _metadata(wheel)
    assert (meta["Name"], meta["Version"]) == ("litellm", "1.109.1+ferrolite.0.7.2")
    requires = meta.get_all("Requires-Dist")
    assert [r for r in requires if "extra ==" not in r] == ["ferrolite==0.7.2"]
    assert sorted(r for r in requires if "extra ==" in r) == sorted(EXTRAS["requires_dist"])
    extras = meta.get_all("Provides-Extra")
    assert extras == EXTRAS["provides_extra"]
    assert {"mcp", "proxy", "cli"} <= set(extras)
    assert any(r.startswith("mcp>=") and "extra == 'mcp'" in r for r in requires)


def test_shim_defaults_to_pyproject_version_and_is_reproducible(tmp_path):
    version = _load_script().pyproject_version()
    a = _build(tmp_path / "a")
    b = _build(tmp_path / "b")
    assert a.name == f"litellm-1.109.1+ferrolite.{version}-py3-none-any.whl"
    assert a.read_bytes() == b.read_bytes()
    assert _metadata(a).get_all("Requires-Dist")[0] == f"ferrolite=={version}"


def test_extras_data_matches_litellm_metadata():
    mod = _load_script()
    text = "Metadata-Version: 2.4\nName: litellm\nVersion: 1.109.1\n"
    text += "".join(f"Requires-Dist: {r}\n" for r in ["openai>=2", *EXTRAS["requires_dist"]])
    text += "".join(f"Provides-Extra: {e}\n" for e in EXTRAS["provides_extra"])
    assert mod.extras_from_metadata(text) == EXTRAS


def _fake_site(tmp_path, *dist_infos):
    site = tmp_path / "site"
    (site / "litellm").mkdir(parents=True)
    (site / "litellm" / "__init__.py").write_text("")
    for name in dist_infos:
        (site / name).mkdir()
    return str(site / "litellm" / "__init__.py")


def _warnings_of(init_file):
    from litellm import _lazy

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _lazy.warn_if_shadowed(init_file)
    return [str(w.message) for w in caught]


def test_shim_dist_info_does_not_warn(tmp_path):
    init = _fake_site(tmp_path, "litellm-1.109.1+ferrolite.0.1.0.dist-info", "x-1.dist-info")
    assert _warnings_of(init) == []


def test_original_litellm_still_warns(tmp_path):
    init = _fake_site(tmp_path, "litellm-1.109.1.dist-info")
    [message] = _warnings_of(init)
    assert "litellm-1.109.1.dist-info" in message


def test_original_beside_shim_warns(tmp_path):
    init = _fake_site(
        tmp_path, "litellm-1.109.1+ferrolite.0.1.0.dist-info", "litellm-1.110.2.dist-info"
    )
    [message] = _warnings_of(init)
    assert "litellm-1.110.2.dist-info" in message


@pytest.mark.timeout(120)
def test_pip_installed_shim_is_recognised(tmp_path):
    """pip names the installed dist-info after the local version, which is what the check reads."""
    wheel = _build(tmp_path / "wheels")
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
        + ["--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    installed = sorted(p.name for p in site.iterdir())
    assert installed == [wheel.name.split("-py3")[0] + ".dist-info"]
    (site / "litellm").mkdir()
    (site / "litellm" / "__init__.py").write_text("")
    assert _warnings_of(str(site / "litellm" / "__init__.py")) == []


def test_import_does_not_load_importlib_metadata():
    proc = run_python("import sys, litellm; print('importlib.metadata' in sys.modules)")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
