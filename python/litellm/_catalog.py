"""litellm's model-catalog surface (model_cost, model_list, provider_list, get_model_info,
get_max_tokens, the supports_* capability checks, register_model), built from the engine's
catalog the first time each is used. ``litellm.model_cost`` hands every change to the engine,
so pricing, model info and capability checks see it."""

import json

from ._engine import native

_METADATA_KEYS = ("fallback_generalizations", "sample_spec")


class _Entry(dict):
    """One ``litellm.model_cost`` entry; changing it updates the engine's copy."""

    __slots__ = ("_key",)

    def _sync(self):
        key = self._key
        if key is not None:
            native().catalog_set(key, dict(self))

    def __setitem__(self, name, value):
        dict.__setitem__(self, name, value)
        self._sync()

    def __delitem__(self, name):
        dict.__delitem__(self, name)
        self._sync()

    def update(self, *args, **kwargs):
        dict.update(self, *args, **kwargs)
        self._sync()

    def setdefault(self, name, default=None):
        value = dict.setdefault(self, name, default)
        self._sync()
        return value

    def pop(self, *args):
        value = dict.pop(self, *args)
        self._sync()
        return value

    def popitem(self):
        item = dict.popitem(self)
        self._sync()
        return item

    def clear(self):
        dict.clear(self)
        self._sync()

    def __ior__(self, other):
        dict.update(self, other)
        self._sync()
        return self


def _entry(key, value):
    entry = _Entry(value)
    entry._key = key
    return entry


class _ModelCost(dict):
    """``litellm.model_cost``: a plain dict to read; writes, deletes and updates also reach the
    engine's catalog."""

    __slots__ = ()

    def __setitem__(self, key, value):
        native().catalog_set(key, value)
        dict.__setitem__(self, key, _entry(key, value))

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        native().catalog_remove(key)

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other):
        self.update(other)
        return self

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def pop(self, key, *default):
        had = key in self
        value = dict.pop(self, key, *default)
        if had:
            native().catalog_remove(key)
        return value

    def popitem(self):
        key, value = dict.popitem(self)
        native().catalog_remove(key)
        return key, value

    def clear(self):
        dict.clear(self)
        native().catalog_clear()

    def _refresh(self, key):
        """Re-read `key` from the engine after it changed there (register_model)."""
        value = native().catalog_entry(key)
        if value is None:
            dict.pop(self, key, None)
        else:
            dict.__setitem__(self, key, _entry(key, value))


def _load_model_cost():
    raw = json.loads(native().model_cost_json())
    return _ModelCost((k, _entry(k, v)) for k, v in raw.items() if k not in _METADATA_KEYS)


def _providers_enum():
    from enum import Enum

    members = {name.upper().replace("-", "_"): name for name in native().provider_list()}
    return Enum("LlmProviders", members, type=str, module=__name__)


def __getattr__(name):
    if name == "model_cost":
        value = _load_model_cost()
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


def _model_cost_if_loaded():
    import sys

    mod = sys.modules.get("litellm")
    value = getattr(mod, "__dict__", {}).get("model_cost") if mod is not None else None
    return value if isinstance(value, _ModelCost) else globals().get("model_cost")


# --- model info -----------------------------------------------------------------------------


def get_model_info(model, custom_llm_provider=None, api_base=None, api_key=None):
    """The catalog facts for `model` (litellm's ModelInfo dict)."""
    from .main import get_supported_openai_params

    supported = get_supported_openai_params(model=model, custom_llm_provider=custom_llm_provider)
    info, error = native().model_info_dict(model, custom_llm_provider)
    if info is None:
        from .exceptions import ModelNotMappedError

        raise ModelNotMappedError(error)
    if "supported_openai_params" not in info:
        info["supported_openai_params"] = supported
    return info


def get_max_tokens(model):
    """The model's maximum OUTPUT tokens (litellm's meaning); raises for unmapped models."""
    found, value = native().max_tokens(model)
    if not found:
        raise Exception(
            f"Model {value} isn't mapped yet. Add it here - "
            "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json"
        )
    return value


def _supports(key):
    def check(model, custom_llm_provider=None):
        return native().supports(model, custom_llm_provider, key)

    check.__name__ = check.__qualname__ = key
    check.__doc__ = f"Whether the catalog says `model` has `{key}` (False when unknown)."
    return check


supports_function_calling = _supports("supports_function_calling")
supports_parallel_function_calling = _supports("supports_parallel_function_calling")
supports_vision = _supports("supports_vision")
supports_response_schema = _supports("supports_response_schema")
supports_reasoning = _supports("supports_reasoning")
supports_prompt_caching = _supports("supports_prompt_caching")
supports_tool_choice = _supports("supports_tool_choice")
supports_audio_input = _supports("supports_audio_input")
supports_audio_output = _supports("supports_audio_output")
supports_web_search = _supports("supports_web_search")
supports_pdf_input = _supports("supports_pdf_input")
supports_video_input = _supports("supports_video_input")
supports_url_context = _supports("supports_url_context")
supports_computer_use = _supports("supports_computer_use")
supports_assistant_prefill = _supports("supports_assistant_prefill")
supports_embedding_image_input = _supports("supports_embedding_image_input")


def supports_system_messages(model, custom_llm_provider):
    """Whether the catalog says `model` accepts system messages (False when unknown)."""
    return native().supports(model, custom_llm_provider, "supports_system_messages")


# --- the catalog itself -----------------------------------------------------------------------


def get_model_cost_map(url, timeout=5, max_attempts=3, sleep=None, rng=None, client=None):
    """The embedded price map (a fresh dict; never fetched from `url`)."""
    raw = json.loads(native().model_cost_json())
    for key in _METADATA_KEYS:
        raw.pop(key, None)
    return raw


def register_model(
    model_cost,
    *,
    persist_across_reloads=True,
    warning_display_name=None,
    custom_llm_provider=None,
    add_to_provider_model_sets=True,
):
    """Add or update catalog entries (a dict of key -> fields, or a path / URL of a JSON file
    already on disk: nothing is downloaded)."""
    loaded = model_cost
    if isinstance(model_cost, str):
        with open(model_cost, encoding="utf-8") as f:
            loaded = json.load(f)
    mirror = _model_cost_if_loaded()
    for key, value in loaded.items():
        written = native().catalog_register(str(key), value, custom_llm_provider)
        if mirror is not None:
            mirror._refresh(written)
    return model_cost


def add_known_models(model_cost_map=None):
    """Bare-name routing already follows litellm.model_cost; kept for litellm's API."""
    return None


# --- environment ----------------------------------------------------------------------------


def validate_environment(model=None, api_key=None, api_base=None, api_version=None):
    """Which environment variables the provider of `model` needs that are not set."""
    import os

    if model is None:
        return {"keys_in_environment": False, "missing_keys": []}
    passed = [
        name
        for name, value in (
            ("api_key", api_key),
            ("api_base", api_base),
            ("api_version", api_version),
        )
        if value is not None
    ]
    ok, missing = native().validate_environment(model, list(os.environ), passed)
    return {"keys_in_environment": ok, "missing_keys": missing}


def get_valid_models(
    check_provider_endpoint=None,
    custom_llm_provider=None,
    litellm_params=None,
    api_key=None,
    api_base=None,
):
    """The catalog's models of every provider whose API key is set (or of
    `custom_llm_provider`). Provider endpoints are never queried."""
    import os

    return native().valid_models(custom_llm_provider, list(os.environ))


# The OpenAI chat-completion parameters litellm knows (litellm.OPENAI_CHAT_COMPLETION_PARAMS).
OPENAI_CHAT_COMPLETION_PARAMS = [
    "functions", "function_call", "temperature", "temperature", "top_p", "n", "stream",
    "stream_options", "stop", "max_completion_tokens", "modalities", "prediction", "audio",
    "max_tokens", "presence_penalty", "frequency_penalty", "logit_bias", "user",
    "request_timeout", "api_base", "api_version", "api_key", "deployment_id", "organization",
    "base_url", "default_headers", "timeout", "response_format", "seed", "tools", "tool_choice",
    "max_retries", "parallel_tool_calls", "logprobs", "top_logprobs", "reasoning_effort",
    "extra_headers", "thinking", "web_search_options", "include_server_side_tool_invocations",
    "service_tier", "prompt_cache_key", "prompt_cache_retention", "safety_identifier",
    "verbosity", "store",
]  # fmt: skip
