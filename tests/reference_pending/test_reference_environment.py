"""ferrolite against litellm 1.109.1's recorded behaviour: environment (tests/python/reference/environment.json).

Every recorded case is replayed through the same litellm API and must give the same result.
Regenerate the recording with `python3 scripts/record_reference.py environment`."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python" / "reference"))
import replay  # noqa: E402

DOC = replay.load_topic("environment")

# Case id -> why ferrolite is expected to differ (each runs as a strict xfail).
KNOWN_DEVIATIONS = {}


@pytest.mark.parametrize("case", replay.params(DOC, KNOWN_DEVIATIONS))
def test_matches_litellm(case, request):
    replay.check(case, request)
