"""Fixtures for the comparison tests against the recorded litellm 1.109.1 behaviour.

These files live here until the features they cover land; then they move to tests/python,
whose conftest provides the same `mock` fixture (this one reuses it)."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "ferrolite_tests_python_conftest",
    Path(__file__).resolve().parents[1] / "python" / "conftest.py",
)
_python_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_python_conftest)

mock = _python_conftest.mock
