"""What `litellm.<name>` resolves to on first access: exception classes, response types, the
model catalog and helpers that import modules `import litellm` itself must not load."""

import sys

_EXCEPTION_NAMES = {
    "AuthenticationError", "PermissionDeniedError", "NotFoundError", "BadRequestError",
    "ContextWindowExceededError", "ContentPolicyViolationError", "UnsupportedParamsError",
    "ImageFetchError", "MalformedRequestFieldError", "UnsupportedEndpointError",
    "LiteLLMUnknownProvider", "VectorStoreSearchError", "PaymentRequiredError",
    "InvalidRequestError", "UnprocessableEntityError", "Timeout", "RateLimitError",
    "CallerCredentialAuthenticationError", "CallerCredentialRateLimitError",
    "InternalServerError", "BadGatewayError", "ServiceUnavailableError", "APIError",
    "APIConnectionError", "APIResponseValidationError", "JSONSchemaValidationError",
    "MockException", "BudgetExceededError", "OpenAIError", "ModelNotMappedError",
    "LITELLM_EXCEPTION_TYPES", "RateLimitErrorCategory", "RateLimitType",
}  # fmt: skip

# Exception classes litellm exposes at top level from other modules (dir(litellm) lists them).
_OTHER_EXCEPTIONS = {
    "RouterRateLimitError": ("litellm.types.router", "RouterRateLimitError"),
    "RouterRateLimitErrorBasic": ("litellm.types.router", "RouterRateLimitErrorBasic"),
    "ToolLoopMaxRoundsExceeded": ("litellm.tool_loop", "ToolLoopMaxRoundsExceeded"),
    "ZoneInfoNotFoundError": ("zoneinfo", "ZoneInfoNotFoundError"),
    "ValidationError": ("pydantic_core", "ValidationError"),
}

# Names that live in a submodule, by (module, attribute).
_ELSEWHERE = {
    **_OTHER_EXCEPTIONS,
    "CustomLLM": ("litellm.llms.custom_llm", "CustomLLM"),
    "get_secret": ("litellm.secret_managers.main", "get_secret"),
    "get_secret_str": ("litellm.secret_managers.main", "get_secret_str"),
    "get_secret_bool": ("litellm.secret_managers.main", "get_secret_bool"),
    "ChatCompletionAssistantToolCall": ("litellm.types.llms.openai", "ChatCompletionAssistantToolCall"),
    "ChatCompletionUserMessage": ("litellm.types.llms.openai", "ChatCompletionUserMessage"),
    "ChatCompletionAssistantMessage": ("litellm.types.llms.openai", "ChatCompletionAssistantMessage"),
    "ChatCompletionToolMessage": ("litellm.types.llms.openai", "ChatCompletionToolMessage"),
    "ChatCompletionSystemMessage": ("litellm.types.llms.openai", "ChatCompletionSystemMessage"),
    "ChatCompletionDeveloperMessage": ("litellm.types.llms.openai", "ChatCompletionDeveloperMessage"),
    "ChatCompletionToolParam": ("litellm.types.llms.openai", "ChatCompletionToolParam"),
    "ChatCompletionToolParamFunctionChunk": ("litellm.types.llms.openai", "ChatCompletionToolParamFunctionChunk"),
    "OpenAIMessageContent": ("litellm.types.llms.openai", "OpenAIMessageContent"),
    "AllMessageValues": ("litellm.types.llms.openai", "AllMessageValues"),
    # litellm re-exports these from the openai package (they need it installed).
    "ResponseFunctionToolCall": ("openai.types.responses", "ResponseFunctionToolCall"),
    "ResponseInputParam": ("openai.types.responses", "ResponseInputParam"),
    "batch_completion": ("litellm.batch_completion.main", "batch_completion"),
    "batch_completion_models": ("litellm.batch_completion.main", "batch_completion_models"),
    "batch_completion_models_all_responses": (
        "litellm.batch_completion.main", "batch_completion_models_all_responses",
    ),
}  # fmt: skip

_TYPE_NAMES = {
    "ModelResponse", "ModelResponseStream", "Choices", "StreamingChoices", "Message", "Usage",
    "ChatCompletionMessageToolCall", "EmbeddingResponse", "TextCompletionResponse", "TextChoices",
    "ImageResponse", "ImageObject", "TranscriptionResponse",
}  # fmt: skip

_HELPERS = {
    "model_cost", "model_list", "model_list_set", "provider_list", "LlmProviders",
    "get_model_info", "get_max_tokens", "CustomStreamWrapper", "Function", "exceptions",
    "types", "utils", "verbose_logger", "supports_function_calling",
    "supports_parallel_function_calling", "supports_vision", "supports_response_schema",
    "supports_reasoning", "supports_audio_input", "supports_audio_output", "supports_web_search",
    "supports_pdf_input", "supports_system_messages", "get_model_cost_map", "register_model",
    "add_known_models", "validate_environment", "get_valid_models",
    "OPENAI_CHAT_COMPLETION_PARAMS",
}  # fmt: skip

# litellm APIs that later releases add: they exist so imports keep working, and say so when used.
_NOT_YET_FUNCTIONS = {
    "text_completion", "atext_completion", "image_generation",
    "aimage_generation", "transcription", "atranscription", "speech", "aspeech", "responses",
    "aresponses", "rerank", "arerank", "moderation", "amoderation",
    "enable_cache", "update_cache", "disable_cache",
}  # fmt: skip
_NOT_YET_CLASSES = {"Router", "Cache", "BudgetManager", "DualCache", "InMemoryCache", "RedisCache"}

_SUBMODULES = {"_logging", "llms", "types", "exceptions", "utils", "tool_loop", "secret_managers"}
# Token, cost and capability helpers: name -> the litellm submodule that defines it.
_COST_NAMES = {
    "token_counter": "_tokens", "encode": "_tokens", "decode": "_tokens", "encoding": "_tokens",
    "create_pretrained_tokenizer": "_tokens", "create_tokenizer": "_tokens",
    "completion_cost": "cost_calculator", "cost_per_token": "cost_calculator",
    "cost_calculator": None,
}  # fmt: skip

LAZY_NAMES = (
    _EXCEPTION_NAMES
    | _TYPE_NAMES
    | _HELPERS
    | _NOT_YET_FUNCTIONS
    | _NOT_YET_CLASSES
    | set(_ELSEWHERE)
    | _SUBMODULES
    | set(_COST_NAMES)
)


def _not_yet_message(name):
    return (
        f"litellm.{name} is not available in this ferrolite release yet (chat completions are); "
        "see docs/compatibility.md"
    )


def _not_yet_function(name):
    def unavailable(*args, **kwargs):
        raise NotImplementedError(_not_yet_message(name))

    unavailable.__name__ = unavailable.__qualname__ = name
    return unavailable


def _not_yet_class(name):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError(_not_yet_message(name))

    return type(name, (), {"__init__": __init__, "__module__": "litellm"})


def _module():
    return sys.modules["litellm"]


def module_getattr(name):
    mod = _module()
    if name in _EXCEPTION_NAMES:
        from . import exceptions

        value = getattr(exceptions, name)
    elif name in _TYPE_NAMES:
        from .types import utils

        value = getattr(utils, name)
    elif name == "CustomStreamWrapper":
        from .litellm_core_utils.streaming_handler import CustomStreamWrapper as value
    elif name == "Function":
        from .types.llms.openai import Function as value
    elif name in ("verbose_logger", "verbose_router_logger", "verbose_proxy_logger"):
        from . import _logging

        value = getattr(_logging, name)
    elif name in _SUBMODULES:
        import importlib

        value = importlib.import_module(f"litellm.{name}")
    elif name in _ELSEWHERE:
        import importlib

        module, attr = _ELSEWHERE[name]
        try:
            value = getattr(importlib.import_module(module), attr)
        except ImportError as e:
            if name != "ValidationError":
                raise AttributeError(
                    f"litellm.{name} needs the {module.split('.')[0]!r} package ({e})"
                ) from None
            # Without pydantic nothing raises pydantic's ValidationError; a stand-in keeps the
            # name (and `except litellm.ValidationError`) working.
            value = type("ValidationError", (ValueError,), {"__module__": "litellm"})
    elif name in _COST_NAMES:
        import importlib

        home = _COST_NAMES[name]
        value = importlib.import_module(f"litellm.{home or name}")
        if home is not None:
            value = getattr(value, name)
    elif name in _NOT_YET_FUNCTIONS:
        value = _not_yet_function(name)
    elif name in _NOT_YET_CLASSES:
        value = _not_yet_class(name)
    elif name in _HELPERS:
        from . import _catalog

        value = getattr(_catalog, name)
    else:
        raise AttributeError(f"module 'litellm' has no attribute {name!r}")
    # Cache in the module so later accesses are plain attribute reads.
    setattr(mod, name, value)
    return value


def warn_if_shadowed(init_file):
    """Warn once if the original litellm distribution is installed over or beside us.

    ferrolite's own stand-in (scripts/build_shim.py), a metadata-only `litellm` distribution
    whose version carries a `+ferrolite` local label, is not the original and does not warn.
    Only folder names are read: `import litellm` stays cheap (no importlib.metadata)."""
    import os

    site = os.path.dirname(os.path.dirname(init_file))
    try:
        names = os.listdir(site)
    except OSError:
        return
    other = [
        n
        for n in names
        if n.startswith("litellm-") and n.endswith(".dist-info") and "+ferrolite" not in n
    ]
    if other:
        import warnings

        warnings.warn(
            f"Both ferrolite and the original litellm ({other[0]}) are installed in {site}; they "
            "share the 'litellm' package folder. Reinstall ferrolite last "
            "(pip install --force-reinstall --no-deps ferrolite) or uninstall litellm.",
            stacklevel=3,
        )
