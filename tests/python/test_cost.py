"""completion_cost and cost_per_token against the values litellm 1.109.1 gave
(tests/python/reference/cost.json), plus the run-time catalog they price from."""

import litellm
import pytest
import reference_cases as rc

_ROUTES_BARE = (
    "ferrolite routes this bare name (a Claude id that left the map, DeepSeek's own name); "
    "litellm 1.109.1 raises 'LLM Provider NOT provided' (docs/compatibility.md)"
)
_GLOBAL_PRICES = (
    "litellm's completion(input_cost_per_token=...) rewrites litellm.model_cost for later calls; "
    "ferrolite keeps per-call prices to that call"
)


def _deviation(case):
    cid = case["id"]
    if "claude-3-5-sonnet-20240620" in cid and not cid.startswith(
        ("cost_per_token/bedrock", "cost_per_token/anthropic")
    ):
        if "us.anthropic" not in cid and "anthropic.claude" not in cid:
            return _ROUTES_BARE
    if cid.startswith("cost_per_token/deepseek-chat/"):
        return _ROUTES_BARE
    if cid.startswith("completion-mock-custom-prices/after/") or cid == (
        "completion-mock-custom-prices/completion_cost-of-response"
    ):
        return _GLOBAL_PRICES
    if cid == "completion_cost/response/no-model":
        return "the message shows the response's repr, which differs"
    return None


@pytest.mark.parametrize("case", rc.params("cost", _deviation))
def test_recorded(case):
    rc.check(case)


def test_recorded_tally():
    compared, equal = rc.tally("cost")
    assert compared >= 300
    assert equal >= 350, (equal, compared)


def test_entry_points():
    import litellm.cost_calculator as cc

    assert litellm.completion_cost is cc.completion_cost
    assert litellm.cost_per_token is cc.cost_per_token


def test_reasoning_and_cached_tokens():
    usage = litellm.Usage(
        prompt_tokens=1000,
        completion_tokens=500,
        total_tokens=1500,
        prompt_tokens_details={"cached_tokens": 400},
        completion_tokens_details={"reasoning_tokens": 300},
    )
    p, c = litellm.cost_per_token(
        model="o1", usage_object=usage, prompt_tokens=1000, completion_tokens=500
    )
    info = litellm.model_cost["o1"]
    want_p = 600 * info["input_cost_per_token"] + 400 * info["cache_read_input_token_cost"]
    want_c = 500 * info["output_cost_per_token"]
    assert p == pytest.approx(want_p) and c == pytest.approx(want_c)


def test_custom_cost_per_token_needs_no_catalog_entry():
    prices = {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    assert litellm.cost_per_token(
        model="nobody/knows", prompt_tokens=10, completion_tokens=5, custom_cost_per_token=prices
    ) == pytest.approx((1e-5, 1e-5))


def test_model_cost_changes_reach_pricing():
    litellm.model_cost["my-priced-model"] = {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": 1e-6,
        "output_cost_per_token": 2e-6,
    }
    try:
        assert litellm.cost_per_token(
            model="my-priced-model", prompt_tokens=100, completion_tokens=10
        ) == pytest.approx((1e-4, 2e-5))
        litellm.model_cost["my-priced-model"]["output_cost_per_token"] = 4e-6
        assert litellm.cost_per_token(
            model="my-priced-model", prompt_tokens=100, completion_tokens=10
        )[1] == pytest.approx(4e-5)
    finally:
        del litellm.model_cost["my-priced-model"]
    with pytest.raises(Exception):  # noqa: B017 - unknown once removed (provider or not mapped)
        litellm.cost_per_token(model="my-priced-model", prompt_tokens=1, completion_tokens=1)
