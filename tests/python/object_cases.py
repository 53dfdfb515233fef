"""Response-object cases shared by the recorder and the tests.

Each case is data: a completion against the loopback mock (per provider: plain, tools,
streaming, ``stream_chunk_builder``), a ``mock_response`` call, or a constructor expression
evaluated in ``litellm.types.utils``. ``run_case`` turns one into response objects and
``profile`` describes each object as plain JSON: its dumps (``model_dump()``,
``model_dump(mode="json")``, ``model_dump_json()``), its shape (class, fields set, extra
keys and ``__dict__`` keys of every nested model) and what ``model_validate(model_dump())``
gives back, with ids and clock values normalised.

Recording (in a virtualenv with litellm 1.109.1 installed, never in ferrolite's)::

    LITELLM_LOCAL_MODEL_COST_MAP=True HF_HUB_OFFLINE=1 python tests/python/object_cases.py \\
        --mock target/debug/ferrolite-mock --out tests/python/data/litellm_objects.json

The tests replay the same cases with ferrolite and compare (test_pydantic_objects.py).
"""

import json
import re
import subprocess
import sys

MOCK_CREATED = 1_700_000_000
USER = [{"role": "user", "content": "Hello there"}]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather in a city",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        },
    }
]
MOCK_TOOL_CALLS = [
    {
        "id": "call_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
    }
]

# Every response class a case may name (all of them exist in litellm.types.utils).
CLASS_NAMES = (
    "CacheCreationTokenDetails", "ChatCompletionAudioResponse",
    "ChatCompletionCustomToolCallPayload", "ChatCompletionDeltaCustomToolCall",
    "ChatCompletionDeltaCustomToolCallPayload", "ChatCompletionDeltaToolCall",
    "ChatCompletionMessageCustomToolCall", "ChatCompletionMessageToolCall",
    "ChatCompletionTokenLogprob", "ChoiceLogprobs", "Choices", "CompletionTokensDetailsWrapper",
    "Delta", "Embedding", "EmbeddingResponse", "Function", "FunctionCall", "ImageObject",
    "ImageResponse", "ImageUsage", "ImageUsageInputTokensDetails", "Logprobs", "Message",
    "ModelResponse", "ModelResponseBase", "ModelResponseStream", "PromptTokensDetailsWrapper",
    "ServerToolUse", "StreamingChoices", "TextChoices", "TextCompletionResponse", "TopLogprob",
    "TranscriptionResponse", "Usage",
)  # fmt: skip

_OPENAI = {"model": "openai/gpt-4o", "api_key": "sk-test", "suffix": "/v1"}
_AZURE = {"model": "azure/my-deploy", "api_key": "az-key", "api_version": "2024-10-21"}
_ANTHROPIC = {"model": "anthropic/claude-sonnet-4-5", "api_key": "sk-ant-test"}
_GROQ = {"model": "groq/llama-3.1-8b-instant", "api_key": "gsk-test", "suffix": "/v1"}
_GEMINI = {"model": "gemini/gemini-2.5-flash", "api_key": "gm-key", "suffix": "/v1beta"}
_OLLAMA = {"model": "ollama_chat/llama3.2"}
_COHERE = {"model": "cohere_chat/command-r", "api_key": "co-key", "suffix": "/v2/chat"}
_USAGE = {"stream_options": {"include_usage": True}}
_TOOLS = {"tools": TOOLS}


def _http(name, provider, scenario, kind="completion", **kw):
    return {"name": name, "kind": kind, "scenario": scenario, "call": {**provider, **kw}}


def _mock(name, kind="completion", **kw):
    return {"name": name, "kind": kind, "scenario": None, "call": {"model": "gpt-4o", **kw}}


def _construct(name, expr):
    return {"name": name, "kind": "construct", "expr": expr}


CASES = [
    # --- providers over HTTP (the loopback mock) ---------------------------------------------
    _http("openai_plain", _OPENAI, ""),
    _http("openai_tools", _OPENAI, "tools=2", **_TOOLS),
    _http("openai_stream", _OPENAI, "", "stream"),
    _http("openai_stream_usage", _OPENAI, "", "stream", **_USAGE),
    _http("openai_stream_tools", _OPENAI, "tools=2", "stream", **_TOOLS),
    _http("openai_builder", _OPENAI, "", "builder", **_USAGE),
    _http("openai_builder_tools", _OPENAI, "tools=2", "builder", **_TOOLS),
    _http("azure_plain", _AZURE, "flavor=azure"),
    _http("azure_stream", _AZURE, "flavor=azure", "stream"),
    _http("anthropic_plain", _ANTHROPIC, ""),
    _http("anthropic_cache", _ANTHROPIC, "cache_read=3,cache_write=2"),
    _http("anthropic_tools", _ANTHROPIC, "tools=1", **_TOOLS),
    _http("anthropic_stream", _ANTHROPIC, "", "stream", **_USAGE),
    _http("anthropic_stream_tools", _ANTHROPIC, "tools=2", "stream", **_TOOLS),
    _http("anthropic_builder", _ANTHROPIC, "", "builder", **_USAGE),
    _http("anthropic_builder_tools", _ANTHROPIC, "tools=2", "builder", **_TOOLS),
    _http("groq_plain", _GROQ, ""),
    _http("groq_stream", _GROQ, "", "stream", **_USAGE),
    _http("gemini_plain", _GEMINI, ""),
    _http("gemini_thinking", _GEMINI, "thinking=1,cache_read=2"),
    _http("gemini_tools", _GEMINI, "tools=2", **_TOOLS),
    _http("gemini_stream", _GEMINI, "", "stream"),
    _http("gemini_stream_usage", _GEMINI, "", "stream", **_USAGE),
    _http("gemini_stream_tools", _GEMINI, "tools=1", "stream", **_TOOLS),
    _http("gemini_builder", _GEMINI, "", "builder", **_USAGE),
    _http("ollama_plain", _OLLAMA, ""),
    _http("ollama_thinking", _OLLAMA, "thinking=1"),
    _http("ollama_tools", _OLLAMA, "tools=2", **_TOOLS),
    _http("ollama_stream", _OLLAMA, "", "stream"),
    _http("ollama_stream_usage", _OLLAMA, "", "stream", **_USAGE),
    _http("ollama_stream_tools", _OLLAMA, "tools=1", "stream", **_TOOLS),
    _http("ollama_builder", _OLLAMA, "", "builder", **_USAGE),
    _http("cohere_plain", _COHERE, ""),
    _http("cohere_tools", _COHERE, "tools=1", **_TOOLS),
    # --- mock_response -------------------------------------------------------------------------
    _mock("mock_plain", mock_response="abcdefg"),
    _mock("mock_tool_calls", mock_tool_calls=MOCK_TOOL_CALLS),
    _mock("mock_stream", "stream", mock_response="abcdefg"),
    _mock("mock_builder", "builder", mock_response="abcdefg"),
    # --- every response class, built directly --------------------------------------------------
    _construct("ModelResponse", "ModelResponse()"),
    _construct(
        "ModelResponse_args",
        "ModelResponse(id='chatcmpl-x', created=5, model='m', system_fingerprint='fp',"
        " choices=[{'finish_reason': 'end_turn', 'index': 0, 'message': {'content': 'hi',"
        " 'role': 'assistant'}}], usage={'prompt_tokens': 1, 'completion_tokens': 2,"
        " 'total_tokens': 3}, service_tier='default')",
    ),
    _construct("ModelResponseStream", "ModelResponseStream()"),
    _construct(
        "ModelResponseStream_args",
        "ModelResponseStream(id='c', created=5, model='m', choices=[{'index': 0,"
        " 'delta': {'content': 'x', 'role': 'assistant'}}])",
    ),
    _construct("Choices", "Choices()"),
    _construct(
        "Choices_args",
        "Choices(finish_reason='max_tokens', index=1, message={'content': 'x'},"
        " logprobs={'content': [{'token': 'a', 'logprob': -1.0, 'top_logprobs': []}]})",
    ),
    _construct("StreamingChoices", "StreamingChoices()"),
    _construct("Message", "Message()"),
    _construct(
        "Message_args",
        "Message(content='hi', tool_calls=[{'id': 'a', 'type': 'function', 'function':"
        " {'name': 'f', 'arguments': '{}'}}], reasoning_content='r',"
        " thinking_blocks=[{'type': 'thinking', 'thinking': 't'}],"
        " provider_specific_fields={'p': 1}, extra_x=1)",
    ),
    _construct("Delta", "Delta()"),
    _construct(
        "Delta_args",
        "Delta(content='x', role='assistant', tool_calls=[{'index': 0, 'id': 'a', 'function':"
        " {'name': 'f', 'arguments': ''}}], reasoning_content='r')",
    ),
    _construct("Usage", "Usage()"),
    _construct(
        "Usage_args",
        "Usage(prompt_tokens=16, completion_tokens=5, total_tokens=21,"
        " cache_read_input_tokens=3, cache_creation_input_tokens=2, reasoning_tokens=2)",
    ),
    _construct("PromptTokensDetailsWrapper", "PromptTokensDetailsWrapper(cached_tokens=3)"),
    _construct(
        "CompletionTokensDetailsWrapper", "CompletionTokensDetailsWrapper(reasoning_tokens=1)"
    ),
    _construct("ServerToolUse", "ServerToolUse(web_search_requests=1)"),
    _construct(
        "ChatCompletionMessageToolCall",
        "ChatCompletionMessageToolCall(id='a', function={'name': 'f', 'arguments': '{}'})",
    ),
    _construct(
        "ChatCompletionDeltaToolCall",
        "ChatCompletionDeltaToolCall(index=0, function={'name': 'f', 'arguments': '{'})",
    ),
    _construct("Function", "Function(name='f', arguments={'a': 1})"),
    _construct("FunctionCall", "FunctionCall(arguments='{}')"),
    _construct(
        "ChatCompletionAudioResponse",
        "ChatCompletionAudioResponse(id='au', data='d', expires_at=1, transcript='t')",
    ),
    _construct(
        "ChoiceLogprobs",
        "ChoiceLogprobs(content=[{'token': 'a', 'bytes': [97], 'logprob': -0.5,"
        " 'top_logprobs': [{'token': 'a', 'bytes': [97], 'logprob': -0.5}]}])",
    ),
    _construct("Embedding", "Embedding(embedding=[0.5, 1.0], index=0, object='embedding')"),
    _construct("EmbeddingResponse", "EmbeddingResponse()"),
    _construct(
        "EmbeddingResponse_args",
        "EmbeddingResponse(model='m', data=[{'object': 'embedding', 'index': 0,"
        " 'embedding': [0.5]}], usage={'prompt_tokens': 1, 'total_tokens': 1})",
    ),
    _construct("TextChoices", "TextChoices(text='x', finish_reason='stop')"),
    _construct("TextCompletionResponse", "TextCompletionResponse()"),
    _construct("ImageObject", "ImageObject(url='https://x/y.png')"),
    _construct("ImageResponse", "ImageResponse(created=5, data=[{'url': 'https://x/y.png'}])"),
    _construct("TranscriptionResponse", "TranscriptionResponse(text='hello')"),
    # constructor variants (argument handling, field order, fields set)
    _construct(
        "ModelResponse_stream_flag", "ModelResponse(id='a', created=1, object='x', stream=True)"
    ),
    _construct(
        "ModelResponse_objects",
        "ModelResponse(id='a', created=1, choices=[Choices(message=Message(content='x'))],"
        " usage=Usage(prompt_tokens=1, completion_tokens=1, total_tokens=2),"
        " hidden_params={'h': 1}, _response_headers={'x': 'y'})",
    ),
    _construct(
        "ModelResponseStream_usage",
        "ModelResponseStream(id='c', created=5, choices=[], usage={'prompt_tokens': 1,"
        " 'completion_tokens': 2, 'total_tokens': 3}, system_fingerprint='fp',"
        " provider_specific_fields={'p': 1}, extra_y=2)",
    ),
    _construct(
        "ModelResponseStream_usage_none", "ModelResponseStream(id='c', created=5, usage=None)"
    ),
    _construct(
        "Choices_psf",
        "Choices(finish_reason='tool_use', provider_specific_fields={'a': 1}, enhancements={},"
        " extra_z=3, message=Message(content='m'))",
    ),
    _construct(
        "StreamingChoices_args",
        "StreamingChoices(finish_reason='end_turn', index=2, delta={'content': 'x'},"
        " logprobs={'content': []}, enhancements={'e': 1}, extra_k=1)",
    ),
    _construct(
        "Message_everything",
        "Message(content='c', role='assistant', function_call={'name': 'g', 'arguments': '{}'},"
        " tool_calls=[{'type': 'function', 'id': 'b', 'function': {'name': 'f', 'arguments':"
        " '{}'}}], audio={'id': 'au', 'data': 'd', 'expires_at': 1, 'transcript': 't'},"
        " images=[{'image_url': {'url': 'u'}, 'index': 0, 'type': 'image_url'}],"
        " reasoning_content='r', thinking_blocks=[{'type': 'thinking', 'thinking': 't'}],"
        " reasoning_items=[{'type': 'reasoning', 'id': 'i'}], provider_specific_fields={'p': 1},"
        " annotations=[{'type': 'url_citation'}], refusal='no', extra_m=1)",
    ),
    _construct(
        "Message_openai_payload",
        "Message(role='assistant', content='hi', refusal=None, annotations=[])",
    ),
    _construct("Message_empty_tool_calls", "Message(content=None, tool_calls=[])"),
    _construct(
        "Message_custom_tool_call",
        "Message(tool_calls=[{'id': 'c1', 'type': 'custom', 'custom': {'name': 'n',"
        " 'input': 'i'}}])",
    ),
    _construct(
        "Delta_everything",
        "Delta(content='c', role='assistant', function_call={'name': 'g', 'arguments': '{'},"
        " tool_calls=[{'id': 'a', 'function': {'name': 'f', 'arguments': ''}, 'type':"
        " 'function'}], audio={'id': 'x'}, images=[{'image_url': {'url': 'u'}}],"
        " reasoning_content='r', thinking_blocks=[{'type': 'thinking', 'thinking': 't'}],"
        " reasoning_items=[{'type': 'reasoning'}], annotations=[], provider_specific_fields={'p': 1},"
        " refusal=None, extra_d=1)",
    ),
    _construct("Delta_reasoning_alias", "Delta(reasoning='thought')"),
    _construct(
        "Usage_details",
        "Usage(prompt_tokens=10, completion_tokens=5, total_tokens=15,"
        " prompt_tokens_details={'cached_tokens': 3, 'audio_tokens': 0},"
        " completion_tokens_details={'reasoning_tokens': 1, 'audio_tokens': 0})",
    ),
    _construct(
        "Usage_deepseek",
        "Usage(prompt_tokens=10, completion_tokens=5, total_tokens=15,"
        " prompt_cache_hit_tokens=4, prompt_cache_miss_tokens=6)",
    ),
    _construct(
        "Usage_server_tool_use_cost",
        "Usage(prompt_tokens=1, completion_tokens=1, total_tokens=2,"
        " server_tool_use={'web_search_requests': 2}, cost=0.5)",
    ),
    _construct(
        "PromptTokensDetailsWrapper_write",
        "PromptTokensDetailsWrapper(cache_creation_tokens=4, cache_type=5, web_search_requests=1)",
    ),
    _construct("ServerToolUse_unknown", "ServerToolUse(web_search_requests=1, junk=2)"),
    _construct(
        "ChatCompletionMessageToolCall_noid",
        "ChatCompletionMessageToolCall(function=Function(name='f', arguments='{}'), index=2)",
    ),
    _construct("Function_empty", "Function()"),
    _construct("Function_parameters", "Function(name='f', parameters={'type': 'object'})"),
    _construct(
        "ChatCompletionMessageCustomToolCall",
        "ChatCompletionMessageCustomToolCall(id='c', custom={'name': 'n', 'input': 'i'})",
    ),
    _construct(
        "ChatCompletionDeltaCustomToolCall",
        "ChatCompletionDeltaCustomToolCall(index=0, custom={'input': 'i'})",
    ),
    _construct(
        "ChatCompletionTokenLogprob_null_top",
        "ChatCompletionTokenLogprob(token='a', logprob=-1.0, top_logprobs=None)",
    ),
    _construct("TopLogprob", "TopLogprob(token='a', logprob=-1.0)"),
    _construct(
        "Logprobs",
        "Logprobs(text_offset=[0], token_logprobs=[-1.0], tokens=['a'], top_logprobs=None)",
    ),
    _construct(
        "TextCompletionResponse_args",
        "TextCompletionResponse(id='t', created=1, model='m', choices=[{'text': 'x', 'index': 0,"
        " 'finish_reason': 'length', 'logprobs': None}], usage={'prompt_tokens': 1,"
        " 'completion_tokens': 1, 'total_tokens': 2}, extra_t=1)",
    ),
    _construct("TextCompletionResponse_stream", "TextCompletionResponse(stream=True)"),
    _construct(
        "ImageResponse_usage",
        "ImageResponse(created=5, data=[{'b64_json': 'abc', 'revised_prompt': 'p'}],"
        " usage={'input_tokens': 1, 'input_tokens_details': {'image_tokens': 0,"
        " 'text_tokens': 1}, 'output_tokens': 2, 'total_tokens': 3}, quality='high')",
    ),
    _construct(
        "EmbeddingResponse_objects",
        "EmbeddingResponse(model='m', data=[Embedding(embedding=[1.0], index=0,"
        " object='embedding')], usage=Usage(prompt_tokens=1, total_tokens=1), junk=1)",
    ),
    _construct("Embedding_default", "Embedding(index=0, object='embedding')"),
    _construct(
        "ChatCompletionAudioResponse_noid",
        "ChatCompletionAudioResponse(data='d', expires_at=1, transcript='t')",
    ),
]

# --------------------------------------------------------------------------------------------
# running a case
# --------------------------------------------------------------------------------------------


def run_case(litellm, mock_root, case):
    """The response objects of `case`: a list (one per response or chunk)."""
    kind = case["kind"]
    if kind == "construct":
        import litellm.types.utils as types

        namespace = {name: getattr(types, name) for name in CLASS_NAMES}
        return [eval(case["expr"], namespace)]  # noqa: S307 - our own case table
    call = dict(case["call"])
    suffix = call.pop("suffix", "")
    if case["scenario"] is not None:
        scenario = case["scenario"]
        base = f"{mock_root}/s/{scenario}{suffix}" if scenario else mock_root + suffix
        call["api_base"] = base
    call.setdefault("messages", USER)
    if kind == "completion":
        return [litellm.completion(**call)]
    chunks = list(litellm.completion(stream=True, **call))
    if kind == "stream":
        return chunks
    return [litellm.stream_chunk_builder(chunks, messages=call["messages"])]


# --------------------------------------------------------------------------------------------
# describing an object
# --------------------------------------------------------------------------------------------

_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
_UUID_RE = re.compile(_UUID)
_MOCK_NUMBER_RE = re.compile(r"(mock[-_])\d+")  # the mock numbers its ids per request
_CALL_ID_RE = re.compile(r"\bcall_[0-9a-f]{28}\b")  # tool call ids minted for Gemini


def normalise(value, key=None):
    """Replace generated ids and clock readings by placeholders (recursively)."""
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    if isinstance(value, str):
        value = _CALL_ID_RE.sub("call_<id>", value)
        return _MOCK_NUMBER_RE.sub(r"\1<n>", _UUID_RE.sub("<uuid>", value))
    if key == "created" and isinstance(value, int) and value != MOCK_CREATED:
        return "<now>"
    return value


def _is_model(value):
    return getattr(type(value), "model_dump", None) is not None and not isinstance(value, type)


def _shape(obj):
    d = obj.__dict__
    extra = getattr(obj, "__pydantic_extra__", None)
    if extra is None and not hasattr(obj, "__pydantic_fields_set__"):
        extra = obj.model_extra  # ferrolite's light classes keep extras in __dict__
    fields_set = obj.model_fields_set
    node = {
        "class": type(obj).__name__,
        "fields_set": sorted(fields_set),
        "dict": [k for k in d if not k.startswith("_")],
        "extra": list(extra or ()),
    }
    children = {}
    for name, value in list(d.items()) + list((extra or {}).items()):
        if name.startswith("_"):
            continue
        sub = _value_shape(value)
        if sub is not None:
            children[name] = sub
    if children:
        node["children"] = children
    return node


def _value_shape(value):
    if _is_model(value):
        return _shape(value)
    if isinstance(value, list):
        subs = [_value_shape(v) for v in value]
        if any(s is not None for s in subs):
            return subs
    return None


def _revalidated(obj):
    """``model_validate(model_dump())`` dumped again (litellm does not round-trip exactly:
    its constructors drop some None values), or the error it raises."""
    try:
        again = type(obj).model_validate(obj.model_dump())
    except Exception as e:  # noqa: BLE001 - the error type is the observation
        return {"error": type(e).__name__}
    return normalise(json.loads(again.model_dump_json()))


def profile(obj):
    """Plain-JSON description of one response object (see the module docstring)."""
    return {
        "dump": normalise(obj.model_dump()),
        "dump_json_mode": normalise(obj.model_dump(mode="json")),
        "dump_json": normalise(json.loads(obj.model_dump_json())),
        "shape": _shape(obj),
        "revalidated": _revalidated(obj),
    }


# --------------------------------------------------------------------------------------------
# recording litellm's values
# --------------------------------------------------------------------------------------------


def _start_mock(binary):
    proc = subprocess.Popen(
        [binary, "--port", "0", "--threads", "2", "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    line = proc.stdout.readline().decode().strip()
    if not line.startswith("LISTENING "):
        proc.kill()
        raise SystemExit(f"mock server did not start: {line!r}")
    return proc, f"http://127.0.0.1:{line.split()[1]}"


def main(argv):
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mock", required=True, help="path of the ferrolite-mock binary")
    parser.add_argument("--out", required=True, help="JSON file to write")
    args = parser.parse_args(argv)

    import litellm

    version = getattr(litellm, "version", None) or _dist_version()
    proc, root = _start_mock(args.mock)
    try:
        recorded = {}
        for case in CASES:
            objects = run_case(litellm, root, case)
            recorded[case["name"]] = [_compact(profile(o)) for o in objects]
    finally:
        proc.stdin.close()
        proc.wait(timeout=5)
    with open(args.out, "w") as f:
        # one case per line: small diffs when a case is re-recorded
        f.write(f'{{"litellm": {json.dumps(version)}, "cases": {{\n')
        lines = [
            f"{json.dumps(name)}: {json.dumps(value, separators=(',', ':'))}"
            for name, value in recorded.items()
        ]
        f.write(",\n".join(lines))
        f.write("\n}}\n")


def _compact(p):
    # model_dump(mode="json") mostly equals model_dump(); store it only where it differs
    if p["dump_json_mode"] == p["dump"]:
        del p["dump_json_mode"]
    return p


def expand(p):
    """A recorded profile with every part present (see _compact)."""
    return {**p, "dump_json_mode": p.get("dump_json_mode", p["dump"])}


def _dist_version():
    from importlib.metadata import version

    return version("litellm")


if __name__ == "__main__":
    main(sys.argv[1:])


def differences(expected, actual, path="$"):
    """Paths where `actual` differs from `expected`, key order included."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        if list(expected) != list(actual) and set(expected) == set(actual):
            out.append(f"{path}: key order {list(actual)} != {list(expected)}")
        for k in expected:
            if k not in actual:
                out.append(f"{path}.{k}: missing (expected {expected[k]!r:.80})")
            else:
                out.extend(differences(expected[k], actual[k], f"{path}.{k}"))
        for k in actual:
            if k not in expected:
                out.append(f"{path}.{k}: unexpected {actual[k]!r:.80}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(actual)} items != {len(expected)}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out.extend(differences(e, a, f"{path}[{i}]"))
        return out
    if expected != actual or type(expected) is not type(actual):
        return [f"{path}: {actual!r:.80} != {expected!r:.80}"]
    return []
