"""The light response classes: used when pydantic v2 is not installed.

//! Owns plain-Python versions of litellm's response objects with a pydantic-like surface
//! (attribute and dict access, model_dump, copy, pickle, equality). Does not own which family
//! is public (litellm.types.utils decides on first access) nor how engine objects are filled:
//! the Rust engine builds them without calling __init__ (``object.__new__(cls)`` + a prepared
//! ``__dict__``, see ``_from_fields``); the constructors below mirror litellm 1.109.1's.

Representation (one rule for every class): an instance's ``__dict__`` holds exactly the fields
that are set, public ones in declared order then extras, plus private keys starting with ``_``
(``_hidden_params``, ``_response_ms``, ...), which never show in dumps, iteration, equality or
``model_fields_set``. A declared field that litellm keeps with a default (e.g.
``ModelResponse.system_fingerprint``) is served from the class table ``_defaults`` when absent;
fields litellm deletes when unset (e.g. ``Message.refusal``) raise AttributeError when absent.

Import cost matters, so this module imports only ``time``; json/copy/warnings/pydantic_core are
imported inside the functions that need them.
"""

import time

from .utils import _INF, _is_non_finite, _uuid4, generate_id, map_finish_reason

# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


class _Required:
    """Marker for a declared field without a default (pydantic's PydanticUndefined)."""

    __slots__ = ()

    def __repr__(self):
        return "PydanticUndefined"


_REQUIRED = _Required()


def _from_fields(cls, fields):
    """Build ``cls`` the way the engine does: no __init__, ``fields`` becomes the instance __dict__.

    ``fields`` must hold only set fields (absent = unset) with nested values already converted to
    the right classes; it is used as is, not copied.
    """
    obj = object.__new__(cls)
    obj.__dict__ = fields
    return obj


# --------------------------------------------------------------------------------------------
# serialisation (model_dump and friends)
# --------------------------------------------------------------------------------------------


def _norm_filter(spec):
    """include/exclude as pydantic accepts them (set/list of names, or nested dict) -> dict.

    A value of True means "the whole field"; anything else is the nested filter.
    """
    if spec is None:
        return None
    if isinstance(spec, dict):
        return {k: (True if v is True or v is ... else v) for k, v in spec.items()}
    return dict.fromkeys(spec, True)


def _dump_model(obj, opts, inc, exc):
    # opts = (json_mode, exclude_unset, exclude_defaults, exclude_none)
    cls = type(obj)
    d = obj.__dict__
    exclude_unset = opts[1]
    exclude_defaults = opts[2]
    exclude_none = opts[3]
    defaults = cls._defaults
    field_defaults = cls._field_defaults
    declared = cls._declared
    out = {}
    if inc is not None and not isinstance(inc, dict):
        inc = _norm_filter(inc)
    if exc is not None and not isinstance(exc, dict):
        exc = _norm_filter(exc)
    # declared fields first, in declared order, then extras in insertion order (as pydantic)
    items = []
    for name in cls._field_names:
        if name in d:
            items.append((name, d[name], True))
        elif not exclude_unset and name in defaults:
            items.append((name, defaults[name], True))
    for name, value in d.items():
        if name not in declared and not name.startswith("_"):
            items.append((name, value, False))
    for name, value, is_declared in items:
        sub_inc = sub_exc = None
        if exc is not None and name in exc:
            sub_exc = exc[name]
            if sub_exc is True:
                continue
        if inc is not None:
            if name not in inc:
                continue
            sub_inc = inc[name]
            if sub_inc is True:
                sub_inc = None
        if exclude_none and value is None:
            continue
        if exclude_defaults and is_declared and name in field_defaults:
            if value == field_defaults[name]:
                continue
        out[name] = _dump_value(value, opts, sub_inc, sub_exc)
    return out


def _dump_value(value, opts, inc, exc):
    t = type(value)
    if value is None or t is str or t is int or t is bool:
        return value
    if t is float:
        # pydantic writes inf/nan as null in JSON
        if opts[0] and (value != value or value == _INF or value == -_INF):
            return None
        return value
    if isinstance(value, _ResponseBase):
        return _dump_model(value, opts, inc, exc)
    if t is list or t is tuple or isinstance(value, (list, tuple)):
        return _dump_seq(value, opts, inc, exc)
    if isinstance(value, dict):
        inc = _norm_filter(inc)
        exc = _norm_filter(exc)
        out = {}
        for k, v in value.items():
            sub_inc = sub_exc = None
            if exc is not None and k in exc:
                sub_exc = exc[k]
                if sub_exc is True:
                    continue
            if inc is not None:
                if k not in inc:
                    continue
                sub_inc = inc[k]
                if sub_inc is True:
                    sub_inc = None
            # note: exclude_none does not reach into plain dicts (pydantic neither)
            out[k] = _dump_value(v, opts, sub_inc, sub_exc)
        return out
    dump = getattr(type(value), "model_dump", None)
    if dump is not None:
        # a foreign pydantic model stored as an extra (e.g. an openai SDK object)
        try:
            return value.model_dump(
                mode="json" if opts[0] else "python",
                include=inc,
                exclude=exc,
                exclude_unset=opts[1],
                exclude_defaults=opts[2],
                exclude_none=opts[3],
            )
        except TypeError:
            return value.model_dump()
    if opts[0]:
        if isinstance(value, (set, frozenset)):
            return _dump_seq(list(value), opts, inc, exc)
        if isinstance(value, (bytes, bytearray)):
            return bytes(value).decode("utf-8", "replace")
        iso = getattr(value, "isoformat", None)
        if iso is not None:
            return iso()
    return value


def _dump_seq(seq, opts, inc, exc):
    inc = _norm_filter(inc)
    exc = _norm_filter(exc)
    out = []
    if inc is None and exc is None:
        for item in seq:
            out.append(_dump_value(item, opts, None, None))
    else:
        for i, item in enumerate(seq):
            sub_inc = sub_exc = None
            if exc is not None:
                sub_exc = exc.get(i, exc.get("__all__"))
                if sub_exc is True:
                    continue
            if inc is not None:
                if i in inc:
                    sub_inc = inc[i]
                elif "__all__" in inc:
                    sub_inc = inc["__all__"]
                else:
                    continue
                if sub_inc is True:
                    sub_inc = None
            out.append(_dump_value(item, opts, sub_inc, sub_exc))
    if type(seq) is tuple and not opts[0]:
        return tuple(out)
    return out


def _json_dumps(data, indent, ensure_ascii=False):
    import json

    if indent is None:
        return json.dumps(data, ensure_ascii=ensure_ascii, separators=(",", ":"), default=str)
    return json.dumps(data, ensure_ascii=ensure_ascii, indent=indent, default=str)


def _deprecated(what, instead):
    import warnings

    warnings.warn(
        f"The `{what}` method is deprecated; use `{instead}` instead.",
        DeprecationWarning,
        stacklevel=3,
    )


class _FieldInfo:
    """The little of pydantic's FieldInfo that code reads from ``model_fields``."""

    __slots__ = ("default",)

    def __init__(self, default):
        self.default = default

    def is_required(self):
        return self.default is _REQUIRED

    def __repr__(self):
        return f"FieldInfo(required={self.is_required()}, default={self.default!r})"


# --------------------------------------------------------------------------------------------
# the shared base
# --------------------------------------------------------------------------------------------


class _ResponseBase:
    """Base of every response object: pydantic-v2-like behaviour on a plain __dict__."""

    # Per-class tables (declared by each subclass; derived ones computed in __init_subclass__).
    _fields = {}  # declared field -> default (or _REQUIRED), in declared order
    _absent = ()  # declared fields litellm deletes when unset: no fallback, AttributeError
    _private = {}  # private attribute defaults served when absent (e.g. _response_headers)
    _has_hidden_params = False  # `_hidden_params` springs into existence as {} on first read
    _dump_exclude_unset = False  # ModelResponse/ModelResponseStream: model_dump() drops unset
    _json_is_dict = False  # litellm overrides .json() to return model_dump() on some classes
    _extra_allowed = True  # pydantic extra="allow" (ServerToolUse ignores extras)
    _nested = {}  # generic constructor: field -> class that dict values are coerced to

    # derived
    _field_names = ()
    _declared = frozenset()
    _defaults = {}
    _field_defaults = {}
    model_fields = {}
    model_computed_fields = {}
    model_config = {"extra": "allow"}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fields = cls._fields
        absent = frozenset(cls._absent)
        cls._field_names = tuple(fields)
        cls._declared = frozenset(fields)
        cls._field_defaults = {n: v for n, v in fields.items() if v is not _REQUIRED}
        defaults = {n: v for n, v in cls._field_defaults.items() if n not in absent}
        defaults.update(cls._private)
        cls._defaults = defaults
        cls.model_fields = {n: _FieldInfo(v) for n, v in fields.items()}
        if not cls._extra_allowed:
            cls.model_config = {}

    # Generic constructor (pydantic's): set what is given, coerce nested dicts. Classes whose
    # litellm constructor does more define their own __init__.
    def __init__(self, **data):
        d = self.__dict__
        nested = type(self)._nested
        declared = type(self)._declared
        allowed = type(self)._extra_allowed
        for name, value in data.items():
            if not allowed and name not in declared:
                continue
            if name in nested and isinstance(value, dict):
                value = nested[name](**value)
            d[name] = value

    # ---- attribute and dict-style access -------------------------------------------------

    def __getattr__(self, name):
        # Only reached when `name` is not in __dict__ nor on the class.
        cls = type(self)
        defaults = cls._defaults
        if name in defaults:
            return defaults[name]
        if name == "_hidden_params" and cls._has_hidden_params:
            hidden = self.__dict__["_hidden_params"] = {}
            return hidden
        raise AttributeError(f"{cls.__name__!r} object has no attribute {name!r}")

    def __getitem__(self, key):
        # litellm: dict access is getattr, so a missing key raises AttributeError, not KeyError
        return getattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __contains__(self, key):
        return hasattr(self, key)

    def __setitem__(self, key, value):
        setattr(self, key, value)

    def __iter__(self):
        # pydantic: (name, value) pairs of fields (incl. defaulted ones) then extras
        d = self.__dict__
        cls = type(self)
        defaults = cls._defaults
        declared = cls._declared
        for name in cls._field_names:
            if name in d:
                yield name, d[name]
            elif name in defaults:
                yield name, defaults[name]
        for name, value in d.items():
            if name not in declared and not name.startswith("_"):
                yield name, value

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return dict(self) == dict(other)

    __hash__ = None  # mutable, like pydantic models

    def __repr__(self):
        args = ", ".join(f"{name}={value!r}" for name, value in self)
        return f"{type(self).__name__}({args})"

    __str__ = __repr__  # openai's BaseModel prints the repr

    # ---- pydantic v2 surface ----------------------------------------------------------------

    @property
    def model_fields_set(self):
        return {name for name in self.__dict__ if not name.startswith("_")}

    @property
    def model_extra(self):
        declared = type(self)._declared
        return {
            name: value
            for name, value in self.__dict__.items()
            if name not in declared and not name.startswith("_")
        }

    def model_dump(
        self,
        *,
        mode="python",
        include=None,
        exclude=None,
        context=None,
        by_alias=None,
        exclude_unset=None,
        exclude_defaults=False,
        exclude_none=None,
        exclude_computed_fields=False,
        round_trip=False,
        warnings=True,
        fallback=None,
        serialize_as_any=False,
    ):
        """Recursive dict of the public fields (pydantic arguments; aliases/context ignored).

        ``exclude_unset`` defaults to False, except on ModelResponse/ModelResponseStream where
        litellm defaults it to True unless the caller passes exclude_unset or exclude_none.
        """
        if exclude_unset is None:
            exclude_unset = type(self)._dump_exclude_unset and exclude_none is None
        opts = (
            mode == "json",
            bool(exclude_unset),
            bool(exclude_defaults),
            bool(exclude_none),
        )
        return _dump_model(self, opts, _norm_filter(include), _norm_filter(exclude))

    def model_dump_json(
        self,
        *,
        indent=None,
        ensure_ascii=False,
        include=None,
        exclude=None,
        context=None,
        by_alias=None,
        exclude_unset=False,
        exclude_defaults=False,
        exclude_none=False,
        exclude_computed_fields=False,
        round_trip=False,
        warnings=True,
        fallback=None,
        serialize_as_any=False,
    ):
        # note: no exclude_unset default here even on ModelResponse (litellm only overrides
        # model_dump), so system_fingerprint shows as null
        opts = (True, bool(exclude_unset), bool(exclude_defaults), bool(exclude_none))
        data = _dump_model(self, opts, _norm_filter(include), _norm_filter(exclude))
        return _json_dumps(data, indent, ensure_ascii)

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
        """openai SDK helper: like model_dump but unset fields are dropped by default."""
        return self.model_dump(
            mode=mode,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
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
        """openai SDK helper: JSON text, indented by 2 and without unset fields by default."""
        return self.model_dump_json(
            indent=indent,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )

    def json(self, **kwargs):
        # litellm overrides json() on some classes to return model_dump() (a dict!); elsewhere
        # it is pydantic's deprecated json(), which returns a string.
        if type(self)._json_is_dict:
            return self.model_dump()
        _deprecated("json", "model_dump_json")
        return self.model_dump_json(
            include=kwargs.get("include"),
            exclude=kwargs.get("exclude"),
            exclude_unset=kwargs.get("exclude_unset", False),
            exclude_defaults=kwargs.get("exclude_defaults", False),
            exclude_none=kwargs.get("exclude_none", False),
        )

    def dict(
        self,
        *,
        include=None,
        exclude=None,
        by_alias=False,
        exclude_unset=False,
        exclude_defaults=False,
        exclude_none=False,
    ):
        _deprecated("dict", "model_dump")
        return self.model_dump(
            include=include,
            exclude=exclude,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )

    def model_copy(self, *, update=None, deep=False):
        if deep:
            import copy

            new = copy.deepcopy(self)
        else:
            new = self.__copy__()
        if update:
            new.__dict__.update(update)
        return new

    def copy(self, *, include=None, exclude=None, update=None, deep=False):
        _deprecated("copy", "model_copy")
        return self.model_copy(update=update, deep=deep)

    def __copy__(self):
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

    def __deepcopy__(self, memo):
        import copy

        new = object.__new__(type(self))
        memo[id(self)] = new
        new.__dict__.update(copy.deepcopy(self.__dict__, memo))
        return new

    @classmethod
    def model_validate(cls, obj, *, strict=None, from_attributes=None, context=None, **_ignored):
        """An instance is returned as is; a mapping (or another model) goes through __init__."""
        if isinstance(obj, cls):
            return obj
        if isinstance(obj, dict):
            return cls(**obj)
        dump = getattr(type(obj), "model_dump", None)
        if dump is not None:
            return cls(**obj.model_dump())
        raise ValueError(
            f"1 validation error for {cls.__name__}\n  Input should be a valid dictionary or "
            f"instance of {cls.__name__} [input_type={type(obj).__name__}]"
        )

    @classmethod
    def model_validate_json(cls, json_data, *, strict=None, context=None, **_ignored):
        import json

        return cls.model_validate(json.loads(json_data))

    @classmethod
    def model_construct(cls, _fields_set=None, **values):
        """No validation, no constructor logic: the values become the instance's fields."""
        return _from_fields(cls, values)

    construct = model_construct
    parse_obj = model_validate

    # ---- pydantic integration without importing pydantic -----------------------------------

    @classmethod
    def __get_pydantic_core_schema__(cls, source_type, handler):
        """Lets a user's pydantic model (or FastAPI response_model) hold these objects."""
        from pydantic_core import core_schema

        def validate(value):
            if isinstance(value, cls):
                return value
            return cls.model_validate(value)

        def serialize(value, info):
            if not isinstance(value, _ResponseBase):
                return value
            return value.model_dump(
                mode="json" if info.mode == "json" else "python",
                include=getattr(info, "include", None),
                exclude=getattr(info, "exclude", None),
                exclude_unset=bool(getattr(info, "exclude_unset", False)),
                exclude_defaults=bool(getattr(info, "exclude_defaults", False)),
                exclude_none=bool(getattr(info, "exclude_none", False)),
            )

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                serialize, info_arg=True
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema, handler):
        return {
            "type": "object",
            "title": cls.__name__,
            "properties": {name: {} for name in cls._field_names},
            "additionalProperties": True,
        }


def _hidden_params_get(self):
    return self._hidden_params  # created on first read by __getattr__


def _hidden_params_set(self, value):
    self.__dict__["_hidden_params"] = value


_hidden_params_property = property(_hidden_params_get, _hidden_params_set)


def _as_dump(value):
    """A foreign model (pydantic / another response class) as a plain dict for re-construction."""
    return value.model_dump()


def _is_model(value):
    return getattr(type(value), "model_dump", None) is not None


# --------------------------------------------------------------------------------------------
# tool calls and functions
# --------------------------------------------------------------------------------------------


class Function(_ResponseBase):
    """A tool call's function: ``arguments`` is always a string (dicts are json.dumps'd)."""

    _fields = {"arguments": _REQUIRED, "name": _REQUIRED}

    def __init__(self, arguments=None, name=None, **params):
        if arguments is None:
            parameters = params.get("parameters")
            if isinstance(parameters, dict):
                import json

                arguments = json.dumps(parameters)
            else:
                arguments = ""
        elif isinstance(arguments, dict):
            import json

            arguments = json.dumps(arguments)
        # litellm keeps only arguments and name; other params are dropped
        d = self.__dict__
        d["arguments"] = arguments
        d["name"] = name


class FunctionCall(_ResponseBase):
    """Legacy ``message.function_call``."""

    _fields = {"arguments": _REQUIRED, "name": None}

    def __init__(self, **data):
        args = data.get("arguments")
        if isinstance(args, dict):
            import json

            data["arguments"] = json.dumps(args)
        super().__init__(**data)


class ChatCompletionMessageToolCall(_ResponseBase):
    """``message.tool_calls[i]``: function, id (uuid4 when missing), type ("function")."""

    # litellm declares no fields here: function/id/type are extras
    def __init__(self, function, id=None, type=None, **params):
        d = self.__dict__
        d.update(params)
        if isinstance(function, dict):
            function = Function(**function)
        d["function"] = function
        d["id"] = id if id is not None else _uuid4()
        d["type"] = type if type is not None else "function"


class ChatCompletionDeltaToolCall(_ResponseBase):
    """``delta.tool_calls[i]`` in a stream chunk."""

    _fields = {"id": None, "function": _REQUIRED, "type": None, "index": _REQUIRED}
    _nested = {"function": Function}


class ChatCompletionCustomToolCallPayload(_ResponseBase):
    _fields = {"name": _REQUIRED, "input": _REQUIRED}


class ChatCompletionDeltaCustomToolCallPayload(_ResponseBase):
    _fields = {"name": None, "input": None}


class ChatCompletionMessageCustomToolCall(_ResponseBase):
    """A custom (free-form) tool call on a message."""

    _fields = {"id": _REQUIRED, "type": "custom", "custom": _REQUIRED}
    _nested = {"custom": ChatCompletionCustomToolCallPayload}


class ChatCompletionDeltaCustomToolCall(_ResponseBase):
    """A custom (free-form) tool call fragment in a stream chunk."""

    _fields = {"id": None, "type": None, "custom": _REQUIRED, "index": _REQUIRED}
    _nested = {"custom": ChatCompletionDeltaCustomToolCallPayload}


def _is_custom_tool_call(tc):
    return tc.get("type") == "custom" or tc.get("custom") is not None


class ChatCompletionAudioResponse(_ResponseBase):
    """``message.audio`` of an audio-output completion."""

    _fields = {
        "id": _REQUIRED,
        "data": _REQUIRED,
        "expires_at": _REQUIRED,
        "transcript": _REQUIRED,
    }

    def __init__(self, data=None, expires_at=None, transcript=None, id=None, **params):
        d = self.__dict__
        d["id"] = id if id is not None else _uuid4()
        d["data"] = data
        d["expires_at"] = expires_at
        d["transcript"] = transcript
        d.update(params)


# --------------------------------------------------------------------------------------------
# logprobs
# --------------------------------------------------------------------------------------------


class TopLogprob(_ResponseBase):
    _fields = {"token": _REQUIRED, "bytes": None, "logprob": _REQUIRED}


class PromptTokensDetails(_ResponseBase):
    _fields = {"audio_tokens": None, "cached_tokens": None}


class HiddenParams(_ResponseBase):
    _fields = {"original_response": None, "model_id": None, "api_base": None, "response_cost": None}


class ChatCompletionTokenLogprob(_ResponseBase):
    _fields = {
        "token": _REQUIRED,
        "bytes": None,
        "logprob": _REQUIRED,
        "top_logprobs": _REQUIRED,
    }

    def __init__(self, **data):
        top = data.get("top_logprobs")
        # providers sometimes send null; litellm normalises to []
        data["top_logprobs"] = [TopLogprob(**t) if isinstance(t, dict) else t for t in (top or ())]
        super().__init__(**data)


class ChoiceLogprobs(_ResponseBase):
    """``choice.logprobs`` of a chat completion."""

    _fields = {"content": None, "refusal": None}

    def __init__(self, **data):
        for key in ("content", "refusal"):
            items = data.get(key)
            if isinstance(items, (list, tuple)):
                data[key] = [
                    ChatCompletionTokenLogprob(**t) if isinstance(t, dict) else t for t in items
                ]
        super().__init__(**data)


def _coerce_choice_logprobs(logprobs):
    if isinstance(logprobs, dict):
        return ChoiceLogprobs(**logprobs)
    if _is_model(logprobs) and not isinstance(logprobs, ChoiceLogprobs):
        return ChoiceLogprobs(**_as_dump(logprobs))
    return logprobs


class Logprobs(_ResponseBase):
    """``TextChoices.logprobs`` (legacy completions)."""

    _fields = {
        "text_offset": _REQUIRED,
        "token_logprobs": _REQUIRED,
        "tokens": _REQUIRED,
        "top_logprobs": _REQUIRED,
    }


# --------------------------------------------------------------------------------------------
# messages and choices
# --------------------------------------------------------------------------------------------


class Message(_ResponseBase):
    """``choices[i].message``.

    content/role/tool_calls/function_call are always set; the optional OpenAI-extension fields
    are absent unless given (reading them raises AttributeError, ``.get()`` returns None);
    provider_specific_fields reads as None when unset.
    """

    _fields = {
        "content": _REQUIRED,
        "role": _REQUIRED,
        "refusal": None,
        "tool_calls": _REQUIRED,
        "function_call": _REQUIRED,
        "audio": None,
        "images": None,
        "reasoning_content": None,
        "thinking_blocks": None,
        "reasoning_items": None,
        "provider_specific_fields": None,
        "annotations": None,
    }
    _absent = (
        "refusal",
        "audio",
        "images",
        "reasoning_content",
        "thinking_blocks",
        "reasoning_items",
        "annotations",
    )
    _json_is_dict = True

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
        d = self.__dict__
        d["content"] = content
        d["role"] = role or "assistant"
        if "refusal" in params:
            d["refusal"] = params.pop("refusal")
        if tool_calls:  # an empty list becomes None, as litellm
            d["tool_calls"] = [_coerce_message_tool_call(tc) for tc in tool_calls]
        else:
            d["tool_calls"] = None
        if isinstance(function_call, dict):
            function_call = FunctionCall(**function_call)
        d["function_call"] = function_call
        if audio is not None:
            if isinstance(audio, dict):
                audio = ChatCompletionAudioResponse(**audio)
            d["audio"] = audio
        if images is not None:
            d["images"] = images
        if reasoning_content is not None:
            d["reasoning_content"] = reasoning_content
        if thinking_blocks is not None:
            d["thinking_blocks"] = thinking_blocks
        if reasoning_items is not None:
            d["reasoning_items"] = reasoning_items
        if provider_specific_fields:  # set only when non-empty
            d["provider_specific_fields"] = provider_specific_fields
        if annotations is not None:
            d["annotations"] = annotations
        d.update(params)


def _coerce_message_tool_call(tc):
    if isinstance(tc, dict):
        if _is_custom_tool_call(tc):
            return ChatCompletionMessageCustomToolCall(
                **{k: v for k, v in tc.items() if not (k in ("function", "type") and v is None)}
            )
        return ChatCompletionMessageToolCall(**tc)
    if isinstance(tc, _ResponseBase) or not _is_model(tc):
        return tc
    return _coerce_message_tool_call(_as_dump(tc))


class Delta(_ResponseBase):
    """``choices[i].delta`` of a stream chunk.

    content, role, function_call, tool_calls and audio are extras that are always present
    (None when unset); reasoning_content/thinking_blocks/reasoning_items are absent unless set.
    """

    _fields = {
        "reasoning_content": None,
        "thinking_blocks": None,
        "reasoning_items": None,
        "provider_specific_fields": None,
    }
    _absent = ("reasoning_content", "thinking_blocks", "reasoning_items")

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
        d = self.__dict__
        if reasoning_content is not None:
            d["reasoning_content"] = reasoning_content
        if thinking_blocks is not None:
            d["thinking_blocks"] = thinking_blocks
        if reasoning_items is not None:
            d["reasoning_items"] = reasoning_items
        d.update(params)  # includes provider_specific_fields when passed
        if isinstance(function_call, dict):
            function_call = FunctionCall(**function_call)
        if isinstance(tool_calls, (list, tuple)):
            tool_calls = _coerce_delta_tool_calls(tool_calls)
        d["content"] = content
        d["role"] = role
        d["function_call"] = function_call
        d["tool_calls"] = tool_calls
        d["audio"] = audio
        if images:
            d["images"] = images
        if annotations is not None:
            d["annotations"] = annotations


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


class Choices(_ResponseBase):
    """``response.choices[i]`` of a (non-streaming) chat completion."""

    _fields = {
        "finish_reason": _REQUIRED,
        "index": _REQUIRED,
        "message": _REQUIRED,
        "logprobs": None,
        "provider_specific_fields": None,
    }
    _absent = ("logprobs", "provider_specific_fields")

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
        d = self.__dict__
        if finish_reason is not None:
            mapped = map_finish_reason(finish_reason)
            if mapped != finish_reason:
                # the provider's own value stays reachable
                provider_specific_fields = dict(provider_specific_fields or {})
                provider_specific_fields["native_finish_reason"] = finish_reason
            d["finish_reason"] = mapped
        else:
            d["finish_reason"] = "stop"
        d["index"] = index if index is not None else 0
        if message is None:
            message = Message()
        elif isinstance(message, dict):
            message = Message(**message)
        elif not isinstance(message, Message) and _is_model(message):
            message = Message(**_as_dump(message))
        d["message"] = message
        if logprobs is not None:
            d["logprobs"] = _coerce_choice_logprobs(logprobs)
        if provider_specific_fields is not None:
            d["provider_specific_fields"] = provider_specific_fields
        d.update(params)
        if enhancements is not None:
            d["enhancements"] = enhancements


class StreamingChoices(_ResponseBase):
    """``chunk.choices[i]``: finish_reason, index, delta, logprobs are extras, always present."""

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
        d = self.__dict__
        d.update(params)
        d["finish_reason"] = map_finish_reason(finish_reason) if finish_reason else None
        d["index"] = index
        if delta is None:
            d["delta"] = Delta()
        elif isinstance(delta, Delta):
            d["delta"] = delta
        elif isinstance(delta, dict):
            d["delta"] = Delta(**delta)
        if enhancements is not None:
            d["enhancements"] = enhancements
        if isinstance(logprobs, dict) or (
            _is_model(logprobs) and not isinstance(logprobs, ChoiceLogprobs)
        ):
            logprobs = _coerce_choice_logprobs(logprobs)
        d["logprobs"] = logprobs


# --------------------------------------------------------------------------------------------
# usage
# --------------------------------------------------------------------------------------------


class CompletionTokensDetailsWrapper(_ResponseBase):
    """``usage.completion_tokens_details``."""

    _fields = {
        "accepted_prediction_tokens": None,
        "audio_tokens": None,
        "reasoning_tokens": None,
        "rejected_prediction_tokens": None,
        "text_tokens": None,
        "image_tokens": None,
        "video_tokens": None,
    }


class CacheCreationTokenDetails(_ResponseBase):
    _fields = {
        "ephemeral_5m_input_tokens": None,
        "ephemeral_30m_input_tokens": None,
        "ephemeral_1h_input_tokens": None,
        "ephemeral_12h_input_tokens": None,
    }


class PromptTokensDetailsWrapper(_ResponseBase):
    """``usage.prompt_tokens_details``.

    cache_write_tokens and cache_creation_tokens mirror each other (setting one sets both).
    The OpenAI fields read as None when unset; litellm's extension fields are absent unless set.
    """

    _fields = {
        "audio_tokens": None,
        "cache_write_tokens": None,
        "cached_tokens": None,
        "image_tokens": None,
        "text_tokens": None,
        "video_tokens": None,
        "web_search_requests": None,
        "google_maps_grounding_requests": None,
        "tool_use_tokens": None,
        "initial_prompt_tokens": None,
        "character_count": None,
        "image_count": None,
        "video_length_seconds": None,
        "audio_length_seconds": None,
        "query_count": None,
        "cache_creation_tokens": None,
        "cache_creation_token_details": None,
        "cached_tokens_details": None,
        "cache_type": None,
    }
    _absent = (
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
    )

    def __init__(self, **kwargs):
        d = self.__dict__
        for name, value in kwargs.items():
            if name == "cache_creation_token_details" and isinstance(value, dict):
                value = CacheCreationTokenDetails(**value)
            elif name == "cache_type" and not isinstance(value, str):
                value = None
            d[name] = value
        write = kwargs.get("cache_write_tokens")
        if write is None:
            write = kwargs.get("cache_creation_tokens")
        if write is None:
            nested = kwargs.get("cache_creation_input_tokens")
            write = nested if isinstance(nested, int) else None
        d["cache_write_tokens"] = write
        d["cache_creation_tokens"] = write
        for name in self._absent:
            if name in d and d[name] is None:
                del d[name]

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        if name == "cache_write_tokens":
            object.__setattr__(self, "cache_creation_tokens", value)
        elif name == "cache_creation_tokens":
            object.__setattr__(self, "cache_write_tokens", value)


class ServerToolUse(_ResponseBase):
    """``usage.server_tool_use`` (Anthropic server tools). Unknown keys are ignored."""

    _fields = {
        "web_search_requests": None,
        "tool_search_requests": None,
        "browser_open_requests": None,
    }
    _extra_allowed = False

    def __getitem__(self, key):
        if key not in type(self)._declared:
            raise KeyError(key)
        return getattr(self, key)


class Usage(_ResponseBase):
    """``response.usage``: token counts (missing -> 0) plus details wrappers.

    Provider-specific kwargs are kept as extra fields and mapped: Anthropic
    cache_read_input_tokens / cache_creation_input_tokens and DeepSeek prompt_cache_hit_tokens
    feed prompt_tokens_details; ``reasoning_tokens=`` feeds completion_tokens_details.
    """

    _fields = {
        "completion_tokens": _REQUIRED,
        "prompt_tokens": _REQUIRED,
        "total_tokens": _REQUIRED,
        "completion_tokens_details": None,
        "prompt_tokens_details": None,
        "server_tool_use": None,
        "cost": None,
    }
    _absent = ("server_tool_use", "cost")
    _private = {
        "_cache_creation_input_tokens": 0,
        "_cache_read_input_tokens": 0,
        "_dropped_non_finite_cost": False,
    }

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

        d = self.__dict__
        d["completion_tokens"] = completion_tokens or 0
        d["prompt_tokens"] = prompt_tokens or 0
        d["total_tokens"] = total_tokens or 0
        d["completion_tokens_details"] = ctd
        d["prompt_tokens_details"] = ptd
        if isinstance(server_tool_use, dict):
            server_tool_use = ServerToolUse(**server_tool_use)
        if server_tool_use is not None:
            d["server_tool_use"] = server_tool_use
        if cost is not None:
            if _is_non_finite(cost):
                d["_dropped_non_finite_cost"] = True
            else:
                d["cost"] = cost
        if isinstance(cache_write, int):
            d["_cache_creation_input_tokens"] = cache_write
        if isinstance(cache_read, int):
            d["_cache_read_input_tokens"] = cache_read
        if isinstance(hit, int):
            d["_cache_read_input_tokens"] = hit
        d.update(params)  # provider kwargs stay visible as extra fields

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


class ModelResponseBase(_ResponseBase):
    """Fields shared by ModelResponse and ModelResponseStream."""

    _fields = {
        "id": _REQUIRED,
        "created": _REQUIRED,
        "model": None,
        "object": _REQUIRED,
        "system_fingerprint": None,
    }
    _private = {"_response_headers": None}
    _has_hidden_params = True
    _dump_exclude_unset = True

    hidden_params = _hidden_params_property

    def __setitem__(self, key, value):
        # litellm's response objects do not support item assignment (attributes do work)
        raise TypeError(f"{type(self).__name__!r} object does not support item assignment")


_UNSET = object()  # distinguishes "system_fingerprint not passed" from None


class ModelResponse(ModelResponseBase):
    """A chat completion (``litellm.completion`` without stream)."""

    _fields = {**ModelResponseBase._fields, "choices": _REQUIRED}
    _json_is_dict = True

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
        d = self.__dict__
        d["id"] = id if id is not None else generate_id()
        d["created"] = created if created is not None else int(time.time())
        d["model"] = model
        d["object"] = "chat.completion"
        if system_fingerprint is not _UNSET:
            d["system_fingerprint"] = system_fingerprint
        d["choices"] = choices
        if usage is not None:
            d["usage"] = _coerce_usage(usage)
        d.update(params)
        if hidden_params:
            d["_hidden_params"] = hidden_params
        if _response_headers:
            d["_response_headers"] = _response_headers


def _coerce_choice(choice):
    if isinstance(choice, Choices):
        return choice
    if isinstance(choice, dict):
        return Choices(**choice)
    if _is_model(choice):
        return Choices(**_as_dump(choice))
    return choice


class ModelResponseStream(ModelResponseBase):
    """One chunk of a streamed chat completion."""

    _fields = {
        **ModelResponseBase._fields,
        "choices": _REQUIRED,
        "provider_specific_fields": None,
    }
    _json_is_dict = True

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
        d = self.__dict__
        d["id"] = id if id is not None else generate_id()
        d["created"] = created if created is not None else int(time.time())
        if "model" in kwargs:
            d["model"] = kwargs.pop("model")
        d["object"] = "chat.completion.chunk"
        kwargs.pop("object", None)
        if "system_fingerprint" in kwargs:
            d["system_fingerprint"] = kwargs.pop("system_fingerprint")
        d["choices"] = choices
        d["provider_specific_fields"] = provider_specific_fields
        usage = kwargs.get("usage")
        if usage is not None:
            kwargs["usage"] = _coerce_usage(usage)
        d.update(kwargs)  # usage=None stays as an explicit None, as litellm


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


class Embedding(_ResponseBase):
    """One vector of an EmbeddingResponse (real providers' responses keep plain dicts)."""

    _fields = {"embedding": [], "index": _REQUIRED, "object": _REQUIRED}
    _absent = ("embedding",)  # always set by __init__ (a fresh list, never a shared default)

    def __init__(self, **data):
        if "embedding" not in data:
            data = {"embedding": [], **data}
        super().__init__(**data)


class EmbeddingResponse(_ResponseBase):
    """Result of ``litellm.embedding``."""

    _fields = {"model": None, "data": _REQUIRED, "object": _REQUIRED, "usage": None}
    _private = {"_response_headers": None, "_response_ms": None}
    _has_hidden_params = True
    _json_is_dict = True

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
        d = self.__dict__
        d["model"] = model
        d["data"] = data if data else []
        d["object"] = "list"
        d["usage"] = _coerce_usage(usage) if usage else Usage()
        if _response_headers:
            d["_response_headers"] = _response_headers
        if hidden_params:
            d["_hidden_params"] = hidden_params


class TextChoices(_ResponseBase):
    """``choices[i]`` of a text completion: finish_reason, index, text, logprobs (extras)."""

    _json_is_dict = True

    def __init__(self, finish_reason=None, index=0, text=None, logprobs=None, **params):
        d = self.__dict__
        d.update(params)
        d["finish_reason"] = map_finish_reason(finish_reason) if finish_reason else None
        d["index"] = index
        d["text"] = text
        if isinstance(logprobs, dict):
            logprobs = Logprobs(**logprobs)
        d["logprobs"] = logprobs


class TextCompletionResponse(_ResponseBase):
    """Result of ``litellm.text_completion`` (and its stream chunks)."""

    _fields = {
        "id": _REQUIRED,
        "object": _REQUIRED,
        "created": _REQUIRED,
        "model": _REQUIRED,
        "choices": _REQUIRED,
        "usage": _REQUIRED,
    }
    _private = {"_response_ms": None}
    _has_hidden_params = True

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
        d = self.__dict__
        d["id"] = id if id is not None else generate_id()
        d["object"] = object
        d["created"] = created if created is not None else int(time.time())
        d["model"] = model
        d["choices"] = choices
        d["usage"] = _coerce_usage(usage) if usage else Usage()
        d.update(params)
        if response_ms:
            d["_response_ms"] = response_ms


class ImageUsageInputTokensDetails(_ResponseBase):
    _fields = {"image_tokens": _REQUIRED, "text_tokens": _REQUIRED}


class ImageUsage(_ResponseBase):
    """``ImageResponse.usage``."""

    _fields = {
        "input_tokens": _REQUIRED,
        "input_tokens_details": _REQUIRED,
        "output_tokens": _REQUIRED,
        "total_tokens": _REQUIRED,
    }
    _nested = {"input_tokens_details": ImageUsageInputTokensDetails}


def _zero_image_usage():
    return _from_fields(
        ImageUsage,
        {
            "input_tokens": 0,
            "input_tokens_details": _from_fields(
                ImageUsageInputTokensDetails, {"image_tokens": 0, "text_tokens": 0}
            ),
            "output_tokens": 0,
            "total_tokens": 0,
        },
    )


class ImageObject(_ResponseBase):
    """One generated image: url or b64_json (plus revised_prompt)."""

    _fields = {
        "b64_json": None,
        "revised_prompt": None,
        "url": None,
        "provider_specific_fields": None,
    }
    _json_is_dict = True

    def __init__(
        self,
        b64_json=None,
        url=None,
        revised_prompt=None,
        provider_specific_fields=None,
        **kwargs,
    ):
        d = self.__dict__
        d["b64_json"] = b64_json
        d["url"] = url
        d["revised_prompt"] = revised_prompt
        if provider_specific_fields:
            d["provider_specific_fields"] = provider_specific_fields


class ImageResponse(_ResponseBase):
    """Result of ``litellm.image_generation``."""

    _fields = {
        "created": _REQUIRED,
        "background": None,
        "data": None,
        "output_format": None,
        "quality": None,
        "safety_identifier": None,
        "size": None,
        "svg_usage": None,
        "usage": None,
    }
    _has_hidden_params = True
    _json_is_dict = True

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
        d = self.__dict__
        d["created"] = created if created else int(time.time())
        d["background"] = kwargs.get("background")
        d["data"] = images
        d["output_format"] = kwargs.get("output_format")
        d["quality"] = kwargs.get("quality")
        d["size"] = kwargs.get("size")
        d["usage"] = usage or _zero_image_usage()
        d["_hidden_params"] = hidden_params or {}


class TranscriptionResponse(_ResponseBase):
    """Result of ``litellm.transcription``."""

    _fields = {"text": None, "usage": None}
    _private = {"_response_headers": None}
    _has_hidden_params = True
    _json_is_dict = True

    hidden_params = _hidden_params_property

    def __init__(self, text=None):
        self.__dict__["text"] = text
