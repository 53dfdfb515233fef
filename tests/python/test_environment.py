"""validate_environment and get_valid_models against the values litellm 1.109.1 gave
(tests/python/reference/environment.json)."""

import litellm
import pytest
import reference_cases as rc

DEVIATIONS = {
    "validate_environment/claude-3-5-sonnet-20240620/none": (
        "ferrolite routes this retired Claude id to anthropic; litellm resolves no provider"
    ),
    "validate_environment/claude-3-5-sonnet-20240620/openai-key": (
        "ferrolite routes this retired Claude id to anthropic; litellm resolves no provider"
    ),
}


@pytest.mark.parametrize("case", rc.params("environment", DEVIATIONS))
def test_recorded(case):
    rc.check(case)


def test_recorded_tally():
    compared, equal = rc.tally("environment")
    assert compared >= 150
    assert equal >= compared - len(DEVIATIONS)


def test_no_model():
    assert litellm.validate_environment() == {"keys_in_environment": False, "missing_keys": []}
