"""The Ollama native chat adapter (`ollama_chat/...`) over real HTTP to the mock: what the mock
(like Ollama) rejects, and the bodies ferrolite sends for litellm's parameters, as litellm
1.109.1 sends them (observed in a side venv against the same mock)."""

import json
import urllib.error
import urllib.request

import litellm
import pytest

MODEL = "ollama_chat/llama3.2"
PNG = "data:image/png;base64,iVBORw0KGgo="
WEATHER = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "d",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    }
]


def raw(mock, sid, body):
    url = mock.base(f"id={sid}", suffix="/api/chat")
    req = urllib.request.Request(
        url, json.dumps(body).encode(), {"content-type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())["error"]


def call(mock, sid, scenario="", **kw):
    kw.setdefault("messages", [{"role": "user", "content": "hi"}])
    s = f"id={sid}" + ("," + scenario if scenario else "")
    return litellm.completion(model=MODEL, api_base=mock.base(s, suffix=""), **kw)


def sent(mock, sid):
    return mock.stats(sid)["last_body"]


def test_mock_rejects_what_ollama_rejects(mock, sid):
    msg = {"role": "user", "content": "x"}
    assert raw(mock, sid, {"messages": [msg]}) == (400, "model is required")
    assert raw(mock, sid, {"model": "m", "messages": [{"role": "bot", "content": "x"}]}) == (
        400,
        "invalid role",
    )
    status, err = raw(mock, sid, {"model": "m", "messages": [{**msg, "images": [PNG]}]})
    assert (status, err) == (400, "illegal base64 data at input byte 4")
    call_ = {"function": {"name": "f", "arguments": "{}"}}
    status, err = raw(
        mock, sid, {"model": "m", "messages": [{"role": "assistant", "tool_calls": [call_]}]}
    )
    assert status == 400 and "cannot unmarshal string" in err
    # Ollama streams unless told otherwise: NDJSON lines, the last one done.
    status, text = raw(mock, sid, {"model": "m", "messages": [msg]})
    lines = [json.loads(line) for line in text.splitlines()]
    assert status == 200 and lines[-1]["done"] is True and lines[0]["done"] is False


def test_a_conversation_is_sent_as_ollama_takes_it(mock, sid):
    first = call(mock, sid, "tools=1", tools=WEATHER)
    tc = first.choices[0].message.tool_calls[0]
    assert first.choices[0].finish_reason == "tool_calls"
    assert json.loads(tc.function.arguments) == {"city": "Paris"}
    call(
        mock,
        sid,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What?"},
                    {"type": "image_url", "image_url": {"url": PNG}},
                ],
            },
            first.choices[0].message,
            {"role": "tool", "tool_call_id": tc.id, "content": "sunny"},
        ],
        tools=WEATHER,
        tool_choice="auto",
    )
    body = sent(mock, sid)
    assert body["messages"] == [
        {"role": "user", "content": "What?", "images": ["iVBORw0KGgo="]},
        {
            "role": "assistant",
            "content": "",
            "images": [],
            "tool_calls": [
                {"id": tc.id, "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}
            ],
        },
        {"role": "tool", "content": "sunny", "images": [], "tool_call_id": tc.id},
    ]
    assert "tool_choice" not in body and body["stream"] is False


def test_parameters_land_where_ollama_reads_them(mock, sid):
    call(
        mock,
        sid,
        top_p=0.5,
        frequency_penalty=0.3,
        max_completion_tokens=7,
        reasoning_effort="low",
        keep_alive="5m",
        num_ctx=2048,
        stop="x",
    )
    body = sent(mock, sid)
    assert body["options"] == {
        "top_p": 0.5,
        "repeat_penalty": 0.3,
        "stop": ["x"],
        "num_predict": 7,
        "num_ctx": 2048,
    }
    assert body["think"] is True and body["keep_alive"] == "5m"
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    call(
        mock,
        sid,
        response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": schema}},
    )
    assert sent(mock, sid)["format"] == schema


def test_replies_streams_and_errors(mock, sid):
    r = call(mock, sid, "thinking=1")
    assert r.model == "ollama_chat/llama3.2"
    assert r.choices[0].message.reasoning_content == "Let me think about this."
    assert r._hidden_params["response_cost"] == 0.0
    chunks = list(call(mock, sid, stream=True, stream_options={"include_usage": True}))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == (
        "Hello from the mock!"
    )
    assert chunks[-1].usage.total_tokens > 0
    with pytest.raises(litellm.NotFoundError, match="not found, try pulling it first"):
        call(mock, sid, "status=404")
    with pytest.raises(litellm.exceptions.MidStreamFallbackError):
        list(call(mock, sid, "midstream_error=1", stream=True))
    with pytest.raises(litellm.BadRequestError, match="data URLs"):
        call(
            mock,
            sid,
            messages=[
                {
                    "role": "user",
                    "content": [{"type": "image_url", "image_url": {"url": "https://x/y.png"}}],
                }
            ],
        )
