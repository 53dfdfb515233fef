"""ferrolite against litellm 1.109.1's recorded behaviour: behaviours (tests/python/reference/behaviours.json).

Every recorded case is replayed through the same litellm API and must give the same result.
Regenerate the recording with `python3 scripts/record_reference.py behaviours`."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python" / "reference"))
import replay  # noqa: E402

DOC = replay.load_topic("behaviours")

_CONTENT_POLICY = (
    "docs/compatibility.md, deviation 10: an OpenAI 400 with code content_policy_violation "
    "raises ContentPolicyViolationError (litellm 1.109.1: its parent BadRequestError)"
)

# Case id -> why ferrolite is expected to differ (each runs as a strict xfail).
KNOWN_DEVIATIONS = {
    "http_failure/openai/content-policy": _CONTENT_POLICY,
}


@pytest.mark.parametrize("case", replay.params(DOC, KNOWN_DEVIATIONS))
def test_matches_litellm(case, request):
    replay.check(case, request)
