"""Anthropic Messages over real HTTP to the mock: request translation, response and stream
shapes, usage with prompt caching, tool-calling round trips, JSON mode and errors."""

import asyncio
import json

import litellm
import pytest
from conftest import USER

MODEL = "anthropic/claude-sonnet-4-5"
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather for a city",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        },
    }
]


def call(mock, scenario, **kw):
    kw.setdefault("api_key", "sk-ant-test")
    kw.setdefault("messages", USER)
    return litellm.completion(model=MODEL, api_base=mock.base(scenario, suffix=""), **kw)


def test_plain_reply_and_request_shape(mock, sid):
    r = call(
        mock,
        f"id={sid},reply=Bonjour",
        messages=[{"role": "system", "content": "Be brief."}, *USER],
        temperature=0.2,
        stop="END",
        user="u-1",
    )
    assert r.choices[0].message.content == "Bonjour"
    assert r.choices[0].message.role == "assistant"
    assert r.choices[0].finish_reason == "stop"
    assert r.id.startswith("chatcmpl-")
    assert r.object == "chat.completion"
    assert r._hidden_params["custom_llm_provider"] == "anthropic"
    st = mock.stats(sid)
    body, headers = st["last_body"], st["last_headers"]
    assert st["last_path"] == "/v1/messages"
    assert headers["x-api-key"] == "sk-ant-test"
    assert headers["anthropic-version"] == "2023-06-01"
    assert body["model"] == "claude-sonnet-4-5"
    assert body["system"] == "Be brief."
    assert body["messages"] == [{"role": "user", "content": "Hello there"}]
    assert body["temperature"] == 0.2
    assert body["stop_sequences"] == ["END"]
    assert body["metadata"] == {"user_id": "u-1"}
    # max_tokens is required by Anthropic: the catalog's max output for the model.
    expected = litellm.get_model_info("claude-sonnet-4-5")["max_output_tokens"]
    assert body["max_tokens"] == expected


def test_max_tokens_given_wins(mock, sid):
    call(mock, f"id={sid}", max_tokens=77)
    assert mock.stats(sid)["last_body"]["max_tokens"] == 77


def test_unsupported_params_raise_unless_dropped(mock, sid):
    with pytest.raises(litellm.UnsupportedParamsError):
        call(mock, f"id={sid}", frequency_penalty=0.5)
    call(mock, f"id={sid}", frequency_penalty=0.5, drop_params=True)
    assert "frequency_penalty" not in mock.stats(sid)["last_body"]


def test_usage_with_prompt_cache(mock, sid):
    r = call(mock, f"id={sid},cache_read=3,cache_write=2")
    u = r.usage
    assert u.prompt_tokens == u.cache_read_input_tokens + u.cache_creation_input_tokens + (
        u.prompt_tokens - 5
    )
    assert u.cache_read_input_tokens == 3
    assert u.cache_creation_input_tokens == 2
    assert u.prompt_tokens_details.cached_tokens == 3
    assert u.total_tokens == u.prompt_tokens + u.completion_tokens
    assert r._hidden_params["response_cost"] > 0


@pytest.mark.parametrize(
    "native,mapped", [("end_turn", "stop"), ("max_tokens", "length"), ("stop_sequence", "stop")]
)
def test_finish_reasons(mock, sid, native, mapped):
    r = call(mock, f"id={sid},finish={native}")
    assert r.choices[0].finish_reason == mapped


def test_tool_call_round_trip_with_response_objects(mock, sid):
    r = call(mock, f"id={sid},tools=1", tools=TOOLS, tool_choice="required")
    msg = r.choices[0].message
    assert r.choices[0].finish_reason == "tool_calls"
    tc = msg.tool_calls[0]
    assert tc.function.name == "get_weather"
    assert json.loads(tc.function.arguments) == {"city": "Paris"}
    body = mock.stats(sid)["last_body"]
    assert body["tools"][0]["name"] == "get_weather"
    assert body["tools"][0]["input_schema"]["properties"]["city"] == {"type": "string"}
    assert body["tool_choice"] == {"type": "any"}

    messages = [*USER, msg, {"role": "tool", "tool_call_id": tc.id, "content": "22C and sunny"}]
    r2 = call(mock, f"id={sid}", messages=messages, tools=TOOLS)
    assert r2.choices[0].message.content
    sent = mock.stats(sid)["last_body"]["messages"]
    assert sent[1]["role"] == "assistant"
    tool_use = [b for b in sent[1]["content"] if b["type"] == "tool_use"][0]
    assert tool_use["id"] == tc.id and tool_use["input"] == {"city": "Paris"}
    assert sent[2]["role"] == "user"
    assert sent[2]["content"][0]["type"] == "tool_result"
    assert sent[2]["content"][0]["tool_use_id"] == tc.id


def test_json_mode_through_a_forced_tool(mock, sid):
    schema = {"type": "object", "properties": {"city": {"type": "string"}}}
    r = call(
        mock,
        f"id={sid},tools=1",
        response_format={"type": "json_schema", "json_schema": {"name": "c", "schema": schema}},
    )
    assert r.choices[0].finish_reason == "stop"
    assert r.choices[0].message.tool_calls is None
    assert json.loads(r.choices[0].message.content) == {"city": "Paris"}


def test_stream_shape_and_usage(mock, sid):
    chunks = list(
        call(mock, f"id={sid},chunks=4", stream=True, stream_options={"include_usage": True})
    )
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Hello from the mock!"
    finals = [c for c in chunks if c.choices and c.choices[0].finish_reason]
    assert len(finals) == 1 and finals[0].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == 4
    assert len({c.id for c in chunks}) == 1
    assert all(c.model == "claude-sonnet-4-5" for c in chunks)
    assert not hasattr(chunks[1], "usage")
    assert mock.stats(sid)["last_body"]["stream"] is True


def test_stream_tool_calls_merge(mock, sid):
    chunks = list(call(mock, f"id={sid},tools=2", stream=True, tools=TOOLS))
    rebuilt = litellm.stream_chunk_builder(chunks, messages=USER)
    calls = rebuilt.choices[0].message.tool_calls
    assert [c.function.name for c in calls] == ["get_weather", "get_weather"]
    assert all(isinstance(json.loads(c.function.arguments), dict) for c in calls)
    assert rebuilt.choices[0].finish_reason == "tool_calls"


def test_async_and_async_stream(mock, sid):
    async def main():
        r = await litellm.acompletion(
            model=MODEL, messages=USER, api_base=mock.base(f"id={sid}", ""), api_key="k"
        )
        s = await litellm.acompletion(
            model=MODEL,
            messages=USER,
            api_base=mock.base(f"id={sid}", ""),
            api_key="k",
            stream=True,
        )
        text = ""
        async for c in s:
            if c.choices:
                text += c.choices[0].delta.content or ""
        return r, text

    r, text = asyncio.run(main())
    assert r.choices[0].message.content == text == "Hello from the mock!"


@pytest.mark.parametrize(
    "scenario,cls,status",
    [
        ("status=400", litellm.BadRequestError, 400),
        ("status=401", litellm.AuthenticationError, 401),
        ("status=403", litellm.PermissionDeniedError, 403),
        ("status=404", litellm.NotFoundError, 404),
        ("status=413", litellm.BadRequestError, 400),
        ("status=429", litellm.RateLimitError, 429),
        ("status=500", litellm.InternalServerError, 500),
        ("status=529", litellm.InternalServerError, 500),
        ("status=504", litellm.Timeout, 504),
        ("error=context", litellm.ContextWindowExceededError, 400),
    ],
)
def test_error_mapping(mock, sid, scenario, cls, status):
    with pytest.raises(cls) as ei:
        call(mock, f"id={sid},{scenario}")
    e = ei.value
    assert e.status_code == status
    assert e.llm_provider == "anthropic"
    assert mock.stats(sid)["requests"] == 1  # Anthropic is not retried by default


def test_midstream_overloaded_error(mock, sid):
    # As litellm 1.109.1: a MidStreamFallbackError around the InternalServerError.
    s = call(mock, f"id={sid},midstream_error=1", stream=True)
    with pytest.raises(litellm.exceptions.MidStreamFallbackError) as ei:
        for _ in s:
            pass
    assert type(ei.value.original_exception) is litellm.InternalServerError
    assert ei.value.status_code == 500
    assert str(ei.value).startswith(
        "litellm.MidStreamFallbackError: litellm.InternalServerError: AnthropicError - Overloaded"
    )


def test_missing_key_names_the_variable(mock, sid):
    with pytest.raises(litellm.AuthenticationError) as ei:
        litellm.completion(model=MODEL, messages=USER, api_base=mock.base(f"id={sid}", ""))
    assert "ANTHROPIC_API_KEY" in str(ei.value)
    assert mock.stats(sid)["requests"] == 0


def test_key_and_base_from_environment(mock, sid, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-env")
    monkeypatch.setenv("ANTHROPIC_API_BASE", mock.base(f"id={sid}", ""))
    litellm.completion(model=MODEL, messages=USER)
    assert mock.stats(sid)["last_headers"]["x-api-key"] == "sk-env"
    litellm.anthropic_key = "sk-module"
    litellm.completion(model=MODEL, messages=USER)
    assert mock.stats(sid)["last_headers"]["x-api-key"] == "sk-module"


def test_bare_claude_name_routes_to_anthropic(mock, sid):
    r = litellm.completion(
        model="claude-3-5-sonnet-20240620",
        messages=USER,
        api_base=mock.base(f"id={sid}", ""),
        api_key="k",
    )
    assert r._hidden_params["custom_llm_provider"] == "anthropic"
    assert mock.stats(sid)["last_body"]["model"] == "claude-3-5-sonnet-20240620"


def test_images_become_image_blocks(mock, sid):
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}},
            ],
        }
    ]
    call(mock, f"id={sid}", messages=messages)
    blocks = mock.stats(sid)["last_body"]["messages"][0]["content"]
    assert blocks[1] == {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
    }
    assert blocks[2] == {
        "type": "image",
        "source": {"type": "url", "url": "https://example.com/cat.jpg"},
    }
