"""The light response classes (litellm.types._light): litellm 1.109.1 behaviour on plain
Python classes, the family litellm.types.utils hands out when pydantic v2 is not installed.
They are importable (and tested here) whether or not pydantic is; the pydantic family is
tested by test_pydantic_objects.py.

Expected values below were observed on the reference litellm 1.109.1 (mock responses and
direct constructor calls); where ferrolite deliberately differs the test says so.
No network, no engine: engine-built objects are imitated with `_from_fields`.
"""

import ast
import copy
import json
import os
import pickle
import re
import subprocess
import sys
import time
import warnings

import pytest
from litellm.types import _light as U
from litellm.types._light import (
    ChatCompletionDeltaToolCall,
    ChatCompletionMessageToolCall,
    Choices,
    CompletionTokensDetailsWrapper,
    Delta,
    Embedding,
    EmbeddingResponse,
    Function,
    FunctionCall,
    ImageObject,
    ImageResponse,
    Message,
    ModelResponse,
    ModelResponseStream,
    PromptTokensDetailsWrapper,
    ServerToolUse,
    StreamingChoices,
    TextChoices,
    TextCompletionResponse,
    TranscriptionResponse,
    Usage,
    _from_fields,
)

PYTHON_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "python")
UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def engine_response():
    """A chat completion built the way the Rust engine builds it (no __init__ calls)."""
    function = _from_fields(Function, {"arguments": '{"city": "Paris"}', "name": "get_weather"})
    tool_call = _from_fields(
        ChatCompletionMessageToolCall, {"function": function, "id": "call_1", "type": "function"}
    )
    message = _from_fields(
        Message,
        {"content": None, "role": "assistant", "tool_calls": [tool_call], "function_call": None},
    )
    choice = _from_fields(Choices, {"finish_reason": "tool_calls", "index": 0, "message": message})
    details = _from_fields(PromptTokensDetailsWrapper, {"cached_tokens": 3})
    usage = _from_fields(
        Usage,
        {
            "completion_tokens": 5,
            "prompt_tokens": 10,
            "total_tokens": 15,
            "completion_tokens_details": None,
            "prompt_tokens_details": details,
        },
    )
    return _from_fields(
        ModelResponse,
        {
            "id": "chatcmpl-abc",
            "created": 1700000000,
            "model": "gpt-4o-2024-08-06",
            "object": "chat.completion",
            "choices": [choice],
            "usage": usage,
            "_hidden_params": {"custom_llm_provider": "openai", "response_cost": 0.001},
            "_response_ms": 12.5,
        },
    )


def engine_chunk(content="hel", role=None, finish_reason=None):
    delta = _from_fields(
        Delta,
        {
            "content": content,
            "role": role,
            "function_call": None,
            "tool_calls": None,
            "audio": None,
        },
    )
    choice = _from_fields(
        StreamingChoices,
        {"finish_reason": finish_reason, "index": 0, "delta": delta, "logprobs": None},
    )
    return _from_fields(
        ModelResponseStream,
        {
            "id": "chatcmpl-s",
            "created": 1700000001,
            "model": "gpt-4o",
            "object": "chat.completion.chunk",
            "system_fingerprint": None,
            "choices": [choice],
            "provider_specific_fields": None,
        },
    )


# ------------------------------------------------------------------------------------------
# ModelResponse
# ------------------------------------------------------------------------------------------


def test_model_response_defaults():
    before = int(time.time())
    r = ModelResponse()
    assert re.fullmatch("chatcmpl-" + UUID4, r.id)
    assert before <= r.created <= int(time.time())
    assert isinstance(r.created, int)
    assert r.model is None
    assert r.object == "chat.completion"
    assert r.system_fingerprint is None  # declared field with a default...
    assert len(r.choices) == 1
    c = r.choices[0]
    assert isinstance(c, Choices)
    assert (c.finish_reason, c.index) == ("stop", 0)
    assert isinstance(c.message, Message)
    assert (c.message.content, c.message.role) == (None, "assistant")
    assert not hasattr(r, "usage")
    assert not hasattr(r, "_response_ms")
    assert r.model_dump() == {
        "id": r.id,
        "created": r.created,
        "model": None,
        "object": "chat.completion",
        "choices": [
            {
                "finish_reason": "stop",
                "index": 0,
                "message": {
                    "content": None,
                    "role": "assistant",
                    "tool_calls": None,
                    "function_call": None,
                },
            }
        ],
    }  # ...but not in model_dump(), which defaults to exclude_unset=True
    full = r.model_dump(exclude_unset=False)
    assert full["system_fingerprint"] is None
    assert full["choices"][0]["message"]["provider_specific_fields"] is None
    assert json.loads(r.model_dump_json())["system_fingerprint"] is None


def test_model_response_ids_are_unique():
    assert ModelResponse().id != ModelResponse().id


def test_model_response_object_forced_and_stream_flag():
    r = ModelResponse(object="something", stream=True)
    # litellm 1.109.1: object is always chat.completion, choices stay Choices, no usage
    assert r.object == "chat.completion"
    assert isinstance(r.choices[0], Choices)
    assert not hasattr(r, "usage")


def test_model_response_coerces_dicts():
    r = ModelResponse(
        id="chatcmpl-x",
        created=5,
        model="claude",
        choices=[
            {
                "finish_reason": "end_turn",
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "t1",
                            "type": "function",
                            "function": {"name": "f", "arguments": {"a": 1}},
                        }
                    ],
                },
            }
        ],
        usage={"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
        system_fingerprint="fp",
        service_tier="default",
    )
    c = r.choices[0]
    assert isinstance(c, Choices) and isinstance(c.message, Message)
    assert c.finish_reason == "stop"
    assert c.provider_specific_fields == {"native_finish_reason": "end_turn"}
    tc = c.message.tool_calls[0]
    assert isinstance(tc, ChatCompletionMessageToolCall)
    assert isinstance(tc.function, Function)
    assert tc.function.arguments == '{"a": 1}'
    assert isinstance(r.usage, Usage) and r.usage.total_tokens == 3
    assert r.system_fingerprint == "fp"
    assert r.service_tier == "default"
    dump = r.model_dump()
    assert list(dump) == [
        "id",
        "created",
        "model",
        "object",
        "system_fingerprint",
        "choices",
        "usage",
        "service_tier",
    ]


def test_model_response_from_openai_payload_keeps_provider_fields():
    payload = {
        "id": "chatcmpl-x",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": "hi",
                    "refusal": None,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 9, "completion_tokens": 1, "total_tokens": 10},
    }
    r = ModelResponse(**payload)
    m = r.choices[0].message
    assert m.refusal is None and m.annotations == []  # sent by the provider, so present
    assert not hasattr(r.choices[0], "logprobs")  # None logprobs are deleted by Choices
    assert r.model_dump()["choices"][0]["message"] == {
        "content": "hi",
        "role": "assistant",
        "refusal": None,
        "tool_calls": None,
        "function_call": None,
        "annotations": [],
    }


def test_model_response_hidden_params():
    r = ModelResponse(hidden_params={"a": 1})
    assert r._hidden_params == {"a": 1}
    assert r.hidden_params is r._hidden_params
    r2 = ModelResponse()
    assert r2._hidden_params == {}
    r2._hidden_params["cache_hit"] = True  # the dict is per instance and persists
    assert r2.hidden_params == {"cache_hit": True}
    assert ModelResponse()._hidden_params == {}
    r2.hidden_params = {"x": 2}
    assert r2._hidden_params == {"x": 2}
    assert "x" not in r2.model_dump() and "_hidden_params" not in r2.model_dump()
    assert r2._response_headers is None


def test_model_response_item_assignment_unsupported():
    r = ModelResponse()
    with pytest.raises(TypeError, match="does not support item assignment"):
        r["model"] = "x"
    r.model = "x"  # attribute assignment works
    assert r["model"] == "x"
    with pytest.raises(TypeError):
        ModelResponseStream()["model"] = "x"


# ------------------------------------------------------------------------------------------
# Message, Choices, tool calls
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "refusal",
        "audio",
        "images",
        "annotations",
        "reasoning_content",
        "thinking_blocks",
        "reasoning_items",
    ],
)
def test_message_optional_fields_absent(name):
    m = Message(content="hi")
    with pytest.raises(AttributeError, match=f"'Message' object has no attribute '{name}'"):
        getattr(m, name)
    with pytest.raises(AttributeError):
        m[name]
    assert m.get(name) is None
    assert m.get(name, "dflt") == "dflt"
    assert name not in m


def test_message_defaults_and_dump():
    m = Message()
    assert m.provider_specific_fields is None  # defaulted, not absent
    assert m.model_fields_set == {"content", "role", "tool_calls", "function_call"}
    assert m.model_dump() == {
        "content": None,
        "role": "assistant",
        "tool_calls": None,
        "function_call": None,
        "provider_specific_fields": None,
    }
    assert m.model_dump(exclude_unset=True) == {
        "content": None,
        "role": "assistant",
        "tool_calls": None,
        "function_call": None,
    }
    assert m.json() == m.model_dump()  # litellm: Message.json() returns a dict
    assert repr(m) == (
        "Message(content=None, role='assistant', tool_calls=None, function_call=None, "
        "provider_specific_fields=None)"
    )
    assert str(m) == repr(m)


def test_message_full():
    m = Message(
        content="hi",
        role=None,
        refusal=None,
        tool_calls=[
            {"id": "a", "type": "function", "function": {"name": "f", "arguments": {"x": 1}}}
        ],
        function_call={"name": "g", "arguments": "{}"},
        reasoning_content="r",
        thinking_blocks=[{"type": "thinking", "thinking": "t"}],
        provider_specific_fields={"p": 1},
        audio={"id": "au", "data": "d", "expires_at": 1, "transcript": "t"},
        extra_x=1,
    )
    assert m.role == "assistant"
    assert m.refusal is None
    assert isinstance(m.function_call, FunctionCall) and m.function_call.name == "g"
    assert m.audio.transcript == "t"
    assert m.extra_x == 1
    assert list(m.model_dump()) == [
        "content",
        "role",
        "refusal",
        "tool_calls",
        "function_call",
        "audio",
        "reasoning_content",
        "thinking_blocks",
        "provider_specific_fields",
        "extra_x",
    ]
    assert m.model_dump()["tool_calls"] == [
        {"function": {"arguments": '{"x": 1}', "name": "f"}, "id": "a", "type": "function"}
    ]
    assert Message(tool_calls=[]).tool_calls is None  # empty list -> None
    assert not hasattr(Message(provider_specific_fields={}), "provider_specific_fields") or (
        Message(provider_specific_fields={}).provider_specific_fields is None
    )


def test_choices():
    c = Choices()
    assert (c.finish_reason, c.index) == ("stop", 0)
    assert not hasattr(c, "logprobs") and not hasattr(c, "provider_specific_fields")
    assert c.get("logprobs") is None
    c = Choices(
        finish_reason="max_tokens", index=None, message={"content": "x"}, enhancements={"e": 1}
    )
    assert c.finish_reason == "length" and c.index == 0
    assert c.provider_specific_fields == {"native_finish_reason": "max_tokens"}
    assert c.message.content == "x"
    assert c.enhancements == {"e": 1}
    assert Choices(finish_reason="weird-unknown").finish_reason == "stop"
    c = Choices(logprobs={"content": [{"token": "a", "logprob": -1.0, "top_logprobs": None}]})
    assert isinstance(c.logprobs, U.ChoiceLogprobs)
    assert c.logprobs.content[0].logprob == -1.0
    assert c.logprobs.content[0].top_logprobs == []
    c["index"] = 3  # __setitem__ exists on Choices
    assert c.index == 3
    with pytest.warns(DeprecationWarning):  # not overridden in litellm: pydantic's str json()
        assert c.json() == c.model_dump_json()


def test_tool_call_and_function():
    tc = ChatCompletionMessageToolCall(function={"name": "f", "arguments": "{}"})
    assert re.fullmatch(UUID4, tc.id)
    assert tc.type == "function"
    assert tc.function.name == "f"
    assert tc["function"]["arguments"] == "{}"
    assert tc.model_fields == {}  # litellm declares no fields: all extras
    tc2 = ChatCompletionMessageToolCall(
        function=Function(name="f", arguments="{}"), id="x", index=2
    )
    assert tc2.model_dump() == {
        "index": 2,
        "function": {"arguments": "{}", "name": "f"},
        "id": "x",
        "type": "function",
    }
    assert Function().model_dump() == {"arguments": "", "name": None}
    assert Function(arguments={"a": 1}, name="f", junk=1).model_dump() == {
        "arguments": '{"a": 1}',
        "name": "f",
    }
    assert Function(parameters={"type": "object"}).arguments == '{"type": "object"}'
    fc = FunctionCall(arguments="{}")
    assert fc.name is None
    assert fc.model_dump() == {"arguments": "{}", "name": None}
    assert fc.model_dump(exclude_unset=True) == {"arguments": "{}"}


def test_delta_tool_call():
    d = ChatCompletionDeltaToolCall(index=0, function={"name": "f", "arguments": "{"})
    assert d.id is None and d.type is None
    assert isinstance(d.function, Function)
    assert d.model_dump() == {
        "id": None,
        "function": {"arguments": "{", "name": "f"},
        "type": None,
        "index": 0,
    }
    assert d.model_dump(exclude_unset=True) == {
        "function": {"arguments": "{", "name": "f"},
        "index": 0,
    }


# ------------------------------------------------------------------------------------------
# streaming shapes
# ------------------------------------------------------------------------------------------


def test_delta_always_has_openai_fields():
    d = Delta()
    for name in ("content", "role", "function_call", "tool_calls", "audio"):
        assert getattr(d, name) is None
        assert name in d
    assert d.provider_specific_fields is None
    assert not hasattr(d, "reasoning_content")
    assert d.model_dump() == {
        "provider_specific_fields": None,
        "content": None,
        "role": None,
        "function_call": None,
        "tool_calls": None,
        "audio": None,
    }


def test_delta_coercions():
    raw = [
        {"id": "c", "function": {"name": "f", "arguments": ""}},
        {"index": 5, "function": {"arguments": "{"}},
    ]
    d = Delta(
        content="x",
        role="assistant",
        tool_calls=raw,
        reasoning="think",
        function_call={"arguments": "{}"},
    )
    assert d.reasoning_content == "think"
    assert not hasattr(d, "reasoning")
    assert [tc.index for tc in d.tool_calls] == [0, 5]
    assert [tc.type for tc in d.tool_calls] == ["function", "function"]
    assert all(isinstance(tc, ChatCompletionDeltaToolCall) for tc in d.tool_calls)
    assert isinstance(d.function_call, FunctionCall)
    assert "index" not in raw[0]  # ferrolite does not mutate the caller's dicts


def test_streaming_choices_and_chunk():
    sc = StreamingChoices()
    assert (sc.finish_reason, sc.index, sc.logprobs) == (None, 0, None)
    assert isinstance(sc.delta, Delta)
    assert StreamingChoices(finish_reason="tool_use").finish_reason == "tool_calls"
    sc = StreamingChoices(delta={"content": "x"}, message={"ignored": 1})
    assert sc.delta.content == "x" and not hasattr(sc, "message")

    ch = ModelResponseStream()
    assert ch.object == "chat.completion.chunk"
    assert ch.model is None and ch.system_fingerprint is None
    assert not hasattr(ch, "usage")
    assert ch.model_dump() == {
        "id": ch.id,
        "created": ch.created,
        "object": "chat.completion.chunk",
        "choices": [
            {
                "finish_reason": None,
                "index": 0,
                "delta": {
                    "content": None,
                    "role": None,
                    "function_call": None,
                    "tool_calls": None,
                    "audio": None,
                },
                "logprobs": None,
            }
        ],
        "provider_specific_fields": None,
    }
    assert ch.json() == ch.model_dump()
    assert ModelResponseStream(usage=None).usage is None  # explicit None stays, as litellm
    last = ModelResponseStream(
        choices=[], usage={"prompt_tokens": 8, "completion_tokens": 2, "total_tokens": 10}
    )
    assert last.choices == [] and isinstance(last.usage, Usage)
    full = ModelResponseStream(
        model="gpt-4o", choices=[{"delta": {"content": "hi", "role": "assistant"}}]
    )
    assert full.model == "gpt-4o" and full.choices[0].delta.role == "assistant"


# ------------------------------------------------------------------------------------------
# Usage
# ------------------------------------------------------------------------------------------


def test_usage_defaults():
    u = Usage()
    assert (u.prompt_tokens, u.completion_tokens, u.total_tokens) == (0, 0, 0)
    assert u.completion_tokens_details is None and u.prompt_tokens_details is None
    assert not hasattr(u, "cost") and not hasattr(u, "server_tool_use")
    assert u._cache_read_input_tokens == 0
    assert dict(u) == {
        "completion_tokens": 0,
        "prompt_tokens": 0,
        "total_tokens": 0,
        "completion_tokens_details": None,
        "prompt_tokens_details": None,
    }
    assert Usage(prompt_tokens=1, completion_tokens=2).total_tokens == 0  # not computed
    assert bool(u)  # objects are truthy even when all counts are 0
    with pytest.warns(DeprecationWarning):
        assert isinstance(u.json(), str)  # litellm does not override Usage.json()


def test_usage_anthropic_cache_fields():
    u = Usage(
        prompt_tokens=16,
        completion_tokens=5,
        total_tokens=21,
        cache_read_input_tokens=3,
        cache_creation_input_tokens=2,
    )
    ptd = u.prompt_tokens_details
    assert isinstance(ptd, PromptTokensDetailsWrapper)
    assert (ptd.cached_tokens, ptd.cache_write_tokens, ptd.cache_creation_tokens) == (3, 2, 2)
    assert u.cache_read_input_tokens == 3 and u.cache_creation_input_tokens == 2  # kept as extras
    assert (u._cache_read_input_tokens, u._cache_creation_input_tokens) == (3, 2)
    assert u.to_dict() == {
        "completion_tokens": 5,
        "prompt_tokens": 16,
        "total_tokens": 21,
        "completion_tokens_details": None,
        "prompt_tokens_details": {
            "cached_tokens": 3,
            "cache_write_tokens": 2,
            "cache_creation_tokens": 2,
        },
        "cache_read_input_tokens": 3,
        "cache_creation_input_tokens": 2,
    }
    assert u.model_dump()["prompt_tokens_details"] == {
        "audio_tokens": None,
        "cache_write_tokens": 2,
        "cached_tokens": 3,
        "image_tokens": None,
        "text_tokens": None,
        "video_tokens": None,
        "initial_prompt_tokens": None,
        "cache_creation_tokens": 2,
    }
    assert "_cache_read_input_tokens" not in u.model_dump()


def test_usage_deepseek_and_reasoning():
    u = Usage(
        prompt_tokens=16,
        completion_tokens=5,
        total_tokens=21,
        prompt_cache_hit_tokens=3,
        prompt_cache_miss_tokens=13,
    )
    assert u.prompt_tokens_details.cached_tokens == 3
    assert u.prompt_cache_miss_tokens == 13
    u = Usage(prompt_tokens=16, completion_tokens=5, total_tokens=21, reasoning_tokens=2)
    ctd = u.completion_tokens_details
    assert isinstance(ctd, CompletionTokensDetailsWrapper)
    assert (ctd.reasoning_tokens, ctd.text_tokens) == (2, 3)
    assert ctd.to_dict() == {"reasoning_tokens": 2, "text_tokens": 3}
    u = Usage(
        completion_tokens=5, reasoning_tokens=2, completion_tokens_details={"audio_tokens": 1}
    )
    assert u.completion_tokens_details.text_tokens == 2


def test_usage_details_cost_server_tool_use():
    u = Usage(
        prompt_tokens=16,
        prompt_tokens_details={"cached_tokens": 4, "web_search_requests": 1},
        completion_tokens_details={"reasoning_tokens": 1},
        server_tool_use={"web_search_requests": 1, "junk": 2},
        cost=0.5,
    )
    assert u.prompt_tokens_details.web_search_requests == 1
    assert not hasattr(u.prompt_tokens_details, "query_count")
    assert isinstance(u.server_tool_use, ServerToolUse)
    assert not hasattr(u.server_tool_use, "junk")  # ServerToolUse ignores unknown keys
    with pytest.raises(KeyError):
        u.server_tool_use["junk"]
    assert u.server_tool_use["tool_search_requests"] is None
    assert u.cost == 0.5
    nan = Usage(cost=float("nan"))
    assert not hasattr(nan, "cost") and Usage.dropped_non_finite_cost(nan)
    # a details wrapper passed in is copied, as litellm rebuilds it
    ptd = PromptTokensDetailsWrapper(cached_tokens=2)
    u = Usage(prompt_tokens_details=ptd)
    assert u.prompt_tokens_details == ptd and u.prompt_tokens_details is not ptd


def test_prompt_tokens_details_mirror():
    p = PromptTokensDetailsWrapper()
    assert p.model_dump(exclude_unset=True) == {}
    assert p.cached_tokens is None and not hasattr(p, "cache_write_tokens")
    p.cache_write_tokens = 4
    assert p.cache_creation_tokens == 4
    p.cache_creation_tokens = 5
    assert p.cache_write_tokens == 5
    assert PromptTokensDetailsWrapper(cache_creation_tokens=4).model_dump(exclude_unset=True) == {
        "cache_write_tokens": 4,
        "cache_creation_tokens": 4,
    }
    p = PromptTokensDetailsWrapper(
        cache_type=5, cache_creation_token_details={"ephemeral_5m_input_tokens": 7}
    )
    assert not hasattr(p, "cache_type")
    assert p.cache_creation_token_details.ephemeral_5m_input_tokens == 7


# ------------------------------------------------------------------------------------------
# other response types
# ------------------------------------------------------------------------------------------


def test_embedding_response():
    e = EmbeddingResponse()
    assert e.object == "list" and e.data == [] and e.model is None
    assert isinstance(e.usage, Usage)
    assert e._hidden_params == {} and e._response_ms is None
    e = EmbeddingResponse(
        model="m",
        data=[{"embedding": [0.1], "index": 0, "object": "embedding"}],
        usage={"prompt_tokens": 3},
        foo=1,
    )
    assert e.data[0]["embedding"] == [0.1]  # provider data stays plain dicts
    assert e.usage.prompt_tokens == 3
    assert not hasattr(e, "foo")  # litellm drops unknown kwargs here
    assert e.json() == e.model_dump()
    emb = Embedding(embedding=[0.5], index=0, object="embedding")
    assert emb.embedding == [0.5] and emb["index"] == 0
    assert Embedding(index=0, object="embedding").embedding == []


def test_text_completion():
    t = TextCompletionResponse()
    assert t.object == "text_completion"
    assert isinstance(t.choices[0], TextChoices)
    assert isinstance(t.usage, Usage)
    t = TextCompletionResponse(
        choices=[{"text": "hi", "index": 0, "finish_reason": "eos", "logprobs": None}], model="m"
    )
    assert t.choices[0].text == "hi" and t.choices[0].finish_reason == "stop"
    assert TextCompletionResponse(stream=True).object == "text_completion.chunk"
    assert TextChoices().json() == {
        "finish_reason": None,
        "index": 0,
        "text": None,
        "logprobs": None,
    }


def test_image_and_transcription():
    i = ImageResponse(created=5, data=[{"url": "u"}], size="1024x1024")
    assert isinstance(i.data[0], ImageObject) and i.data[0].url == "u"
    assert i.size == "1024x1024" and i.quality is None
    assert i.usage.input_tokens_details.text_tokens == 0
    assert set(i.model_dump()) == {
        "created",
        "background",
        "data",
        "output_format",
        "quality",
        "safety_identifier",
        "size",
        "svg_usage",
        "usage",
    }
    assert i.hidden_params == {}
    assert ImageObject(url="u").model_dump() == {
        "b64_json": None,
        "revised_prompt": None,
        "url": "u",
        "provider_specific_fields": None,
    }
    tr = TranscriptionResponse(text="t")
    assert tr.text == "t" and tr.usage is None
    assert tr.json() == {"text": "t", "usage": None}
    assert tr.to_dict() == {"text": "t"}


# ------------------------------------------------------------------------------------------
# generic surface
# ------------------------------------------------------------------------------------------

ALL_SAMPLES = [
    ModelResponse,
    ModelResponseStream,
    Choices,
    StreamingChoices,
    Message,
    Delta,
    Usage,
    PromptTokensDetailsWrapper,
    CompletionTokensDetailsWrapper,
    lambda: ChatCompletionMessageToolCall(function={"name": "f", "arguments": "{}"}),
    lambda: ChatCompletionDeltaToolCall(index=0, function={"name": "f", "arguments": ""}),
    Function,
    lambda: FunctionCall(arguments="{}"),
    EmbeddingResponse,
    lambda: Embedding(embedding=[1.0], index=0, object="embedding"),
    TextCompletionResponse,
    TextChoices,
    ImageResponse,
    ImageObject,
    TranscriptionResponse,
    ServerToolUse,
    engine_response,
    engine_chunk,
]


@pytest.mark.parametrize("make", ALL_SAMPLES)
def test_generic_surface(make):
    obj = make()
    cls = type(obj)
    pairs = list(obj)
    assert pairs and all(isinstance(p, tuple) and len(p) == 2 for p in pairs)
    name, value = pairs[0]
    assert obj[name] is value or obj[name] == value
    assert obj.get(name) == value and name in obj
    assert obj.get("no_such_key") is None and "no_such_key" not in obj
    with pytest.raises(AttributeError):
        _ = obj.no_such_key
    if cls is not ServerToolUse:
        with pytest.raises(AttributeError):
            obj["no_such_key"]
    # dumps are plain data, JSON-serialisable, and agree with model_dump_json
    dump = obj.model_dump(exclude_unset=False)
    assert json.loads(obj.model_dump_json()) == json.loads(json.dumps(dump))
    assert json.loads(obj.to_json()) == obj.to_dict()
    assert isinstance(obj.model_dump(mode="json"), dict)
    assert not any(k.startswith("_") for k in dump)
    assert not any(k.startswith("_") for k, _ in pairs)
    assert not any(k.startswith("_") for k in obj.model_fields_set)
    # copies, pickle and equality
    assert copy.copy(obj) == obj
    assert copy.deepcopy(obj) == obj
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert obj.model_copy() == obj and obj.model_copy(deep=True) == obj
    assert cls.model_validate(obj) is obj
    assert vars(obj) is obj.__dict__
    assert repr(obj).startswith(cls.__name__ + "(")
    assert set(cls.model_fields) >= {n for n, _ in pairs if n in cls.model_fields}
    with pytest.raises(TypeError):
        hash(obj)


def test_private_keys_never_leak():
    r = engine_response()
    assert r._response_ms == 12.5
    assert r._hidden_params["response_cost"] == 0.001
    for dump in (
        r.model_dump(),
        r.model_dump(exclude_unset=False),
        r.to_dict(),
        json.loads(r.model_dump_json()),
    ):
        assert "_hidden_params" not in dump and "_response_ms" not in dump
    assert "_response_ms" not in dict(r)
    assert "_response_ms" not in repr(r)
    assert r.model_fields_set == {"id", "created", "model", "object", "choices", "usage"}
    other = copy.copy(r)
    other._hidden_params = {"different": True}
    other._response_ms = 1.0
    assert other == r  # privates do not take part in equality


def test_iteration_and_dict():
    u = Usage(prompt_tokens=1, completion_tokens=2, total_tokens=3)
    assert dict(u) == {
        "completion_tokens": 2,
        "prompt_tokens": 1,
        "total_tokens": 3,
        "completion_tokens_details": None,
        "prompt_tokens_details": None,
    }
    r = ModelResponse(id="a", created=1)
    assert [k for k, _ in r] == [
        "id",
        "created",
        "model",
        "object",
        "system_fingerprint",
        "choices",
    ]


def test_model_dump_variants():
    r = ModelResponse(
        id="a",
        created=1,
        model="m",
        choices=[{"message": {"content": "x"}}, {"index": 1, "message": {"content": "y"}}],
        usage={"prompt_tokens": 1},
    )
    assert r.model_dump(include={"id", "model"}) == {"id": "a", "model": "m"}
    assert set(r.model_dump(exclude={"choices", "usage"})) == {"id", "created", "model", "object"}
    nested = r.model_dump(include={"choices": {0: {"message": {"content"}}}})
    assert nested == {"choices": [{"message": {"content": "x"}}]}
    nested = r.model_dump(include={"choices": {"__all__": {"index"}}})
    assert nested == {"choices": [{"index": 0}, {"index": 1}]}
    ex = r.model_dump(
        exclude={"choices": {"__all__": {"message": {"role", "tool_calls", "function_call"}}}}
    )
    assert ex["choices"][1]["message"] == {"content": "y"}
    assert r.model_dump(exclude={"choices": {0}})["choices"][0]["index"] == 1
    no_none = r.model_dump(exclude_none=True)
    assert no_none["choices"][0]["message"] == {"content": "x", "role": "assistant"}
    assert "completion_tokens_details" not in no_none["usage"]
    # exclude_none given -> litellm no longer forces exclude_unset
    assert "system_fingerprint" not in no_none
    assert r.model_dump(exclude_none=False)["system_fingerprint"] is None
    assert r.model_dump(exclude_unset=False)["system_fingerprint"] is None
    no_defaults = r.model_dump(exclude_unset=False, exclude_defaults=True)
    assert "system_fingerprint" not in no_defaults and no_defaults["model"] == "m"
    with pytest.warns(DeprecationWarning):  # pydantic's dict() passes exclude_unset=False
        assert r.dict()["system_fingerprint"] is None
    assert ModelResponse(id="a", created=1, meta={"k": None}).model_dump(exclude_none=True)[
        "meta"
    ] == {"k": None}


def test_model_dump_json_mode():
    r = ModelResponse(
        id="a", created=1, extra_tuple=(1, 2), extra_bytes=b"ok", extra_inf=float("inf")
    )
    py = r.model_dump()
    assert py["extra_tuple"] == (1, 2) and py["extra_bytes"] == b"ok"
    js = r.model_dump(mode="json")
    assert js["extra_tuple"] == [1, 2] and js["extra_bytes"] == "ok" and js["extra_inf"] is None
    text = r.model_dump_json()
    assert '"extra_tuple":[1,2]' in text and " " not in text.replace("chat.completion", "")
    assert r.model_dump_json(indent=2).startswith('{\n  "id": "a",')
    assert json.loads(ModelResponse(id="é", created=1).model_dump_json())["id"] == "é"
    assert "é" in ModelResponse(id="é", created=1).model_dump_json()  # no ASCII escaping
    to_json = r.to_json()
    assert to_json.startswith('{\n  "id"') and "system_fingerprint" not in to_json


def test_dump_results_are_independent_copies():
    r = ModelResponse(id="a", created=1, meta={"k": [1]})
    d = r.model_dump()
    d["meta"]["k"].append(2)
    d["choices"][0]["message"]["content"] = "changed"
    assert r.meta == {"k": [1]} and r.choices[0].message.content is None


def test_json_and_dict_methods():
    r = ModelResponse(id="a", created=1)
    assert r.json() == r.model_dump()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert isinstance(Usage().json(), str)
        assert isinstance(Usage().dict(), dict)
    assert all(issubclass(w.category, DeprecationWarning) for w in caught) and len(caught) == 2


def test_equality():
    assert Message(content="a") == Message(content="a")
    assert Message(content="a") != Message(content="b")
    assert Message() == Message(provider_specific_fields=None)  # defaulted == explicit default
    assert Message(content="a") != {"content": "a"}
    a = ModelResponse(id="x", created=1)
    b = ModelResponse(id="x", created=1)
    b._hidden_params["cost"] = 1
    assert a == b  # brief: equality is class + public fields (pydantic would compare privates)
    assert ModelResponse(id="x", created=1, system_fingerprint=None) == a
    assert Delta() != Message()


def test_copy_and_pickle_keep_private_state():
    r = engine_response()
    for clone in (pickle.loads(pickle.dumps(r)), copy.deepcopy(r), copy.copy(r)):
        assert clone == r
        assert clone._hidden_params == r._hidden_params
        assert clone._response_ms == 12.5
        assert isinstance(clone.choices[0].message.tool_calls[0].function, Function)
    deep = copy.deepcopy(r)
    deep.choices[0].message.content = "changed"
    deep._hidden_params["response_cost"] = 9
    assert r.choices[0].message.content is None and r._hidden_params["response_cost"] == 0.001
    shallow = copy.copy(r)
    shallow.model = "other"
    assert r.model == "gpt-4o-2024-08-06"
    updated = r.model_copy(update={"model": "z", "new_field": 1})
    assert (updated.model, updated.new_field, r.model) == ("z", 1, "gpt-4o-2024-08-06")
    assert "new_field" in updated.model_fields_set
    p = PromptTokensDetailsWrapper(cache_write_tokens=3)
    assert pickle.loads(pickle.dumps(p)).cache_creation_tokens == 3


def test_engine_built_objects():
    r = engine_response()
    assert r.system_fingerprint is None  # defaulted, served by the class
    assert not hasattr(r.choices[0], "logprobs")
    msg = r.choices[0].message
    assert msg.provider_specific_fields is None
    with pytest.raises(AttributeError):
        _ = msg.refusal
    assert msg.get("refusal") is None
    assert msg.tool_calls[0].function.arguments == '{"city": "Paris"}'
    assert msg.tool_calls[0]["function"]["name"] == "get_weather"
    assert r.usage.prompt_tokens_details.cached_tokens == 3
    assert r.usage.prompt_tokens_details.audio_tokens is None
    assert not hasattr(r.usage, "cost")
    assert r.hidden_params["custom_llm_provider"] == "openai"
    assert r.model_dump() == {
        "id": "chatcmpl-abc",
        "created": 1700000000,
        "model": "gpt-4o-2024-08-06",
        "object": "chat.completion",
        "choices": [
            {
                "finish_reason": "tool_calls",
                "index": 0,
                "message": {
                    "content": None,
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "function": {"arguments": '{"city": "Paris"}', "name": "get_weather"},
                            "id": "call_1",
                            "type": "function",
                        }
                    ],
                    "function_call": None,
                },
            }
        ],
        "usage": {
            "completion_tokens": 5,
            "prompt_tokens": 10,
            "total_tokens": 15,
            "completion_tokens_details": None,
            "prompt_tokens_details": {"cached_tokens": 3},
        },
    }
    # the same response built by the Python constructors is equal
    built = ModelResponse(
        id="chatcmpl-abc",
        created=1700000000,
        model="gpt-4o-2024-08-06",
        choices=[
            Choices(
                finish_reason="tool_calls",
                message=Message(
                    tool_calls=[
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                        }
                    ]
                ),
            )
        ],
        usage=Usage(
            prompt_tokens=10,
            completion_tokens=5,
            total_tokens=15,
            prompt_tokens_details={"cached_tokens": 3},
        ),
    )
    assert built == r
    assert built.model_dump() == r.model_dump()


def test_engine_built_chunk():
    ch = engine_chunk(content="hel", role="assistant")
    assert ch.choices[0].delta.content == "hel"
    assert ch.choices[0].delta.get("reasoning_content") is None
    assert not hasattr(ch, "usage")
    assert ch.model_dump()["choices"][0]["delta"] == {
        "content": "hel",
        "role": "assistant",
        "function_call": None,
        "tool_calls": None,
        "audio": None,
    }
    assert ch.model_dump()["system_fingerprint"] is None  # set by the engine, so dumped
    assert ch == ModelResponseStream(
        id="chatcmpl-s",
        created=1700000001,
        model="gpt-4o",
        system_fingerprint=None,
        choices=[StreamingChoices(delta=Delta(content="hel", role="assistant"))],
    )


def test_model_validate_construct_fields():
    r = ModelResponse(id="a", created=1, usage={"prompt_tokens": 2})
    again = ModelResponse.model_validate(r.model_dump())
    assert again == r and isinstance(again.usage, Usage)
    assert ModelResponse.model_validate_json(r.model_dump_json()) == r
    assert ModelResponseStream.model_validate(engine_chunk().model_dump()) == engine_chunk()
    with pytest.raises(ValueError):
        ModelResponse.model_validate(42)
    m = Message.model_construct(content="x")
    assert m.content == "x" and not hasattr(m, "role")
    assert list(ModelResponse.model_fields) == [
        "id",
        "created",
        "model",
        "object",
        "system_fingerprint",
        "choices",
    ]
    assert "usage" not in ModelResponse.model_fields  # an extra field in litellm
    assert ModelResponse.model_fields["model"].default is None
    assert ModelResponse.model_fields["id"].is_required()
    assert StreamingChoices.model_fields == {}
    assert list(Delta.model_fields) == [
        "reasoning_content",
        "thinking_blocks",
        "reasoning_items",
        "provider_specific_fields",
    ]
    assert ModelResponse(id="a", created=1, foo=1).model_extra == {"foo": 1}


def test_map_finish_reason():
    assert U.map_finish_reason("end_turn") == "stop"
    assert U.map_finish_reason("tool_use") == "tool_calls"
    assert U.map_finish_reason("MAX_TOKENS") == "length"
    assert U.map_finish_reason("SAFETY") == "content_filter"
    assert U.map_finish_reason("whatever") == "stop"


# ------------------------------------------------------------------------------------------
# pydantic integration (optional dependency)
# ------------------------------------------------------------------------------------------


def test_pydantic_model_can_hold_response_objects():
    pydantic = pytest.importorskip("pydantic")

    class Envelope(pydantic.BaseModel):
        response: ModelResponse
        usage: Usage | None = None
        chunks: list[ModelResponseStream] = []

    r = engine_response()
    env = Envelope(response=r, usage=r.usage, chunks=[engine_chunk()])
    assert env.response is r
    dumped = env.model_dump()
    assert dumped["response"]["choices"][0]["message"]["tool_calls"][0]["id"] == "call_1"
    assert dumped["response"]["system_fingerprint"] is None  # exclude_unset=False propagates
    assert "system_fingerprint" not in env.model_dump(exclude_unset=True)["response"]
    text = env.model_dump_json()
    assert json.loads(text)["usage"]["prompt_tokens_details"]["cached_tokens"] == 3
    back = Envelope.model_validate_json(text)
    assert isinstance(back.response, ModelResponse) and isinstance(back.response.usage, Usage)
    assert back.response.choices[0].message.tool_calls[0].function.name == "get_weather"
    assert Envelope(response={"id": "x", "created": 1}).response.id == "x"
    with pytest.raises(pydantic.ValidationError):
        Envelope(response=42)
    schema = Envelope.model_json_schema()
    assert "response" in schema["properties"]


# ------------------------------------------------------------------------------------------
# import hygiene
# ------------------------------------------------------------------------------------------

FORBIDDEN = {
    "pydantic",
    "pydantic_core",
    "openai",
    "httpx",
    "asyncio",
    "inspect",
    "dataclasses",
    "json",
    "re",
    "uuid",
    "typing",
    "logging",
    "copy",
    "enum",
    "warnings",
    "threading",
}


def _run(code):
    """Run `code` in a fresh `python -S` (no site: a bare interpreter) and eval its repr output."""
    out = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return ast.literal_eval(out.stdout)


def test_import_is_light():
    # the children print with repr() so that reporting imports nothing
    baseline = set(_run("import sys; print(repr(sorted(sys.modules)))"))
    code = (
        f"import sys; sys.path.insert(0, {PYTHON_DIR!r})\n"
        "before = set(sys.modules)\n"
        "import time; t = time.perf_counter()\n"
        "import litellm.types.utils\n"
        "elapsed = time.perf_counter() - t\n"
        "print(repr({'new': sorted(set(sys.modules) - before), 'all': sorted(sys.modules),"
        " 'elapsed': elapsed}))\n"
    )
    result = _run(code)
    leaked = {m for m in result["new"] if m.split(".")[0] in FORBIDDEN}
    assert not leaked, f"import litellm.types.utils imported {sorted(leaked)}"
    beyond_bare = {m for m in set(result["all"]) - baseline if m.split(".")[0] in FORBIDDEN}
    assert not beyond_bare, f"not in a bare interpreter: {sorted(beyond_bare)}"
    # generous bound: the module body runs in ~0.3 ms; CI machines are loaded and may compile
    assert result["elapsed"] < 0.2


def test_types_llms_openai_typeddicts():
    from litellm.types.llms import openai as oai

    tool: oai.ChatCompletionToolParam = {
        "type": "function",
        "function": {"name": "get_weather", "parameters": {"type": "object"}},
    }
    assert tool["function"]["name"] == "get_weather"
    assert oai.Function.__required_keys__ == frozenset({"name"})
    assert "arguments" in oai.Function.__optional_keys__
    msg: oai.ChatCompletionUserMessage = {"role": "user", "content": "hi"}
    assert msg["role"] == "user"
    for name in (
        "ChatCompletionMessageToolCallParam",
        "ChatCompletionAssistantMessage",
        "ChatCompletionSystemMessage",
        "ChatCompletionToolMessage",
        "ChatCompletionToolChoiceObjectParam",
        "ChatCompletionTextObject",
        "ChatCompletionImageObject",
        "ChatCompletionThinkingBlock",
        "AllMessageValues",
    ):
        assert hasattr(oai, name), name
