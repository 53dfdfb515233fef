"""Runs one recorded reference case against whichever `litellm` is importable.

Shared by `scripts/record_reference.py` (under the reference litellm 1.109.1, to record) and
the comparison tests (under ferrolite, to replay). Stdlib only; `litellm` is imported when a
case runs. A case is a JSON object:

    {"id": "...",                      unique within its file
     "call": "litellm.token_counter",  dotted path of what to call (or "@probe", see PROBES)
     "get": "litellm.encoding.name",   ... or a dotted attribute to read instead of calling
     "args": [...], "kwargs": {...},   encoded inputs (see `decode`)
     "env": {"OPENAI_API_KEY": "..."}, set for the call, after every provider variable is removed
     "settings": {"drop_params": true},  litellm module attributes set for the call
     "view": "value",                  how the result is turned into JSON (see VIEWS)
     "warnings": "ignore" | "error",   warnings filter for the call (default "ignore")
     "mock": true,                     needs the loopback mock provider
     "expect": {"value": ...} | {"raises": {...}}}   what litellm 1.109.1 did

Encoded inputs are plain JSON, except one-key objects whose key starts with "$":
    {"$mock": "/s/id=x/v1"}                  the running mock's root URL + this path
    {"$new": "litellm.types.utils.Usage", "args": [...], "kwargs": {...}}   a constructed object
    {"$exc": "builtins.Exception", "args": [...], "kwargs": {...}, "attrs": {...}}
                                             an exception instance, attributes set after
    {"$tuple": [...]}                        a tuple
    {"$ref": "litellm.encoding"}             the object at a dotted path
    {"$call": "litellm.completion", "args": [...], "kwargs": {...}}   the result of a call
    {"$list": <encoded iterable>}            list(...) of it (e.g. a stream's chunks)

Results are normalised (`normalise`) so they do not depend on the time, random ids or the
mock's port; NORMALISATION describes the rules and is copied into every fixture file.
"""

import importlib
import inspect
import json
import math
import os
import re
import time
import warnings

FORMAT = 1

NORMALISATION = {
    "mock_url": "the mock's root URL http://127.0.0.1:<port> is written http://<mock> "
    "(127.0.0.1:<port> alone: <mock>)",
    "uuid": "any UUID (8-4-4-4-12 hex) inside a string is written <uuid>; memory addresses "
    "in reprs (0x + 6-16 hex digits) are written 0x<address>",
    "volatile_keys": "values of the keys _response_ms, response_ms, litellm_call_id, "
    "litellm_overhead_time_ms, callback_duration_ms, litellm_trace_id, "
    "completion_start_time, start_time, end_time are written <volatile> (None stays null)",
    "created": "a numeric `created` / `created_at` within 7 days of the recording time is written <now> "
    "(the mock's fixed 1700000000 is kept); so is `created=<digits>` inside text (reprs)",
    "elapsed": "'time taken=<n> seconds' inside text (timeout messages) is written "
    "'time taken=<elapsed> seconds'",
    "floats": "non-finite floats are {'$float': 'nan'|'inf'|'-inf'}; tests compare floats "
    "with a relative tolerance of 1e-9",
    "objects": "values JSON cannot hold are {'$type': 'module.qualname', 'repr': ...} "
    "(repr only for small builtin-like values); tuples are lists; sets are sorted lists",
    "exceptions": "a raised exception is {'type': class name, 'module': top-level package, "
    "'message': e.message if it is a str else str(e), 'str': str(e) when different, and "
    "status_code / llm_provider / model / litellm_debug_info when the attribute exists}",
}

# Provider credentials and endpoints removed from os.environ before every case.
CREDENTIAL_ENV = [
    "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE", "OPENAI_ORGANIZATION",
    "OPENAI_PROJECT", "OPENAI_API_VERSION", "ANTHROPIC_API_KEY", "ANTHROPIC_API_BASE",
    "ANTHROPIC_BASE_URL", "AZURE_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_API_BASE",
    "AZURE_OPENAI_ENDPOINT", "AZURE_API_VERSION", "AZURE_AD_TOKEN", "AZURE_OPENAI_AD_TOKEN",
    "AZURE_API_TYPE", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID",
    "AZURE_USERNAME", "AZURE_PASSWORD", "AZURE_AI_API_KEY", "AZURE_AI_API_BASE",
    "GROQ_API_KEY", "MISTRAL_API_KEY", "DEEPSEEK_API_KEY", "TOGETHERAI_API_KEY",
    "TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "FIREWORKS_API_KEY", "FIREWORKS_AI_API_KEY",
    "OPENROUTER_API_KEY", "XAI_API_KEY", "PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY",
    "CEREBRAS_API_KEY", "DEEPINFRA_API_KEY", "HOSTED_VLLM_API_BASE", "HOSTED_VLLM_API_KEY",
    "LM_STUDIO_API_BASE", "COHERE_API_KEY", "CO_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY",
    "GOOGLE_APPLICATION_CREDENTIALS", "VERTEXAI_PROJECT", "VERTEXAI_LOCATION",
    "VERTEXAI_CREDENTIALS", "VERTEX_PROJECT", "VERTEX_LOCATION", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION_NAME", "AWS_REGION",
    "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_PROFILE_NAME", "AWS_ROLE_NAME",
    "AWS_WEB_IDENTITY_TOKEN", "AWS_BEARER_TOKEN_BEDROCK", "HUGGINGFACE_API_KEY", "HF_TOKEN",
    "REPLICATE_API_KEY", "REPLICATE_API_TOKEN", "NVIDIA_NIM_API_KEY", "VOYAGE_API_KEY",
    "AI21_API_KEY", "OLLAMA_API_BASE", "JINA_AI_API_KEY", "DATABRICKS_API_KEY",
    "DATABRICKS_API_BASE", "WATSONX_APIKEY", "WATSONX_API_KEY", "WATSONX_URL",
    "WATSONX_TOKEN", "WATSONX_PROJECT_ID", "SAMBANOVA_API_KEY", "NEBIUS_API_KEY",
    "CODESTRAL_API_KEY", "OPENAI_LIKE_API_KEY", "LITELLM_PROXY_API_KEY",
    "LITELLM_PROXY_API_BASE", "USE_LITELLM_PROXY", "LITELLM_API_KEY", "LITELLM_LOG",
    "LITELLM_DROP_PARAMS", "LITELLM_MODIFY_PARAMS", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE",
    "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy",
    "NO_PROXY", "no_proxy", "DEFAULT_MOCK_RESPONSE_PROMPT_TOKEN_COUNT",
    "DEFAULT_MOCK_RESPONSE_COMPLETION_TOKEN_COUNT",
]  # fmt: skip
_CREDENTIAL_SUFFIXES = ("_API_KEY", "_API_BASE", "_API_TOKEN", "_BASE_URL", "_APIKEY")
_KEEP_ENV = {"LITELLM_LOCAL_MODEL_COST_MAP", "LITELLM_MODE"}

# litellm settings saved before and restored after every case.
SETTINGS = [
    "api_key", "api_base", "api_version", "organization", "headers", "openai_key",
    "anthropic_key", "azure_key", "groq_key", "drop_params", "num_retries", "request_timeout",
    "ssl_verify", "set_verbose", "suppress_debug_info", "modify_params",
    "check_provider_endpoint", "include_cost_in_streaming_usage", "model_alias_map",
]  # fmt: skip

VOLATILE_KEYS = {
    "_response_ms", "response_ms", "litellm_call_id", "litellm_overhead_time_ms",
    "callback_duration_ms", "litellm_trace_id", "completion_start_time", "start_time",
    "end_time",
}  # fmt: skip
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_CREATED_IN_TEXT = re.compile(r"(\bcreated[=:] ?)(\d{10})\b")
_ELAPSED = re.compile(r"time taken=\d+(?:\.\d+)? seconds")
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
_WEEK = 7 * 24 * 3600


class Context:
    """What a case may need from its surroundings: the mock's root URL (or None)."""

    def __init__(self, mock_root=None):
        self.mock_root = mock_root


# --- inputs -----------------------------------------------------------------------------------


def resolve(path):
    """The object at a dotted path such as 'litellm.types.utils.Usage' (imports as needed)."""
    parts = path.split(".")
    obj = importlib.import_module(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        try:
            obj = getattr(obj, part)
        except AttributeError as missing:
            try:
                obj = importlib.import_module(".".join(parts[: i + 1]))
            except ImportError:
                raise missing from None
    return obj


def decode(v, ctx):
    if isinstance(v, list):
        return [decode(x, ctx) for x in v]
    if not isinstance(v, dict):
        return v
    if len(v) >= 1 and any(k.startswith("$") for k in v):
        if "$mock" in v:
            if ctx.mock_root is None:
                raise RuntimeError("this case needs the mock provider")
            return ctx.mock_root + v["$mock"]
        if "$tuple" in v:
            return tuple(decode(x, ctx) for x in v["$tuple"])
        if "$ref" in v:
            return resolve(v["$ref"])
        if "$call" in v:
            fn = resolve(v["$call"])
            return fn(*decode(v.get("args", []), ctx), **decode(v.get("kwargs", {}), ctx))
        if "$list" in v:
            return list(decode(v["$list"], ctx))
        if "$new" in v:
            cls = resolve(v["$new"])
            return cls(*decode(v.get("args", []), ctx), **decode(v.get("kwargs", {}), ctx))
        if "$exc" in v:
            cls = resolve(v["$exc"])
            exc = cls(*decode(v.get("args", []), ctx), **decode(v.get("kwargs", {}), ctx))
            for name, value in v.get("attrs", {}).items():
                setattr(exc, name, decode(value, ctx))
            return exc
        raise ValueError(f"unknown encoded value {v!r}")
    return {k: decode(x, ctx) for k, x in v.items()}


# --- outputs ----------------------------------------------------------------------------------


def qualname(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def encode(v, depth=0):
    """A JSON view of `v` (see NORMALISATION['objects'])."""
    if depth > 40:
        return {"$type": "<too deep>"}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "nan"}
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
        return float(v)
    if isinstance(v, dict):
        return {str(k): encode(x, depth + 1) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [encode(x, depth + 1) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted(
            (encode(x, depth + 1) for x in v), key=lambda x: json.dumps(x, sort_keys=True)
        )
    if hasattr(v, "model_dump") and not isinstance(v, type):
        try:
            dumped = v.model_dump()
        except Exception as e:  # noqa: BLE001 - recorded, not hidden
            dumped = {"$dump_error": type(e).__name__}
        return {"$type": qualname(type(v)), "dump": encode(dumped, depth + 1)}
    if isinstance(v, type):
        return {"$class": qualname(v)}
    if isinstance(v, bytes):
        return {"$bytes": len(v)}
    return {"$type": qualname(type(v))}


def describe_exception(e):
    out = {"type": type(e).__name__, "module": type(e).__module__.split(".")[0]}
    message = getattr(e, "message", None)
    out["message"] = message if isinstance(message, str) else str(e)
    if str(e) != out["message"]:
        out["str"] = str(e)
    for attr in ("status_code", "llm_provider", "model", "litellm_debug_info"):
        try:
            value = getattr(e, attr)
        except Exception:  # noqa: BLE001 - absent or broken attribute: not recorded
            continue
        out[attr] = encode(value)
    return out


def normalise(v, ctx, key=None, now=None):
    now = time.time() if now is None else now
    if isinstance(v, dict):
        return {k: normalise(x, ctx, k, now) for k, x in v.items()}
    if isinstance(v, list):
        return [normalise(x, ctx, None, now) for x in v]
    if key in VOLATILE_KEYS and v is not None:
        return "<volatile>"
    if key in ("created", "created_at") and isinstance(v, (int, float)) and not isinstance(v, bool):
        return "<now>" if abs(v - now) < _WEEK else v
    if isinstance(v, str):
        if ctx.mock_root:
            v = v.replace(ctx.mock_root, "http://<mock>")
            v = v.replace(ctx.mock_root.split("//", 1)[1], "<mock>")
        v = _CREATED_IN_TEXT.sub(
            lambda m: m.group(1) + ("<now>" if abs(int(m.group(2)) - now) < _WEEK else m.group(2)),
            v,
        )
        v = _ADDRESS.sub("0x<address>", v)
        v = _ELAPSED.sub("time taken=<elapsed> seconds", v)
        return _UUID.sub("<uuid>", v)
    return v


# --- views: how a result becomes JSON ---------------------------------------------------------


def _step(fn):
    """Runs one observation; a raised exception or warning is recorded in place of the value."""
    try:
        return fn()
    except Warning as w:
        return {"$warning": {"category": type(w).__name__, "message": str(w)}}
    except Exception as e:  # noqa: BLE001
        return {"$raises": describe_exception(e)}


def describe_object(o):
    """What user code sees of a pydantic response object."""
    out = {"type": qualname(type(o))}
    out["model_dump"] = _step(lambda: encode(o.model_dump()))
    out["model_dump_mode_json"] = _step(lambda: encode(o.model_dump(mode="json")))
    out["model_dump_json"] = _step(lambda: json.loads(o.model_dump_json()))
    out["model_fields_set"] = _step(lambda: sorted(o.model_fields_set))
    out["extra_keys"] = _step(lambda: sorted((o.__pydantic_extra__ or {}).keys()))
    out["private_keys"] = _step(lambda: sorted((o.__pydantic_private__ or {}).keys()))
    hidden = getattr(o, "__pydantic_private__", None) or {}
    if "_hidden_params" in hidden:
        out["hidden_params"] = _step(lambda: encode(hidden["_hidden_params"]))
    elif isinstance(getattr(o, "_hidden_params", None), dict):
        # Without pydantic the light classes keep it as a plain attribute.
        out["hidden_params"] = _step(lambda: encode(o._hidden_params))
    return out


def _view_value(result, case):
    return encode(result)


def _view_object(result, case):
    return describe_object(result)


def _view_response_cost(result, case):
    hidden = getattr(result, "_hidden_params", None) or {}
    usage = getattr(result, "usage", None)
    return {
        "response_cost": encode(hidden.get("response_cost")),
        "usage": encode(usage.model_dump() if hasattr(usage, "model_dump") else usage),
        "model": encode(getattr(result, "model", None)),
    }


def _view_stream(result, case):
    """Iterates a stream; describes each chunk, the wrapper and stream_chunk_builder's result."""
    import litellm

    chunks, out = [], {"wrapper": qualname(type(result))}
    try:
        for chunk in result:
            chunks.append(chunk)
    except Exception as e:  # noqa: BLE001
        out["raises_after_chunks"] = len(chunks)
        out["raises"] = describe_exception(e)
    out["chunks"] = [describe_object(c) for c in chunks]
    hidden = getattr(result, "_hidden_params", None)
    if isinstance(hidden, dict):
        out["wrapper_hidden_params"] = encode(hidden)
    if chunks:
        messages = case.get("kwargs", {}).get("messages")
        built = _step(lambda: litellm.stream_chunk_builder(chunks, messages=messages))
        out["built"] = built if isinstance(built, dict) else describe_object(built)
    return out


def _view_exception_attrs(result, case):
    return describe_exception(result)


def _view_sorted(result, case):
    return sorted(encode(result), key=lambda x: json.dumps(x, sort_keys=True))


def _view_type_name(result, case):
    return qualname(type(result))


VIEWS = {
    "value": _view_value,
    "object": _view_object,
    "response_cost": _view_response_cost,
    "stream": _view_stream,
    "exception_attrs": _view_exception_attrs,
    "sorted": _view_sorted,
    "type_name": _view_type_name,
}


# --- probes: small questions about the module itself ------------------------------------------


def _probe_exception_names():
    import litellm

    names = []
    for name in dir(litellm):
        try:
            value = getattr(litellm, name)
        except Exception:  # noqa: BLE001
            continue
        if isinstance(value, type) and issubclass(value, BaseException):
            names.append(name)
    return sorted(names)


def _probe_has_attr(path, attr):
    obj = resolve(path)
    present = hasattr(obj, attr)
    out = {"present": present}
    if present:
        value = getattr(obj, attr)
        out["coroutine_function"] = inspect.iscoroutinefunction(value)
        out["callable"] = callable(value)
    return out


def _probe_signature(path):
    sig = inspect.signature(resolve(path))
    return [
        {
            "name": p.name,
            "kind": p.kind.name,
            "default": None if p.default is inspect.Parameter.empty else repr(p.default),
            "has_default": p.default is not inspect.Parameter.empty,
        }
        for p in sig.parameters.values()
    ]


def _probe_describe_class(path):
    """MRO, declared fields with defaults, extra policy and private attributes of a class."""
    cls = resolve(path)
    fields = {}
    for name, info in getattr(cls, "model_fields", {}).items():
        factory = getattr(info, "default_factory", None)
        fields[name] = {
            "default": repr(info.default) if factory is None else None,
            "default_factory": None if factory is None else getattr(factory, "__name__", "?"),
            "required": bool(info.is_required()),
        }
    private = {}
    for name, attr in getattr(cls, "__private_attributes__", {}).items():
        factory = getattr(attr, "default_factory", None)
        private[name] = {
            "default": repr(getattr(attr, "default", None)) if factory is None else None,
            "default_factory": None if factory is None else getattr(factory, "__name__", "?"),
        }
    config = getattr(cls, "model_config", {}) or {}
    return {
        "mro": [qualname(c) for c in cls.__mro__],
        "model_fields": fields,
        "extra": config.get("extra"),
        "private_attributes": private,
    }


def _probe_cost_map(url):
    """What get_model_cost_map returns under LITELLM_LOCAL_MODEL_COST_MAP=True."""
    import litellm

    result = litellm.get_model_cost_map(url)
    return {
        "type": qualname(type(result)),
        "len": len(result),
        "same_keys_as_model_cost": sorted(result) == sorted(litellm.model_cost),
        "gpt-4o": encode(result.get("gpt-4o")),
    }


def _probe_module_value(path):
    return encode(resolve(path))


PROBES = {
    "@exception_names": _probe_exception_names,
    "@has_attr": _probe_has_attr,
    "@signature": _probe_signature,
    "@describe_class": _probe_describe_class,
    "@cost_map": _probe_cost_map,
    "@module_value": _probe_module_value,
}


# --- running ----------------------------------------------------------------------------------


def _is_credential(name):
    if name in _KEEP_ENV:
        return False
    return name in CREDENTIAL_ENV or name.endswith(_CREDENTIAL_SUFFIXES)


def prepare():
    """Process-wide setup shared by recording and replay."""
    import litellm

    litellm.suppress_debug_info = True
    for name in [n for n in os.environ if _is_credential(n)]:
        del os.environ[name]


def run_case(case, ctx):
    """Runs `case`; returns {"value": ...} or {"raises": ...}, normalised."""
    import litellm

    # Only the variables a case touches are restored afterwards: litellm itself sets some at
    # first use (TIKTOKEN_CACHE_DIR, pointing tiktoken at its bundled encodings).
    touched = {n for n in os.environ if _is_credential(n)} | set(case.get("env", {}))
    saved_env = {n: os.environ.get(n) for n in touched}
    saved_settings = {n: getattr(litellm, n) for n in SETTINGS if hasattr(litellm, n)}
    try:
        for name in touched:
            os.environ.pop(name, None)
        os.environ.update(case.get("env", {}))
        for name, value in case.get("settings", {}).items():
            setattr(litellm, name, decode(value, ctx))
        with warnings.catch_warnings():
            warnings.simplefilter(case.get("warnings", "ignore"))
            try:
                if "get" in case:
                    result = resolve(case["get"])
                elif case["call"].startswith("@"):
                    result = PROBES[case["call"]](*decode(case.get("args", []), ctx))
                else:
                    fn = resolve(case["call"])
                    result = fn(
                        *decode(case.get("args", []), ctx), **decode(case.get("kwargs", {}), ctx)
                    )
                out = {"value": VIEWS[case.get("view", "value")](result, case)}
            except Warning as w:
                out = {"warning": {"category": type(w).__name__, "message": str(w)}}
            except Exception as e:  # noqa: BLE001 - the exception is the observation
                out = {"raises": describe_exception(e)}
    finally:
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        for name, value in saved_settings.items():
            setattr(litellm, name, value)
    return normalise(out, ctx)


# --- comparing --------------------------------------------------------------------------------


def same(a, b, rel=1e-9):
    """Deep equality; floats within a relative tolerance (an int never equals a float)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=rel, abs_tol=1e-15)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], rel) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y, rel) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def topic_path(topic):
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{topic}.json")


def load_topic(topic):
    return load(topic_path(topic))


def first_difference(a, b, path="$"):
    """The path of the first place where `a` and `b` differ (None when `same`)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return (
                    f"{path}.{k} ({'missing in actual' if k not in a else 'unexpected in actual'})"
                )
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None if len(a) == len(b) else f"{path} (length {len(a)} != {len(b)})"
    return None if same(a, b) else path


def params(doc, deviations):
    """pytest parameters for every case; known deviations become strict xfails."""
    import pytest

    ids = {c["id"] for c in doc["cases"]}
    stale = sorted(set(deviations) - ids)
    if stale:
        raise ValueError(f"KNOWN_DEVIATIONS names cases that do not exist: {stale}")
    out = []
    for c in doc["cases"]:
        marks = [pytest.mark.timeout(60)] if c.get("mock") else []
        if c["id"] in deviations:
            marks.append(pytest.mark.xfail(reason=deviations[c["id"]], strict=True))
        out.append(pytest.param(c, id=c["id"], marks=marks))
    return out


_PREPARED = []


def check(case, request):
    """Replays `case` under the importable litellm and asserts it matches the recording."""
    if not _PREPARED:
        prepare()
        _PREPARED.append(True)
    root = request.getfixturevalue("mock").root if case.get("mock") else None
    actual = run_case(case, Context(root))
    expected = case["expect"]
    if not same(actual, expected):
        where = first_difference(actual, expected)
        a = json.dumps(actual, sort_keys=True, ensure_ascii=False)
        e = json.dumps(expected, sort_keys=True, ensure_ascii=False)
        raise AssertionError(
            f"{case['id']}: differs from litellm 1.109.1 at {where}\n"
            f"  actual:   {a[:1500]}\n  expected: {e[:1500]}"
        )
