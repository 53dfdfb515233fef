"""The capability helpers, get_supported_openai_params, get_max_tokens and get_model_info
against the values litellm 1.109.1 gave for 300 catalog models
(tests/python/reference/capabilities.json), and litellm.model_cost changes reaching them.
get_llm_provider cases of the same file belong to routing (test_reference_routing)."""

import litellm
import pytest
import reference_cases as rc

# Where ferrolite knowingly differs: provider routing of bare or prefixed names (retired Claude
# ids, DeepSeek's own names, AI21 and gpt-image size prefixes route differently), and models
# litellm answers from provider servers or provider-wide defaults.
DEVIATIONS = {
    "fallback/claude-3-5-sonnet/get_model_info",
    "model/1024-x-1024/gpt-image-1.5/get_max_tokens",
    "model/1024-x-1024/gpt-image-1.5/supports_pdf_input",
    "model/1024-x-1024/gpt-image-1.5/supports_vision",
    "model/ai21/j2-light/get_model_info",
    "model/aihubmix/agnes-2.5-flash/supports_reasoning",
    "model/aihubmix/agnes-2.5-flash/supports_vision",
    "model/claude-3-5-sonnet-20240620/get_model_info",
    "model/deepseek-chat/supports_function_calling",
    "model/deepseek-chat/supports_parallel_function_calling",
    "model/deepseek-chat/supports_prompt_caching",
    "model/deepseek-chat/supports_response_schema",
    "model/deepseek-chat/supports_system_messages",
    "model/deepseek-chat/supports_tool_choice",
    "model/deepseek-v3-2-251201/supports_function_calling",
    "model/deepseek-v3-2-251201/supports_prompt_caching",
    "model/deepseek-v3-2-251201/supports_reasoning",
    "model/deepseek-v3-2-251201/supports_tool_choice",
    "model/doubao-embedding/get_max_tokens",
    "model/fireworks_ai/accounts/fireworks/models/chronos-hermes-13b-v2/get_model_info",
    "model/fireworks_ai/fireworks-ai-4.1b-to-16b/get_model_info",
    "model/gemini-2.0-flash-exp-image-generation/supports_vision",
    "model/gemini-exp-1206/supports_function_calling",
    "model/gemini-exp-1206/supports_parallel_function_calling",
    "model/gemini-exp-1206/supports_pdf_input",
    "model/gemini-exp-1206/supports_prompt_caching",
    "model/gemini-exp-1206/supports_reasoning",
    "model/gemini-exp-1206/supports_response_schema",
    "model/gemini-exp-1206/supports_system_messages",
    "model/gemini-exp-1206/supports_tool_choice",
    "model/gemini-exp-1206/supports_vision",
    "model/gemini-exp-1206/supports_web_search",
    "model/llamagate/codellama-7b/supports_function_calling",
    "model/llamagate/codellama-7b/supports_response_schema",
    "model/llamagate/nomic-embed-text/get_max_tokens",
    "model/sarvam/sarvam-m/supports_reasoning",
}  # fmt: skip

_OURS = (
    "litellm.supports_",
    "litellm.utils.supports_",
    "litellm.get_max_tokens",
    "litellm.get_model_info",
    "litellm.get_supported_openai_params",
)


def _ours(case):
    return (case.get("call") or "").startswith(_OURS)


# get_supported_openai_params answers from litellm's lists recorded per catalog key and per
# provider (src/providers/supported_params.json). Where litellm's answer for a provider-prefixed
# name, a provider-qualified call or a name routed differently is not the recorded key's or
# provider's list (and get_model_info carries that list), ferrolite knowingly differs.
PARAMS_DEVIATIONS = {
    "model/openai/gpt-4o/get_supported_openai_params",
    "model/openai/gpt-4o/get_model_info",
    "model/claude-3-5-sonnet-20240620/get_supported_openai_params",
    "model/deepseek-chat/get_supported_openai_params",
    "model/deepseek-chat/get_model_info",
    "model/gemini-2.5-pro/get_supported_openai_params+provider",
    "model/gemini-live-2.5-flash-native-audio/get_supported_openai_params+provider",
    "model/gemini-exp-1206/get_supported_openai_params",
    "model/gemini-exp-1206/get_model_info",
    "model/doubao-embedding/get_supported_openai_params",
    "model/doubao-embedding/get_model_info",
    "model/gemini-2.0-flash-exp-image-generation/get_supported_openai_params",
    "model/gemini-2.0-flash-exp-image-generation/get_model_info",
    "model/gemini-embedding-001/get_supported_openai_params+provider",
    "model/1024-x-1024/gpt-image-1.5/get_supported_openai_params",
    "model/1024-x-1024/gpt-image-1.5/get_model_info",
    "model/gemini-2.5-flash-image/get_supported_openai_params+provider",
    "model/deepseek-v3-2-251201/get_supported_openai_params",
    "model/deepseek-v3-2-251201/get_model_info",
    "model/text-unicorn/get_supported_openai_params+provider",
    "model/openai/gpt-5-codex/get_supported_openai_params",
    "model/openai/gpt-5-codex/get_model_info",
    "model/openai/text-embedding-3-large/get_supported_openai_params",
    "model/openai/text-embedding-3-large/get_model_info",
    "model/openai/gpt-4o-mini-realtime-preview-2024-12-17/get_supported_openai_params",
    "model/openai/gpt-4o-mini-realtime-preview-2024-12-17/get_model_info",
    "model/openai/gpt-4o-mini-tts/get_supported_openai_params",
    "model/openai/gpt-4o-mini-tts/get_model_info",
    "pair/openrouter/gpt-4o/get_supported_openai_params",
    "pair/text-completion-openai/gpt-4o/get_supported_openai_params",
    "fallback/openai/gpt-4o-mini/get_model_info",
    "get_supported_openai_params/transcription",
}  # fmt: skip


def _deviation(case):
    if case["id"] in DEVIATIONS:
        return "routing"
    if case["id"] in PARAMS_DEVIATIONS:
        return "recorded parameter lists"
    return None


@pytest.mark.parametrize("case", rc.params("capabilities", _deviation, _ours))
def test_recorded(case):
    got = rc.run(case)
    want = case["expect"]
    assert rc.replay.same(got, want), (case["id"], got, want)


def test_recorded_model_count():
    models = {
        c["kwargs"].get("model") or (c["args"] or [None])[0]
        for c in rc.load("capabilities")
        if _ours(c)
    }
    assert len(models) >= 200


def test_signatures():
    import inspect

    assert list(inspect.signature(litellm.supports_system_messages).parameters) == [
        "model", "custom_llm_provider",
    ]  # fmt: skip
    assert (
        inspect.signature(litellm.supports_vision).parameters["custom_llm_provider"].default is None
    )
    from litellm.litellm_core_utils import get_supported_openai_params as mod

    assert mod.get_supported_openai_params is litellm.get_supported_openai_params


def test_model_cost_entries_reach_model_info_and_capabilities():
    assert "sample_spec" not in litellm.model_cost
    assert "fallback_generalizations" not in litellm.model_cost
    litellm.model_cost["my-vision-model"] = {
        "litellm_provider": "openai",
        "mode": "chat",
        "max_output_tokens": 1234,
        "supports_vision": True,
    }
    try:
        assert litellm.supports_vision("my-vision-model")
        info = litellm.get_model_info("my-vision-model")
        assert info["key"] == "my-vision-model" and info["max_tokens"] == 1234
        assert litellm.get_max_tokens("my-vision-model") == 1234
    finally:
        del litellm.model_cost["my-vision-model"]
    assert not litellm.supports_vision("my-vision-model")
    with pytest.raises(litellm.exceptions.ModelNotMappedError):
        litellm.get_model_info("my-vision-model", custom_llm_provider="openai")


def test_removing_an_entry_hides_it():
    saved = litellm.model_cost.pop("gpt-4o-mini")
    try:
        assert "gpt-4o-mini" not in litellm.model_cost
        with pytest.raises(litellm.exceptions.ModelNotMappedError):
            litellm.get_model_info("gpt-4o-mini", custom_llm_provider="openai")
    finally:
        litellm.model_cost["gpt-4o-mini"] = saved
    assert litellm.get_model_info("gpt-4o-mini")["key"] == "gpt-4o-mini"


def test_register_model_merges_onto_the_catalog_entry():
    before = dict(litellm.model_cost["gpt-4o"])
    try:
        litellm.register_model({"gpt-4o": {"input_cost_per_token": "0.000001"}})
        assert litellm.model_cost["gpt-4o"]["input_cost_per_token"] == 1e-06
        assert (
            litellm.model_cost["gpt-4o"]["output_cost_per_token"] == before["output_cost_per_token"]
        )
        assert litellm.cost_per_token(model="gpt-4o", prompt_tokens=10, completion_tokens=0)[
            0
        ] == pytest.approx(1e-05)
    finally:
        litellm.model_cost["gpt-4o"] = before
    litellm.add_known_models()


def test_cost_map_is_the_embedded_one():
    m = litellm.get_model_cost_map("https://example.invalid/map.json")
    assert type(m) is dict and set(m) == set(litellm.model_cost)
    assert m["gpt-4o"] == dict(litellm.model_cost["gpt-4o"])


def test_bedrock_cross_region_prefix_falls_back_to_the_base_model():
    info = litellm.get_model_info("us.anthropic.claude-3-5-sonnet-20240620-v1:0")
    assert info["key"] in (
        "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
    )
    assert litellm.get_model_info("bedrock/eu.anthropic.claude-3-5-sonnet-20240620-v1:0")[
        "max_tokens"
    ]


def test_openai_chat_completion_params():
    assert "temperature" in litellm.OPENAI_CHAT_COMPLETION_PARAMS
