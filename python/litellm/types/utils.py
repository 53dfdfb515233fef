"""Response objects of the litellm API: ModelResponse, ModelResponseStream, Choices, Message, Usage, ...

//! Owns the public module path of the response classes and the choice between their two
//! families, plus the small helpers both share (ids, finish-reason mapping). Does not own the
//! classes themselves: ``_pydantic.py`` (pydantic v2 models, as litellm's) and ``_light.py``
//! (plain classes with the same surface, when pydantic v2 is not installed).

The classes are created once, on the first access of any of their names (PEP 562 module
``__getattr__``), never at import: ``import litellm.types.utils`` imports neither pydantic nor
anything else heavy. At that first access pydantic v2 is imported if it is installed and the
pydantic models are published here; otherwise the light classes are. Every other module path
(``litellm``, ``litellm.utils``, ``litellm.main``, the streaming handler) hands out these same
objects, and the Rust engine looks them up here once.
"""

# ruff: noqa: F822

import _thread
import os

__all__ = [
    "CacheCreationTokenDetails",
    "ChatCompletionAudioResponse",
    "ChatCompletionCustomToolCallPayload",
    "ChatCompletionDeltaCustomToolCall",
    "ChatCompletionDeltaCustomToolCallPayload",
    "ChatCompletionDeltaToolCall",
    "ChatCompletionMessageCustomToolCall",
    "ChatCompletionMessageToolCall",
    "ChatCompletionTokenLogprob",
    "ChoiceLogprobs",
    "Choices",
    "CompletionTokensDetailsWrapper",
    "Delta",
    "Embedding",
    "EmbeddingResponse",
    "Function",
    "FunctionCall",
    "HiddenParams",
    "ImageObject",
    "ImageResponse",
    "ImageUsage",
    "ImageUsageInputTokensDetails",
    "Logprobs",
    "Message",
    "ModelResponse",
    "ModelResponseBase",
    "ModelResponseStream",
    "PromptTokensDetails",
    "PromptTokensDetailsWrapper",
    "ServerToolUse",
    "StreamingChoices",
    "TextChoices",
    "TextCompletionResponse",
    "TopLogprob",
    "TranscriptionResponse",
    "Usage",
    "generate_id",
    "map_finish_reason",
]

_CLASS_NAMES = frozenset(n for n in __all__ if n[0].isupper())

# --------------------------------------------------------------------------------------------
# choosing the family (once, on first access)
# --------------------------------------------------------------------------------------------

_lock = _thread.RLock()
_family = None  # "pydantic" or "light" once chosen


def __getattr__(name):
    if name in _CLASS_NAMES:
        _ensure_built()
        return globals()[name]
    if name in _PLAIN_NAMES:
        value = globals()[name] = _plain(name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _CLASS_NAMES | _PLAIN_NAMES)


def _pydantic_v2():
    """Whether pydantic v2 can be imported (importing it if so)."""
    try:
        import pydantic
    except Exception:  # noqa: BLE001 - absent or broken: either way the light classes serve
        return False
    version = getattr(pydantic, "VERSION", "")
    return str(version).split(".")[0] == "2"


def _ensure_built():
    global _family
    if _family is not None:
        return
    with _lock:
        if _family is not None:
            return
        impl = None
        if _pydantic_v2():
            try:
                from . import _pydantic as impl
            except Exception as e:  # noqa: BLE001 - an unforeseen pydantic release
                import warnings

                warnings.warn(
                    f"litellm response objects fall back to plain classes: this pydantic "
                    f"({e.__class__.__name__}: {e}) cannot serve them",
                    RuntimeWarning,
                    stacklevel=3,
                )
            family = "pydantic"
        if impl is None:
            from . import _light as impl

            family = "light"
            for name in _CLASS_NAMES:
                getattr(impl, name).__module__ = __name__
        g = globals()
        for name in _CLASS_NAMES:
            g[name] = getattr(impl, name)
        _family = family


def _response_family():
    """``"pydantic"`` or ``"light"``: which classes this process hands out (chosen on first use)."""
    _ensure_built()
    return _family


# --------------------------------------------------------------------------------------------
# helpers shared by both families
# --------------------------------------------------------------------------------------------

# Plain typing helpers (no pydantic): created on first access too, so `import` stays cheap.
_PLAIN_NAMES = frozenset({"CallTypes", "CallTypesLiteral", "CostPerToken"})

# litellm's call types, in its order (CallTypes values; CallTypesLiteral lists the ones its
# Literal names).
_CALL_TYPES = (
    "embedding", "aembedding", "completion", "acompletion", "atext_completion",
    "text_completion", "image_generation", "aimage_generation", "image_edit", "aimage_edit",
    "moderation", "amoderation", "atranscription", "transcription", "aspeech", "speech",
    "rerank", "arerank", "search", "asearch", "_arealtime", "_aresponses_websocket",
    "create_batch", "acreate_batch", "aretrieve_batch", "retrieve_batch", "pass_through_endpoint",
    "anthropic_messages", "aanthropic_messages", "create_file", "acreate_file",
    "generate_content", "agenerate_content", "generate_content_stream",
    "agenerate_content_stream", "ocr", "aocr", "responses", "aresponses",
)  # fmt: skip


def _plain(name):
    if name == "CallTypes":
        from enum import Enum

        return Enum("CallTypes", {v: v for v in _CALL_TYPES}, type=str, module=__name__)
    if name == "CallTypesLiteral":
        from typing import Literal

        return Literal[_CALL_TYPES]
    from typing import TypedDict

    class _CostPerTokenRequired(TypedDict):
        input_cost_per_token: float
        output_cost_per_token: float

    class CostPerToken(_CostPerTokenRequired, total=False):
        cache_read_input_token_cost: float
        cache_creation_input_token_cost: float

    CostPerToken.__module__ = __name__
    return CostPerToken


_INF = float("inf")


def _uuid4():
    # uuid.uuid4() without importing uuid: 16 random bytes with version 4 / RFC 4122 variant bits
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def generate_id():
    """A litellm-style completion id: ``chatcmpl-<uuid4>``."""
    return "chatcmpl-" + _uuid4()


_generate_id = generate_id


# Provider finish reasons -> OpenAI's (litellm's map_finish_reason); unknown values become "stop".
_FINISH_REASON_MAP = {
    # OpenAI (identity)
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "function_call",
    "content_filter": "content_filter",
    # Anthropic
    "stop_sequence": "stop",
    "end_turn": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
    "compaction": "length",
    "pause_turn": "length",
    "model_context_window_exceeded": "length",
    "content_filtered": "content_filter",
    # Cohere
    "COMPLETE": "stop",
    "STOP_SEQUENCE": "stop",
    "TOOL_CALL": "tool_calls",
    "ERROR_TOXIC": "content_filter",
    "ERROR": "stop",
    # HuggingFace / Together
    "eos_token": "stop",
    "eos": "stop",
    # Gemini / Vertex AI
    "STOP": "stop",
    "MAX_TOKENS": "length",
    "CONTINUATION": "length",
    "SAFETY": "content_filter",
    "RECITATION": "content_filter",
    "FINISH_REASON_UNSPECIFIED": "stop",
    "MALFORMED_FUNCTION_CALL": "stop",
    "LANGUAGE": "content_filter",
    "OTHER": "content_filter",
    "BLOCKLIST": "content_filter",
    "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter",
    "IMAGE_SAFETY": "content_filter",
    "IMAGE_PROHIBITED_CONTENT": "content_filter",
    "TOO_MANY_TOOL_CALLS": "stop",
    "MALFORMED_RESPONSE": "stop",
    "NO_IMAGE": "content_filter",
    "IMAGE_RECITATION": "content_filter",
    "IMAGE_OTHER": "content_filter",
    "ESCALATION": "content_filter",
    "UNEXPECTED_TOOL_CALL": "stop",
    "MISSING_THOUGHT_SIGNATURE": "stop",
    # Zhipu GLM, Bedrock, OpenRouter
    "network_error": "stop",
    "sensitive": "content_filter",
    "guardrail_intervened": "content_filter",
    "error": "stop",
}


def map_finish_reason(finish_reason):
    """Normalise a provider finish reason to OpenAI's vocabulary (unknown -> "stop")."""
    return _FINISH_REASON_MAP.get(finish_reason, "stop")


def _is_non_finite(value):
    if isinstance(value, float):
        return value != value or value == _INF or value == -_INF
    if isinstance(value, dict):
        return any(_is_non_finite(v) for v in value.values())
    return False
