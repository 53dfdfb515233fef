"""The response classes as pydantic v2 models (the family used when pydantic v2 is installed).

//! Owns litellm's response objects as real ``pydantic.BaseModel`` subclasses: their declared
//! fields, extras and private attributes, and constructors that leave an instance exactly as
//! litellm 1.109.1's do (which fields sit in ``__dict__``, in which order, which are extras,
//! which count as set). Does not own the choice of family (``litellm.types.utils``) nor how
//! engine responses are filled: the Rust engine fills the four pydantic slots directly, as
//! ``model_construct`` does, without running these constructors or any validation.

How an instance looks (what ``model_construct`` leaves, and what every path here produces):
``__dict__`` holds the declared fields that exist (litellm deletes some optional ones when
they are unset: ``Message.refusal``, ``Choices.logprobs``, ... raise AttributeError then);
``__pydantic_extra__`` the extra fields (``extra="allow"``); ``__pydantic_fields_set__`` the
names litellm counts as set (``model_dump()`` of a ModelResponse defaults to
``exclude_unset=True``); ``__pydantic_private__`` the private attributes (``_hidden_params``,
...). Every field is annotated ``Any``: values are never validated on the way in and
serialised by their runtime type on the way out, so dumps never warn.

Differences from litellm's classes (docs/compatibility.md): they subclass ``pydantic.BaseModel``
directly, not openai's ``BaseModel`` (``to_dict`` / ``to_json`` are provided here), and the
per-chunk fields litellm keeps as extras (``StreamingChoices.finish_reason/index/delta/
logprobs``, ``Delta.content/role/function_call/tool_calls/audio``) are declared fields, so
reading them is a plain attribute lookup.
"""

# ruff: noqa: N805 - pydantic validators and ClassVar tables follow pydantic's conventions

import json
import time
from typing import Any, ClassVar

import pydantic
from pydantic_core import PydanticUndefined, ValidationError

from .utils import _is_non_finite, _uuid4, generate_id, map_finish_reason

_MODULE = "litellm.types.utils"  # the public path (pickle and repr use it)
_object_setattr = object.__setattr__
_UNSET = object()  # distinguishes "not passed" from None


# --------------------------------------------------------------------------------------------
# the shared base
# --------------------------------------------------------------------------------------------


def _fill(obj, fields, fields_set, extra, private):
    """What ``model_construct`` leaves: the four pydantic slots, set directly."""
    _object_setattr(obj, "__dict__", fields)
    _object_setattr(obj, "__pydantic_fields_set__", fields_set)
    _object_setattr(obj, "__pydantic_extra__", extra)
    _object_setattr(obj, "__pydantic_private__", private)


def _missing(cls, names, data):
    return ValidationError.from_exception_data(
        cls.__name__, [{"type": "missing", "loc": (name,), "input": data} for name in names]
    )


class _Model(pydantic.BaseModel):
    """Base of every response object: extra="allow", no validation, litellm's access styles."""

    # Schemas are built with the classes (cheap: every field is Any), not deferred: a nested
    # model is serialised through its own serializer, which pydantic < 2.12 needs ready.
    model_config = pydantic.ConfigDict(extra="allow", defer_build=False, protected_namespaces=())

    # Per-class constructor tables (filled by __pydantic_init_subclass__):
    # _spec: (name, default-or-PydanticUndefined, default_factory-or-None) per declared field
    # _private_defaults: private attribute -> (default, factory) for fresh instances
    _spec: ClassVar[tuple] = ()
    _private_defaults: ClassVar[tuple] = ()
    # field -> callable turning a given dict/list value into the right objects
    _nested: ClassVar[dict] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs):
        super().__pydantic_init_subclass__(**kwargs)
        if cls.__module__ == __name__:  # ours, not a user's subclass
            cls.__module__ = _MODULE
        cls._spec = tuple(
            (name, info.default, info.default_factory) for name, info in cls.model_fields.items()
        )
        cls._private_defaults = tuple(
            (name, attr.default, attr.default_factory)
            for name, attr in cls.__private_attributes__.items()
            if attr.default is not PydanticUndefined or attr.default_factory is not None
        )

    @classmethod
    def _fresh_private(cls):
        if not cls.__private_attributes__:
            return None
        out = {}
        for name, default, factory in cls._private_defaults:
            if factory is not None:
                out[name] = factory()
            elif isinstance(default, (dict, list)):
                out[name] = type(default)(default)
            else:
                out[name] = default
        return out

    def __init__(self, **data):
        """pydantic's constructor semantics (declared order, defaults, required fields), minus
        type validation; classes whose litellm constructor does more define their own."""
        cls = type(self)
        fields = {}
        fields_set = set()
        missing = []
        nested = cls._nested
        for name, default, factory in cls._spec:
            if name in data:
                value = data.pop(name)
                if value is not None and name in nested:
                    value = nested[name](value)
                fields[name] = value
                fields_set.add(name)
            elif factory is not None:
                fields[name] = factory()
            elif default is PydanticUndefined:
                missing.append(name)
            else:
                fields[name] = default
        if missing:
            raise _missing(cls, missing, {**fields, **data})
        if cls.model_config.get("extra") == "allow":
            extra = data
            fields_set.update(extra)
        else:
            extra = None
        _fill(self, fields, fields_set, extra, cls._fresh_private())

    # ---- dict-style access (litellm: getattr-based, so a missing key is AttributeError) ----

    def __getitem__(self, key):
        return getattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __contains__(self, key):
        return hasattr(self, key)

    def __setitem__(self, key, value):
        setattr(self, key, value)

    # ---- openai's BaseModel helpers ----------------------------------------------------------

    def __str__(self):
        return self.__repr__()

    def to_dict(
        self,
        *,
        mode="python",
        use_api_names=True,
        exclude_unset=True,
        exclude_defaults=False,
        exclude_none=False,
        warnings=True,
    ):
        """Like model_dump, but unset fields are dropped by default (openai's helper)."""
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent=2,
        use_api_names=True,
        exclude_unset=True,
        exclude_defaults=False,
        exclude_none=False,
        warnings=True,
    ):
        """JSON text, indented by 2 and without unset fields by default (openai's helper)."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )


class _JsonIsDump:
    """litellm overrides ``json()`` on these classes to return ``model_dump()`` (a dict)."""

    def json(self, **kwargs):
        return self.model_dump()


def _hidden_params_get(self):
    return self._hidden_params


def _hidden_params_set(self, value):
    self._hidden_params = value


_hidden_params_property = property(_hidden_params_get, _hidden_params_set)


def _is_model(value):
    return getattr(type(value), "model_dump", None) is not None and not isinstance(value, type)


def _as_dump(value):
    return value.model_dump()


def _coerce_to(cls):
    def coerce(value):
        if isinstance(value, dict):
            return cls(**value)
        if _is_model(value) and not isinstance(value, cls):
            return cls(**_as_dump(value))
        return value

    return coerce


def _coerce_list_of(cls):
    one = _coerce_to(cls)

    def coerce(value):
        if isinstance(value, (list, tuple)):
            return [one(v) for v in value]
        return value

    return coerce


def _set_fields(obj, pairs):
    """Append ``pairs`` to the declared fields, as litellm's post-construction setattr does."""
    d = obj.__dict__
    fields_set = obj.__pydantic_fields_set__
    for name, value in pairs:
        d[name] = value
        fields_set.add(name)


# --------------------------------------------------------------------------------------------
# tool calls and functions
# --------------------------------------------------------------------------------------------


class Function(_Model):
    """A tool call's function: ``arguments`` is always a string (dicts are json.dumps'd)."""

    arguments: Any
    name: Any

    def __init__(self, arguments=None, name=None, **params):
        if arguments is None:
            parameters = params.get("parameters")
            arguments = json.dumps(parameters) if isinstance(parameters, dict) else ""
        elif isinstance(arguments, dict):
            arguments = json.dumps(arguments)
        # litellm keeps only arguments and name; other params are dropped
        _fill(self, {"arguments": arguments, "name": name}, {"arguments", "name"}, {}, None)


class FunctionCall(_Model):
    """Legacy ``message.function_call``."""

    arguments: Any
    name: Any = None

    def __init__(self, **data):
        args = data.get("arguments")
        if isinstance(args, dict):  # litellm rejects a dict here; we keep the lenient old way
            data["arguments"] = json.dumps(args)
        super().__init__(**data)


class ChatCompletionMessageToolCall(_Model):
    """``message.tool_calls[i]``: function, id (uuid4 when missing), type ("function")."""

    # litellm declares no fields here: function/id/type are extras
    def __init__(self, function, id=None, type=None, **params):
        extra = dict(params)
        if isinstance(function, dict):
            function = Function(**function)
        extra["function"] = function
        extra["id"] = id if id is not None else _uuid4()
        extra["type"] = type if type is not None else "function"
        _fill(self, {}, set(extra), extra, None)


class ChatCompletionDeltaToolCall(_Model):
    """``delta.tool_calls[i]`` in a stream chunk."""

    id: Any = None
    function: Any
    type: Any = None
    index: Any

    _nested = {"function": _coerce_to(Function)}


class ChatCompletionCustomToolCallPayload(_Model):
    name: Any
    input: Any


class ChatCompletionDeltaCustomToolCallPayload(_Model):
    name: Any = None
    input: Any = None


class ChatCompletionMessageCustomToolCall(_Model):
    """A custom (free-form) tool call on a message."""

    id: Any
    type: Any = "custom"
    custom: Any

    _nested = {"custom": _coerce_to(ChatCompletionCustomToolCallPayload)}


class ChatCompletionDeltaCustomToolCall(_Model):
    """A custom (free-form) tool call fragment in a stream chunk."""

    id: Any = None
    type: Any = None
    custom: Any
    index: Any

    _nested = {"custom": _coerce_to(ChatCompletionDeltaCustomToolCallPayload)}


def _is_custom_tool_call(tc):
    return tc.get("type") == "custom" or tc.get("custom") is not None


class ChatCompletionAudioResponse(_Model):
    """``message.audio`` of an audio-output completion."""

    id: Any
    data: Any
    expires_at: Any
    transcript: Any

    def __init__(self, data=None, expires_at=None, transcript=None, id=None, **params):
        fields = {
            "id": id if id is not None else _uuid4(),
            "data": data,
            "expires_at": expires_at,
            "transcript": transcript,
        }
        extra = dict(params)
        _fill(self, fields, {*fields, *extra}, extra, None)


# --------------------------------------------------------------------------------------------
# logprobs
# --------------------------------------------------------------------------------------------


class TopLogprob(_Model):
    token: Any
    bytes: Any = None
    logprob: Any


class PromptTokensDetails(_Model):
    """openai's ``PromptTokensDetails`` (litellm re-exports it from ``litellm.types.utils``)."""

    audio_tokens: Any = None
    cached_tokens: Any = None


class HiddenParams(_Model):
    """The typed view of a response's hidden parameters."""

    original_response: Any = None
    model_id: Any = None
    api_base: Any = None
    response_cost: Any = None


class ChatCompletionTokenLogprob(_Model):
    token: Any
    bytes: Any = None
    logprob: Any
    top_logprobs: Any = pydantic.Field(default_factory=list)

    def __init__(self, **data):
        if "top_logprobs" in data:
            # providers sometimes send null; litellm normalises to []
            top = data["top_logprobs"]
            data["top_logprobs"] = [
                TopLogprob(**t) if isinstance(t, dict) else t for t in (top or ())
            ]
        super().__init__(**data)


class ChoiceLogprobs(_Model):
    """``choice.logprobs`` of a chat completion."""

    content: Any = None
    refusal: Any = None

    _nested = {
        "content": _coerce_list_of(ChatCompletionTokenLogprob),
        "refusal": _coerce_list_of(ChatCompletionTokenLogprob),
    }


_coerce_choice_logprobs = _coerce_to(ChoiceLogprobs)


class Logprobs(_Model):
    """``TextChoices.logprobs`` (legacy completions)."""

    text_offset: Any
    token_logprobs: Any
    tokens: Any
    top_logprobs: Any


# --------------------------------------------------------------------------------------------
# messages and choices
# --------------------------------------------------------------------------------------------

# Message fields litellm deletes when they are None (reading them raises AttributeError).
_MESSAGE_OPTIONAL = (
    "audio",
    "images",
    "reasoning_content",
    "thinking_blocks",
    "reasoning_items",
)


class Message(_JsonIsDump, _Model):
    """``choices[i].message``.

    content/role/tool_calls/function_call are always set; the optional OpenAI-extension fields
    are absent unless given (reading them raises AttributeError, ``.get()`` returns None);
    provider_specific_fields is None (and unset) unless given.
    """

    content: Any
    role: Any
    refusal: Any = None
    tool_calls: Any
    function_call: Any
    audio: Any = None
    images: Any = None
    reasoning_content: Any = None
    thinking_blocks: Any = None
    reasoning_items: Any = None
    provider_specific_fields: Any = None
    annotations: Any = None

    def __init__(
        self,
        content=None,
        role="assistant",
        function_call=None,
        tool_calls=None,
        audio=None,
        images=None,
        provider_specific_fields=None,
        reasoning_content=None,
        thinking_blocks=None,
        reasoning_items=None,
        annotations=None,
        **params,
    ):
        fields = {"content": content, "role": role or "assistant"}
        fields_set = {"content", "role", "tool_calls", "function_call"}
        if "refusal" in params:
            fields["refusal"] = params.pop("refusal")
            fields_set.add("refusal")
        if tool_calls:  # an empty list becomes None, as litellm
            tool_calls = [_coerce_message_tool_call(tc) for tc in tool_calls]
        else:
            tool_calls = None
        fields["tool_calls"] = tool_calls
        if isinstance(function_call, dict):
            function_call = FunctionCall(**function_call)
        fields["function_call"] = function_call
        if isinstance(audio, dict):
            audio = ChatCompletionAudioResponse(**audio)
        optional = (audio, images, reasoning_content, thinking_blocks, reasoning_items)
        for name, value in zip(_MESSAGE_OPTIONAL, optional, strict=True):
            if value is not None:
                fields[name] = value
                fields_set.add(name)
        if provider_specific_fields:  # set only when non-empty
            fields["provider_specific_fields"] = provider_specific_fields
            fields_set.add("provider_specific_fields")
        else:
            fields["provider_specific_fields"] = None
        if annotations is not None:
            fields["annotations"] = annotations
            fields_set.add("annotations")
        fields_set.update(params)
        _fill(self, fields, fields_set, params, None)


def _coerce_message_tool_call(tc):
    if isinstance(tc, dict):
        if _is_custom_tool_call(tc):
            return ChatCompletionMessageCustomToolCall(
                **{k: v for k, v in tc.items() if not (k in ("function", "type") and v is None)}
            )
        return ChatCompletionMessageToolCall(**tc)
    if isinstance(tc, _Model) or not _is_model(tc):
        return tc
    return _coerce_message_tool_call(_as_dump(tc))


# Names litellm's Delta counts as set although it drops them when empty.
_DELTA_ALWAYS_SET = frozenset(
    {"content", "role", "function_call", "tool_calls", "audio", "images", "annotations"}
)


class Delta(_Model):
    """``choices[i].delta`` of a stream chunk.

    content, role, function_call, tool_calls and audio are always present (None when unset);
    reasoning_content/thinking_blocks/reasoning_items are absent unless set. litellm keeps the
    first five as extras; here they are declared fields (faster to read, same dumps).
    """

    reasoning_content: Any = None
    thinking_blocks: Any = None
    reasoning_items: Any = None
    provider_specific_fields: Any = None
    content: Any
    role: Any
    function_call: Any
    tool_calls: Any
    audio: Any

    def __init__(
        self,
        content=None,
        role=None,
        function_call=None,
        tool_calls=None,
        audio=None,
        images=None,
        reasoning_content=None,
        thinking_blocks=None,
        reasoning_items=None,
        annotations=None,
        **params,
    ):
        # providers such as Groq/Cerebras send `reasoning`; litellm maps it
        if reasoning_content is None and "reasoning" in params:
            reasoning_content = params.pop("reasoning")
        fields = {}
        fields_set = set(_DELTA_ALWAYS_SET)
        for name, value in (
            ("reasoning_content", reasoning_content),
            ("thinking_blocks", thinking_blocks),
            ("reasoning_items", reasoning_items),
        ):
            if value is not None:
                fields[name] = value
                fields_set.add(name)
        if "provider_specific_fields" in params:
            fields["provider_specific_fields"] = params.pop("provider_specific_fields")
            fields_set.add("provider_specific_fields")
        else:
            fields["provider_specific_fields"] = None
        if isinstance(function_call, dict):
            function_call = FunctionCall(**function_call)
        if isinstance(tool_calls, (list, tuple)):
            tool_calls = _coerce_delta_tool_calls(tool_calls)
        fields["content"] = content
        fields["role"] = role
        fields["function_call"] = function_call
        fields["tool_calls"] = tool_calls
        fields["audio"] = audio
        extra = params
        if images:
            extra["images"] = images
        if annotations is not None:
            extra["annotations"] = annotations
        fields_set.update(extra)
        _fill(self, fields, fields_set, extra, None)


def _coerce_delta_tool_calls(tool_calls):
    out = []
    next_index = 0
    for tc in tool_calls:
        if isinstance(tc, dict):
            tc = dict(tc)
            if tc.get("index") is None:
                tc["index"] = next_index
                next_index += 1
            if _is_custom_tool_call(tc):
                out.append(
                    ChatCompletionDeltaCustomToolCall(
                        **{k: v for k, v in tc.items() if not (k == "function" and v is None)}
                    )
                )
            else:
                if tc.get("type") is None:
                    tc["type"] = "function"
                out.append(ChatCompletionDeltaToolCall(**tc))
        elif isinstance(tc, (ChatCompletionDeltaToolCall, ChatCompletionDeltaCustomToolCall)):
            out.append(tc)
        # anything else is dropped, as litellm does
    return out


_CHOICES_ALWAYS_SET = frozenset(
    {"finish_reason", "index", "message", "logprobs", "provider_specific_fields"}
)


class Choices(_Model):
    """``response.choices[i]`` of a (non-streaming) chat completion."""

    finish_reason: Any
    index: Any
    message: Any
    logprobs: Any = None
    provider_specific_fields: Any = None

    def __init__(
        self,
        finish_reason=None,
        index=0,
        message=None,
        logprobs=None,
        enhancements=None,
        provider_specific_fields=None,
        **params,
    ):
        if finish_reason is not None:
            mapped = map_finish_reason(finish_reason)
            if mapped != finish_reason:
                # the provider's own value stays reachable
                provider_specific_fields = dict(provider_specific_fields or {})
                provider_specific_fields["native_finish_reason"] = finish_reason
        else:
            mapped = "stop"
        if message is None:
            message = Message()
        elif isinstance(message, dict):
            message = Message(**message)
        elif not isinstance(message, Message) and _is_model(message):
            message = Message(**_as_dump(message))
        fields = {
            "finish_reason": mapped,
            "index": index if index is not None else 0,
            "message": message,
        }
        if logprobs is not None:
            fields["logprobs"] = _coerce_choice_logprobs(logprobs)
        if provider_specific_fields is not None:
            fields["provider_specific_fields"] = provider_specific_fields
        extra = params
        if enhancements is not None:
            extra["enhancements"] = enhancements
        _fill(self, fields, {*_CHOICES_ALWAYS_SET, *extra}, extra, None)


_STREAMING_CHOICE_FIELDS = frozenset({"finish_reason", "index", "delta", "logprobs"})


class StreamingChoices(_Model):
    """``chunk.choices[i]``: finish_reason, index, delta, logprobs (always present).

    litellm keeps the four as extras; here they are declared fields (faster to read).
    """

    finish_reason: Any
    index: Any
    delta: Any
    logprobs: Any

    def __init__(
        self,
        finish_reason=None,
        index=0,
        delta=None,
        logprobs=None,
        enhancements=None,
        **params,
    ):
        params.pop("message", None)  # Perplexity sends both message and delta
        if delta is None:
            delta = Delta()
        elif isinstance(delta, dict):
            delta = Delta(**delta)
        if isinstance(logprobs, dict) or (
            _is_model(logprobs) and not isinstance(logprobs, ChoiceLogprobs)
        ):
            logprobs = _coerce_choice_logprobs(logprobs)
        fields = {
            "finish_reason": map_finish_reason(finish_reason) if finish_reason else None,
            "index": index,
            "delta": delta,
            "logprobs": logprobs,
        }
        extra = params
        if enhancements is not None:
            extra["enhancements"] = enhancements
        _fill(self, fields, {*_STREAMING_CHOICE_FIELDS, *extra}, extra, None)


# --------------------------------------------------------------------------------------------
# usage
# --------------------------------------------------------------------------------------------


class CompletionTokensDetailsWrapper(_Model):
    """``usage.completion_tokens_details``."""

    accepted_prediction_tokens: Any = None
    audio_tokens: Any = None
    reasoning_tokens: Any = None
    rejected_prediction_tokens: Any = None
    text_tokens: Any = None
    image_tokens: Any = None
    video_tokens: Any = None


class CacheCreationTokenDetails(_Model):
    model_config = pydantic.ConfigDict(extra="ignore", defer_build=False)

    ephemeral_5m_input_tokens: Any = None
    ephemeral_30m_input_tokens: Any = None
    ephemeral_1h_input_tokens: Any = None
    ephemeral_12h_input_tokens: Any = None


# PromptTokensDetailsWrapper fields litellm deletes when they are None.
_PROMPT_DETAILS_OPTIONAL = frozenset(
    {
        "web_search_requests",
        "google_maps_grounding_requests",
        "tool_use_tokens",
        "character_count",
        "image_count",
        "video_length_seconds",
        "audio_length_seconds",
        "query_count",
        "cache_write_tokens",
        "cache_creation_tokens",
        "cache_creation_token_details",
        "cached_tokens_details",
        "cache_type",
    }
)
_CACHE_WRITE_MIRROR = {
    "cache_write_tokens": "cache_creation_tokens",
    "cache_creation_tokens": "cache_write_tokens",
}


class PromptTokensDetailsWrapper(_Model):
    """``usage.prompt_tokens_details``.

    cache_write_tokens and cache_creation_tokens mirror each other (setting one sets both).
    The OpenAI fields are present (None) when unset; litellm's extension fields are absent
    unless set.
    """

    # The fields left out when None (read by the engine, which builds these objects too).
    _absent: ClassVar[frozenset] = _PROMPT_DETAILS_OPTIONAL

    audio_tokens: Any = None
    cache_write_tokens: Any = None
    cached_tokens: Any = None
    image_tokens: Any = None
    text_tokens: Any = None
    video_tokens: Any = None
    web_search_requests: Any = None
    google_maps_grounding_requests: Any = None
    tool_use_tokens: Any = None
    initial_prompt_tokens: Any = None
    character_count: Any = None
    image_count: Any = None
    video_length_seconds: Any = None
    audio_length_seconds: Any = None
    query_count: Any = None
    cache_creation_tokens: Any = None
    cache_creation_token_details: Any = None
    cached_tokens_details: Any = None
    cache_type: Any = None

    def __init__(self, **kwargs):
        write = kwargs.get("cache_write_tokens")
        if write is None:
            write = kwargs.get("cache_creation_tokens")
        if write is None:
            nested = kwargs.get("cache_creation_input_tokens")
            write = nested if isinstance(nested, int) else None
        given = dict(kwargs)
        given["cache_write_tokens"] = write
        given["cache_creation_tokens"] = write
        details = given.get("cache_creation_token_details")
        if isinstance(details, dict):
            given["cache_creation_token_details"] = CacheCreationTokenDetails(**details)
        if "cache_type" in given and not isinstance(given["cache_type"], str):
            given["cache_type"] = None
        fields = {}
        for name, default, _factory in type(self)._spec:
            value = given.pop(name, default)
            if value is None and name in _PROMPT_DETAILS_OPTIONAL:
                continue
            fields[name] = value
        fields_set = {*kwargs, "cache_write_tokens", "cache_creation_tokens"}
        _fill(self, fields, fields_set, given, None)

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        other = _CACHE_WRITE_MIRROR.get(name)
        if other is not None:
            super().__setattr__(other, value)


class ServerToolUse(_Model):
    """``usage.server_tool_use`` (Anthropic server tools). Unknown keys are ignored."""

    model_config = pydantic.ConfigDict(extra="ignore", defer_build=False)

    web_search_requests: Any = None
    tool_search_requests: Any = None
    browser_open_requests: Any = None

    def __getitem__(self, key):
        if key not in type(self).model_fields:
            raise KeyError(key)
        return getattr(self, key)


class Usage(_Model):
    """``response.usage``: token counts (missing -> 0) plus details wrappers.

    Provider-specific kwargs are kept as extra fields and mapped: Anthropic
    cache_read_input_tokens / cache_creation_input_tokens and DeepSeek prompt_cache_hit_tokens
    feed prompt_tokens_details; ``reasoning_tokens=`` feeds completion_tokens_details.
    """

    completion_tokens: Any
    prompt_tokens: Any
    total_tokens: Any
    completion_tokens_details: Any = None
    prompt_tokens_details: Any = None
    server_tool_use: Any = None
    cost: Any = None

    _cache_creation_input_tokens: int = pydantic.PrivateAttr(default=0)
    _cache_read_input_tokens: int = pydantic.PrivateAttr(default=0)
    _dropped_non_finite_cost: bool = pydantic.PrivateAttr(default=False)

    def __init__(
        self,
        prompt_tokens=None,
        completion_tokens=None,
        total_tokens=None,
        reasoning_tokens=None,
        prompt_tokens_details=None,
        completion_tokens_details=None,
        server_tool_use=None,
        cost=None,
        **params,
    ):
        ctd = None
        if completion_tokens_details:
            if isinstance(completion_tokens_details, dict):
                ctd = CompletionTokensDetailsWrapper(**completion_tokens_details)
            elif isinstance(completion_tokens_details, CompletionTokensDetailsWrapper):
                ctd = completion_tokens_details
            elif _is_model(completion_tokens_details):
                ctd = CompletionTokensDetailsWrapper(**_as_dump(completion_tokens_details))
        if reasoning_tokens:
            if ctd is None:
                ctd = CompletionTokensDetailsWrapper()
            if ctd.reasoning_tokens is None:
                ctd.reasoning_tokens = reasoning_tokens
            # text_tokens = completion - reasoning - image - audio, unless the provider said
            if ctd.text_tokens is None and completion_tokens is not None:
                text = completion_tokens - reasoning_tokens
                text -= ctd.image_tokens or 0
                text -= ctd.audio_tokens or 0
                ctd.text_tokens = max(0, text)

        ptd = None
        if prompt_tokens_details:
            if isinstance(prompt_tokens_details, dict):
                ptd = PromptTokensDetailsWrapper(**prompt_tokens_details)
            elif _is_model(prompt_tokens_details):
                # litellm rebuilds even its own wrapper from a dump (a copy, not shared)
                ptd = PromptTokensDetailsWrapper(**_as_dump(prompt_tokens_details))
        hit = params.get("prompt_cache_hit_tokens")  # DeepSeek
        if isinstance(hit, int):
            if ptd is None:
                ptd = PromptTokensDetailsWrapper(cached_tokens=hit)
            else:
                ptd.cached_tokens = hit
        cache_read = params.get("cache_read_input_tokens")  # Anthropic
        if isinstance(cache_read, int):
            if ptd is None:
                ptd = PromptTokensDetailsWrapper(cached_tokens=cache_read)
            else:
                ptd.cached_tokens = cache_read
        cache_write = params.get("cache_creation_input_tokens")  # Anthropic
        if isinstance(cache_write, int):
            if ptd is None:
                ptd = PromptTokensDetailsWrapper(cache_write_tokens=cache_write)
            else:
                ptd.cache_write_tokens = cache_write

        fields = {
            "completion_tokens": completion_tokens or 0,
            "prompt_tokens": prompt_tokens or 0,
            "total_tokens": total_tokens or 0,
            "completion_tokens_details": ctd,
            "prompt_tokens_details": ptd,
        }
        if isinstance(server_tool_use, dict):
            server_tool_use = ServerToolUse(**server_tool_use)
        if server_tool_use is not None:
            fields["server_tool_use"] = server_tool_use
        private = {
            "_cache_creation_input_tokens": 0,
            "_cache_read_input_tokens": 0,
            "_dropped_non_finite_cost": False,
        }
        if cost is not None:
            if _is_non_finite(cost):
                private["_dropped_non_finite_cost"] = True
            else:
                fields["cost"] = cost
        if isinstance(cache_write, int):
            private["_cache_creation_input_tokens"] = cache_write
        if isinstance(cache_read, int):
            private["_cache_read_input_tokens"] = cache_read
        if isinstance(hit, int):
            private["_cache_read_input_tokens"] = hit
        extra = params  # provider kwargs stay visible as extra fields
        _fill(self, fields, {*fields, *extra}, extra, private)

    @staticmethod
    def dropped_non_finite_cost(usage):
        return usage._dropped_non_finite_cost


def _coerce_usage(usage):
    if isinstance(usage, dict):
        return Usage(**usage)
    if isinstance(usage, Usage) or not _is_model(usage):
        return usage
    return Usage(**_as_dump(usage))


# --------------------------------------------------------------------------------------------
# chat completion responses
# --------------------------------------------------------------------------------------------


class ModelResponseBase(_Model):
    """Fields shared by ModelResponse and ModelResponseStream."""

    id: Any
    created: Any
    model: Any = None
    object: Any
    system_fingerprint: Any = None

    _hidden_params: dict = pydantic.PrivateAttr(default_factory=dict)
    _response_headers: Any = pydantic.PrivateAttr(default=None)

    hidden_params = _hidden_params_property

    def model_dump(self, **kwargs):
        """litellm: ``exclude_unset`` defaults to True unless exclude_unset/exclude_none given."""
        if "exclude_unset" not in kwargs and "exclude_none" not in kwargs:
            kwargs["exclude_unset"] = True
        return super().model_dump(**kwargs)

    def __setitem__(self, key, value):
        # litellm's response objects do not support item assignment (attributes do work)
        raise TypeError(f"{type(self).__name__!r} object does not support item assignment")


class ModelResponse(_JsonIsDump, ModelResponseBase):
    """A chat completion (``litellm.completion`` without stream)."""

    choices: Any

    def __init__(
        self,
        id=None,
        choices=None,
        created=None,
        model=None,
        object=None,
        system_fingerprint=_UNSET,
        usage=None,
        stream=None,
        stream_options=None,
        response_ms=None,
        hidden_params=None,
        _response_headers=None,
        **params,
    ):
        # `object` is always "chat.completion" and choices are always Choices, even with
        # stream=True (litellm 1.109.1 behaviour; streams use ModelResponseStream)
        if isinstance(choices, list):
            choices = [_coerce_choice(c) for c in choices]
        else:
            choices = [Choices()]
        fields = {
            "id": id if id is not None else generate_id(),
            "created": created if created is not None else int(time.time()),
            "model": model,
            "object": "chat.completion",
            "system_fingerprint": None,
            "choices": choices,
        }
        fields_set = {"id", "created", "model", "object", "choices"}
        if system_fingerprint is not _UNSET:
            fields["system_fingerprint"] = system_fingerprint
            fields_set.add("system_fingerprint")
        extra = {}
        if usage is not None:
            extra["usage"] = _coerce_usage(usage)
        extra.update(params)
        fields_set.update(extra)
        private = {
            "_hidden_params": hidden_params or {},
            "_response_headers": _response_headers or None,
        }
        _fill(self, fields, fields_set, extra, private)


def _coerce_choice(choice):
    if isinstance(choice, Choices):
        return choice
    if isinstance(choice, dict):
        return Choices(**choice)
    if _is_model(choice):
        return Choices(**_as_dump(choice))
    return choice


class ModelResponseStream(_JsonIsDump, ModelResponseBase):
    """One chunk of a streamed chat completion."""

    choices: Any
    provider_specific_fields: Any = None

    def __init__(
        self,
        choices=None,
        id=None,
        created=None,
        provider_specific_fields=None,
        **kwargs,
    ):
        if isinstance(choices, list):
            choices = [_coerce_streaming_choice(c) for c in choices]
        else:
            choices = [StreamingChoices()]
        fields = {
            "id": id if id is not None else generate_id(),
            "created": created if created is not None else int(time.time()),
            "model": None,
            "object": "chat.completion.chunk",
            "system_fingerprint": None,
            "choices": choices,
            "provider_specific_fields": provider_specific_fields,
        }
        fields_set = {"id", "created", "object", "choices", "provider_specific_fields"}
        for name in ("model", "system_fingerprint"):
            if name in kwargs:
                fields[name] = kwargs.pop(name)
                fields_set.add(name)
        kwargs.pop("object", None)
        usage = kwargs.get("usage")
        if usage is not None:
            kwargs["usage"] = _coerce_usage(usage)
        extra = kwargs  # usage=None stays as an explicit None, as litellm
        fields_set.update(extra)
        private = {"_hidden_params": {}, "_response_headers": None}
        _fill(self, fields, fields_set, extra, private)


def _coerce_streaming_choice(choice):
    if isinstance(choice, StreamingChoices):
        return choice
    if isinstance(choice, dict):
        return StreamingChoices(**choice)
    if _is_model(choice):
        return StreamingChoices(**_as_dump(choice))
    return None


# --------------------------------------------------------------------------------------------
# embeddings, text completions, images, transcriptions
# --------------------------------------------------------------------------------------------


class Embedding(_Model):
    """One vector of an EmbeddingResponse (real providers' responses keep plain dicts)."""

    embedding: Any = pydantic.Field(default_factory=list)
    index: Any
    object: Any


class EmbeddingResponse(_JsonIsDump, _Model):
    """Result of ``litellm.embedding``."""

    model: Any = None
    data: Any
    object: Any
    usage: Any = None

    _hidden_params: dict = pydantic.PrivateAttr(default_factory=dict)
    _response_headers: Any = pydantic.PrivateAttr(default=None)
    _response_ms: Any = pydantic.PrivateAttr(default=None)

    hidden_params = _hidden_params_property

    def __init__(
        self,
        model=None,
        usage=None,
        response_ms=None,
        data=None,
        hidden_params=None,
        _response_headers=None,
        **params,
    ):
        # litellm drops unknown params here
        fields = {
            "model": model,
            "data": data if data else [],
            "object": "list",
            "usage": _coerce_usage(usage) if usage else Usage(),
        }
        private = {
            "_hidden_params": hidden_params or {},
            "_response_headers": _response_headers or None,
            "_response_ms": response_ms,
        }
        _fill(self, fields, set(fields), {}, private)


class TextChoices(_JsonIsDump, _Model):
    """``choices[i]`` of a text completion: finish_reason, index, text, logprobs (extras)."""

    def __init__(self, finish_reason=None, index=0, text=None, logprobs=None, **params):
        extra = params
        extra["finish_reason"] = map_finish_reason(finish_reason) if finish_reason else None
        extra["index"] = index
        extra["text"] = text
        if isinstance(logprobs, dict):
            logprobs = Logprobs(**logprobs)
        extra["logprobs"] = logprobs
        _fill(self, {}, set(extra), extra, None)


class TextCompletionResponse(_Model):
    """Result of ``litellm.text_completion`` (and its stream chunks)."""

    id: Any
    object: Any
    created: Any
    model: Any
    choices: Any
    usage: Any

    _response_ms: Any = pydantic.PrivateAttr(default=None)
    _hidden_params: dict = pydantic.PrivateAttr(default_factory=dict)

    hidden_params = _hidden_params_property

    def __init__(
        self,
        id=None,
        choices=None,
        created=None,
        model=None,
        usage=None,
        stream=False,
        response_ms=None,
        object=None,
        **params,
    ):
        if stream:
            object = "text_completion.chunk"
            choices = [TextChoices()]
        else:
            object = "text_completion"
            if isinstance(choices, list):
                choices = [
                    c
                    if isinstance(c, TextChoices)
                    else TextChoices(**c)
                    if isinstance(c, dict)
                    else None
                    for c in choices
                ]
            else:
                choices = [TextChoices()]
        fields = {
            "id": id if id is not None else generate_id(),
            "object": object,
            "created": created if created is not None else int(time.time()),
            "model": model,
            "choices": choices,
            "usage": _coerce_usage(usage) if usage else Usage(),
        }
        extra = params
        private = {"_response_ms": response_ms or None, "_hidden_params": {}}
        _fill(self, fields, {*fields, *extra}, extra, private)


class ImageUsageInputTokensDetails(_Model):
    image_tokens: Any
    text_tokens: Any


class ImageUsage(_Model):
    """``ImageResponse.usage``."""

    input_tokens: Any
    input_tokens_details: Any
    output_tokens: Any
    total_tokens: Any

    _nested = {"input_tokens_details": _coerce_to(ImageUsageInputTokensDetails)}


def _zero_image_usage():
    return ImageUsage(
        input_tokens=0,
        input_tokens_details=ImageUsageInputTokensDetails(image_tokens=0, text_tokens=0),
        output_tokens=0,
        total_tokens=0,
    )


class ImageObject(_JsonIsDump, _Model):
    """One generated image: url or b64_json (plus revised_prompt)."""

    b64_json: Any = None
    revised_prompt: Any = None
    url: Any = None
    provider_specific_fields: Any = None

    def __init__(
        self,
        b64_json=None,
        url=None,
        revised_prompt=None,
        provider_specific_fields=None,
        **kwargs,
    ):
        fields = {
            "b64_json": b64_json,
            "revised_prompt": revised_prompt,
            "url": url,
            "provider_specific_fields": provider_specific_fields or None,
        }
        fields_set = {"b64_json", "revised_prompt", "url"}
        if provider_specific_fields:
            fields_set.add("provider_specific_fields")
        _fill(self, fields, fields_set, {}, None)


class ImageResponse(_JsonIsDump, _Model):
    """Result of ``litellm.image_generation``."""

    created: Any
    background: Any = None
    data: Any = None
    output_format: Any = None
    quality: Any = None
    safety_identifier: Any = None
    size: Any = None
    svg_usage: Any = None
    usage: Any = None

    _hidden_params: dict = pydantic.PrivateAttr(default_factory=dict)

    hidden_params = _hidden_params_property

    def __init__(
        self,
        created=None,
        data=None,
        response_ms=None,
        usage=None,
        hidden_params=None,
        **kwargs,
    ):
        images = []
        for item in data or ():
            if isinstance(item, ImageObject):
                images.append(item)
            elif isinstance(item, dict):
                images.append(ImageObject(**item))
            elif _is_model(item):
                images.append(ImageObject(**_as_dump(item)))
        if isinstance(usage, dict):
            usage = ImageUsage(**usage)
        fields = {
            "created": created if created else int(time.time()),
            "background": kwargs.get("background"),
            "data": images,
            "output_format": kwargs.get("output_format"),
            "quality": kwargs.get("quality"),
            "safety_identifier": None,
            "size": kwargs.get("size"),
            "svg_usage": None,
            "usage": usage or _zero_image_usage(),
        }
        fields_set = {"created", "background", "data", "output_format", "quality", "size", "usage"}
        _fill(self, fields, fields_set, {}, {"_hidden_params": hidden_params or {}})


class TranscriptionResponse(_JsonIsDump, _Model):
    """Result of ``litellm.transcription``."""

    text: Any = None
    usage: Any = None

    _hidden_params: dict = pydantic.PrivateAttr(default_factory=dict)
    _response_headers: Any = pydantic.PrivateAttr(default=None)

    hidden_params = _hidden_params_property

    def __init__(self, text=None):
        private = {"_hidden_params": {}, "_response_headers": None}
        _fill(self, {"text": text, "usage": None}, {"text"}, {}, private)
