"""`mock_response` and the other mock_* flags (library.md §5): canned replies with fixed usage,
3-character streamed chunks with counted usage, magic error strings, exception instances,
dict / ModelResponse replies, mock tool calls, delays and timeouts — all without a key or any
network request, but after provider resolution.
"""

import asyncio
import json
import time
from pathlib import Path

import litellm
import pytest
from conftest import USER

REFERENCE = Path("/work/shared/reference/model_prices_and_context_window.json")
TEXT = "Hi there friend"  # 15 chars -> five 3-char chunks


def mocked(model="gpt-4o", **kw):
    kw.setdefault("mock_response", TEXT)
    return litellm.completion(model=model, messages=USER, **kw)


def pieces(chunks):
    return [c.choices[0].delta.content for c in chunks if c.choices]


# --- string replies ------------------------------------------------------------------------


def test_string_reply_fields():
    r = mocked(model="openai/gpt-4o")
    assert isinstance(r, litellm.ModelResponse)
    assert r.choices[0].message.content == TEXT
    assert r.choices[0].message.role == "assistant"
    assert r.choices[0].finish_reason == "stop"
    assert r.model == "gpt-4o"  # the requested model without its provider prefix
    assert r.object == "chat.completion"
    assert r.id.startswith("chatcmpl-") and len(r.id) > len("chatcmpl-") + 8
    assert abs(r.created - time.time()) < 120
    assert (r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens) == (10, 20, 30)
    assert r.system_fingerprint is None


def test_string_reply_hidden_params_and_cost():
    r = mocked()
    price = json.loads(REFERENCE.read_text())["gpt-4o"]
    expected = 10 * price["input_cost_per_token"] + 20 * price["output_cost_per_token"]
    assert r._hidden_params["custom_llm_provider"] == "openai"
    assert r._hidden_params["response_cost"] == pytest.approx(expected)
    assert r._hidden_params["response_cost"] > 0
    assert isinstance(r._response_ms, float)


def test_mock_sends_no_request_and_needs_no_key(mock, sid):
    r = mocked(api_base=mock.base(f"id={sid}"))
    assert r.choices[0].message.content == TEXT
    assert mock.stats(sid)["requests"] == 0


def test_n_gives_identical_choices():
    r = mocked(n=2)
    assert [c.message.content for c in r.choices] == [TEXT, TEXT]
    assert [c.index for c in r.choices] == [0, 1]
    assert all(c.finish_reason == "stop" for c in r.choices)


def test_mock_completion_function_default_text():
    r = litellm.mock_completion("gpt-4o", USER)
    assert r.choices[0].message.content == "This is a mock request"
    assert r.usage.total_tokens == 30


# --- streamed replies ----------------------------------------------------------------------


def test_stream_splits_into_three_char_chunks():
    chunks = list(mocked(stream=True))
    assert pieces(chunks) == ["Hi ", "the", "re ", "fri", "end", None]
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1])
    assert {c.model for c in chunks} == {"gpt-4o"}
    assert len({c.id for c in chunks}) == 1
    assert not any(hasattr(c, "usage") for c in chunks)


def test_stream_include_usage_is_counted_not_fixed():
    chunks = list(mocked(stream=True, stream_options={"include_usage": True}))
    last = chunks[-1]
    assert last.choices == []
    assert last.usage.prompt_tokens > 0
    assert 0 < last.usage.completion_tokens < 20
    assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    assert "".join(p or "" for p in pieces(chunks)) == TEXT


def test_stream_chunk_builder_on_a_mock_stream():
    chunks = list(mocked(stream=True))
    r = litellm.stream_chunk_builder(chunks, messages=USER)
    assert r.choices[0].message.content == TEXT
    assert r.choices[0].finish_reason == "stop"
    assert r.usage.prompt_tokens > 0


def test_async_mock_and_async_mock_stream():
    async def main():
        r = await litellm.acompletion(model="gpt-4o", messages=USER, mock_response="abcdefg")
        s = await litellm.acompletion(
            model="gpt-4o", messages=USER, mock_response="abcdefg", stream=True
        )
        return r, [c async for c in s]

    r, chunks = asyncio.run(main())
    assert r.choices[0].message.content == "abcdefg"
    assert pieces(chunks) == ["abc", "def", "g", None]


# --- errors ----------------------------------------------------------------------------------

MAGIC = [
    ("litellm.RateLimitError", litellm.RateLimitError, 429),
    ("litellm.ContextWindowExceededError", litellm.ContextWindowExceededError, 400),
    ("litellm.InternalServerError", litellm.InternalServerError, 500),
]


@pytest.mark.parametrize(("magic", "cls", "status"), MAGIC, ids=[m[0] for m in MAGIC])
def test_magic_strings_raise(magic, cls, status):
    with pytest.raises(cls) as ei:
        mocked(mock_response=magic)
    assert type(ei.value) is cls
    assert ei.value.status_code == status
    assert str(ei.value).startswith("litellm.")


def test_content_filter_magic_string_is_a_bad_request():
    with pytest.raises(litellm.BadRequestError) as ei:
        mocked(mock_response="Exception: content_filter_policy violated")
    assert ei.value.status_code == 400
    assert "content_filter_policy" in str(ei.value)


def test_async_magic_string_raises_from_the_await():
    async def main():
        with pytest.raises(litellm.RateLimitError):
            await litellm.acompletion(
                model="gpt-4o", messages=USER, mock_response="litellm.RateLimitError"
            )

    asyncio.run(main())


def mid_stream_error():
    from litellm.exceptions import MidStreamFallbackError

    return MidStreamFallbackError


def test_mock_streaming_error_raises_while_iterating():
    s = mocked(mock_response="Exception: mock_streaming_error", stream=True)  # no raise yet
    with pytest.raises(mid_stream_error()) as ei:
        for _ in s:
            pass
    assert isinstance(ei.value, litellm.ServiceUnavailableError)
    assert ei.value.status_code == 529


def test_mock_streaming_error_yields_no_content_first():
    s = mocked(mock_response="Exception: mock_streaming_error", stream=True)
    got = []
    with pytest.raises(mid_stream_error()):
        for c in s:
            got.append(c)
    assert "mock_streaming_error" not in "".join(p or "" for p in pieces(got))
    assert got == []


def test_litellm_exception_instance_is_raised_as_is():
    err = litellm.RateLimitError("slow down", "openai", "gpt-4o")
    with pytest.raises(litellm.RateLimitError) as ei:
        mocked(mock_response=err)
    assert ei.value is err


def test_plain_exception_becomes_internal_server_error():
    with pytest.raises(litellm.InternalServerError) as ei:
        mocked(mock_response=ValueError("boom"))
    assert ei.value.status_code == 500
    assert "boom" in str(ei.value)


def test_mock_timeout_uses_the_timeout():
    t0 = time.monotonic()
    with pytest.raises(litellm.Timeout) as ei:
        litellm.completion(model="gpt-4o", messages=USER, mock_timeout=True, timeout=0.2)
    elapsed = time.monotonic() - t0
    assert 0.15 <= elapsed < 1.0
    assert ei.value.status_code == 408
    assert ei.value.llm_provider == "openai"


def test_mock_delay():
    t0 = time.monotonic()
    r = mocked(mock_delay=0.3)
    assert 0.28 <= time.monotonic() - t0 < 1.0
    assert r.choices[0].message.content == TEXT


# --- object replies ---------------------------------------------------------------------------


def test_model_response_instance_is_returned():
    given = litellm.ModelResponse(
        id="chatcmpl-given", choices=[{"message": {"role": "assistant", "content": "given"}}]
    )
    r = mocked(mock_response=given)
    assert isinstance(r, litellm.ModelResponse)
    assert r.id == "chatcmpl-given"
    assert r.choices[0].message.content == "given"


DICT_REPLY = {
    "id": "chatcmpl-dict",
    "choices": [{"message": {"role": "assistant", "content": "from a dict"}}],
}


def test_dict_becomes_a_model_response():
    r = mocked(mock_response=dict(DICT_REPLY))
    assert isinstance(r, litellm.ModelResponse)
    assert r.id == "chatcmpl-dict"
    assert r.choices[0].message.content == "from a dict"


def test_dict_reply_equals_model_response_of_the_dict():
    r = mocked(mock_response=dict(DICT_REPLY))
    ref = litellm.ModelResponse(**DICT_REPLY)
    assert r.object == ref.object == "chat.completion"
    assert isinstance(r.created, int) and abs(r.created - ref.created) < 60
    assert r.choices[0].finish_reason == ref.choices[0].finish_reason == "stop"


MOCK_TOOL_CALLS = [
    {
        "id": "call_mock_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
    }
]


def test_mock_tool_calls():
    r = litellm.completion(model="gpt-4o", messages=USER, mock_tool_calls=MOCK_TOOL_CALLS)
    msg = r.choices[0].message
    assert msg.content == "This is a mock request"
    assert r.choices[0].finish_reason == "stop"  # litellm does not switch to tool_calls
    assert len(msg.tool_calls) == 1
    assert msg.tool_calls[0].id == "call_mock_1"
    assert msg.tool_calls[0].function.name == "get_weather"
    assert json.loads(msg.tool_calls[0].function.arguments) == {"city": "Paris"}


def test_mock_tool_calls_are_dropped_when_streaming():
    chunks = list(mocked(mock_tool_calls=MOCK_TOOL_CALLS, stream=True))
    assert all(not c.choices[0].delta.tool_calls for c in chunks if c.choices)
    assert "".join(p or "" for p in pieces(chunks)) == TEXT


# --- provider resolution still runs ------------------------------------------------------------


def test_mock_for_a_provider_without_an_adapter():
    r = mocked(model="bedrock/anthropic.claude-v2")
    assert r.choices[0].message.content == TEXT
    assert r.model == "anthropic.claude-v2"
    assert r._hidden_params["custom_llm_provider"] == "bedrock"


def test_unknown_bare_model_still_fails_with_a_mock():
    with pytest.raises(litellm.BadRequestError) as ei:
        mocked(model="totally-unknown-model-zz")
    assert "LLM Provider NOT provided" in str(ei.value)


def test_prefixed_unknown_model_works_with_a_mock():
    assert mocked(model="openai/anything-at-all").model == "anything-at-all"


def test_catalog_bare_name_routes_to_its_provider():
    # A deliberate choice: bare catalog names route by the catalog (litellm 1.109.1's
    # shrunken map rejects this one).
    r = mocked(model="claude-3-5-sonnet-20240620")
    assert r._hidden_params["custom_llm_provider"] == "anthropic"
