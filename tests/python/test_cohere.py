"""Cohere v2 chat (`cohere/...`, `cohere_chat/...`) over real HTTP to the mock: the body
ferrolite sends for litellm's parameters (as litellm 1.109.1 sends it, observed in a side
venv), what the mock (like Cohere) rejects, and the typed stream."""

import json
import urllib.error
import urllib.request

import litellm
import pytest

USER = [{"role": "user", "content": "Hello there"}]


def call(mock, sid, scenario="", model="cohere_chat/command-r", **kw):
    kw.setdefault("messages", USER)
    s = f"id={sid}" + ("," + scenario if scenario else "")
    return litellm.completion(
        model=model, api_base=mock.base(s, suffix="/v2/chat"), api_key="k", **kw
    )


def test_parameters_take_cohere_names(mock, sid):
    call(mock, sid, temperature=0.1, top_p=0.5, n=1, stop="x", max_tokens=5, seed=2,
         presence_penalty=0.2, frequency_penalty=0.1)  # fmt: skip
    body = mock.stats(sid)["last_body"]
    assert body == {
        "model": "command-r",
        "messages": USER,
        "temperature": 0.1,
        "p": 0.5,
        "num_generations": 1,
        "presence_penalty": 0.2,
        "frequency_penalty": 0.1,
        "seed": 2,
        "stop_sequences": ["x"],
        "max_tokens": 5,
    }
    with pytest.raises(litellm.UnsupportedParamsError, match="response_format"):
        call(mock, sid, response_format={"type": "json_object"})


def test_tool_round_trip_and_stream(mock, sid):
    tools = [
        {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    ]
    r = call(mock, sid, "tools=1", tools=tools, tool_choice="required")
    assert mock.stats(sid)["last_body"]["tool_choice"] == "REQUIRED"
    tc = r.choices[0].message.tool_calls[0]
    assert (tc.id, tc.function.name) == ("get_weather_0", "get_weather")
    call(
        mock,
        sid,
        messages=[
            *USER,
            r.choices[0].message,
            {"role": "tool", "tool_call_id": tc.id, "content": "sunny"},
        ],
        tools=tools,
    )
    sent = mock.stats(sid)["last_body"]["messages"]
    assert sent[1] == {
        "role": "assistant",
        "tool_calls": [
            {"id": "get_weather_0", "type": "function",
             "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}
        ],
    }  # fmt: skip
    assert sent[2] == {"role": "tool", "content": "sunny", "tool_call_id": "get_weather_0"}
    chunks = list(call(mock, sid, "chunks=3", stream=True, stream_options={"include_usage": True}))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == (
        "Hello from the mock!"
    )
    assert chunks[-1].usage.total_tokens > 0


def test_mock_rejects_what_cohere_rejects(mock, sid):
    url = mock.base(f"id={sid}", suffix="/v2/chat")
    for headers, body, expected in [
        ({}, {"model": "m", "messages": USER}, (401, "no api key supplied")),
        ({"authorization": "Bearer k"}, {"messages": USER}, (400, "invalid request: model must be specified")),
        (
            {"authorization": "Bearer k"},
            {"model": "m", "messages": [{"role": "tool", "content": "x"}]},
            (400, "invalid request: messages[0]: tool_call_id is required"),
        ),
    ]:  # fmt: skip
        req = urllib.request.Request(
            url, json.dumps(body).encode(), {"content-type": "application/json", **headers}
        )
        with pytest.raises(urllib.error.HTTPError) as ei:
            urllib.request.urlopen(req, timeout=5)
        assert (ei.value.code, json.loads(ei.value.read())["message"]) == expected


def test_errors_are_titled_by_the_name_used(mock, sid):
    with pytest.raises(litellm.NotFoundError) as ei:
        call(mock, sid, "status=404", model="cohere/command-r")
    assert str(ei.value).startswith("litellm.NotFoundError: CohereException - ")
    assert ei.value.llm_provider == "cohere"
    with pytest.raises(litellm.AuthenticationError) as ei:
        call(mock, sid, "status=498")
    assert "Cohere_chatException" in str(ei.value)


def test_embeddings_as_litellm_sends_and_reads_them(mock, sid):
    kw = {"api_base": mock.base(f"id={sid}", suffix="/v1/embed"), "api_key": "k"}
    r = litellm.embedding(model="cohere/embed-english-v3.0", input=["hello world", "foo"], **kw)
    assert mock.stats(sid)["last_body"] == {
        "model": "embed-english-v3.0",
        "texts": ["hello world", "foo"],
        "input_type": "search_document",
    }
    assert [d["embedding"] for d in r.data] == [[0.01, 0.02, 0.03, 0.04], [0.02, 0.04, 0.06, 0.08]]
    assert (r.usage.prompt_tokens, r.usage.prompt_tokens_details.text_tokens) == (3, 3)
    assert r._hidden_params["response_cost"] == pytest.approx(3e-07)
    litellm.embedding(
        model="cohere/embed-english-v3.0",
        input=["x"],
        input_type="search_query",
        dimensions=3,
        encoding_format="base64",
        **kw,
    )
    assert mock.stats(sid)["last_body"] == {
        "model": "embed-english-v3.0",
        "texts": ["x"],
        "input_type": "search_query",
        "output_dimension": 3,
        "embedding_types": ["base64"],
    }
