"""litellm's model-catalog surface (model_cost, model_list, provider_list, get_model_info),
built from the engine's embedded catalog the first time each is used."""

import json

from ._engine import native


def _model_cost():
    return json.loads(native().model_cost_json())


def _providers_enum():
    from enum import Enum

    members = {name.upper().replace("-", "_"): name for name in native().provider_list()}
    return Enum("LlmProviders", members, type=str, module=__name__)


def __getattr__(name):
    if name == "model_cost":
        value = _model_cost()
    elif name == "model_list":
        value = list(native().chat_model_names())
    elif name == "model_list_set":
        value = set(native().chat_model_names())
    elif name == "LlmProviders":
        value = _providers_enum()
    elif name == "provider_list":
        value = list(__getattr__("LlmProviders"))
    else:
        raise AttributeError(name)
    globals()[name] = value
    return value


def get_model_info(model, custom_llm_provider=None, api_base=None, api_key=None):
    """The catalog facts for `model` (litellm's ModelInfo dict shape)."""
    found = native().model_info(model, custom_llm_provider)
    if found is None:
        from .exceptions import ModelNotMappedError

        raise ModelNotMappedError(
            f"This model isn't mapped yet. model={model}, custom_llm_provider={custom_llm_provider}."
        )
    key, raw = found
    info = json.loads(raw)
    info.setdefault("max_tokens", info.get("max_output_tokens"))
    info["key"] = key
    info.setdefault("litellm_provider", custom_llm_provider)
    for field in (
        "max_input_tokens", "max_output_tokens", "input_cost_per_token", "output_cost_per_token",
        "cache_read_input_token_cost", "cache_creation_input_token_cost", "mode",
        "supports_function_calling", "supports_vision", "supports_response_schema",
        "supports_system_messages", "supports_tool_choice", "supports_prompt_caching",
    ):  # fmt: skip
        info.setdefault(field, None)
    return info


def get_max_tokens(model):
    """The model's maximum OUTPUT tokens (litellm's meaning), or raises for unknown models."""
    found = native().model_info(model, None)
    if found is None:
        raise Exception(
            f"Model {model} isn't mapped yet. Add it here - https://github.com/BerriAI/litellm/"
        )
    info = json.loads(found[1])
    return info.get("max_output_tokens") or info.get("max_tokens")
