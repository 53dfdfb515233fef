"""The Gemini API adapter over real HTTP to the mock: what the mock (like Gemini) rejects, and
the request bodies ferrolite sends for litellm's parameters, compared with the wire format in
shared/providers.md §4 and litellm 1.109.1's mapping."""

import json
import urllib.error
import urllib.request

import litellm
import pytest

MODEL = "gemini/gemini-2.5-flash"
WEATHER = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather in a city",
            "strict": True,
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
                "additionalProperties": False,
            },
        },
    }
]


def raw(mock, sid, body, key="k", method="generateContent"):
    url = mock.base(f"id={sid}", suffix=f"/v1beta/models/gemini-2.5-flash:{method}")
    headers = {"content-type": "application/json"}
    if key:
        headers["x-goog-api-key"] = key
    req = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def call(mock, sid, scenario="", **kw):
    kw.setdefault("messages", [{"role": "user", "content": "Hello there"}])
    s = f"id={sid}" + ("," + scenario if scenario else "")
    return litellm.completion(
        model=MODEL, api_base=mock.base(s, suffix="/v1beta"), api_key="k", **kw
    )


def sent(mock, sid):
    return mock.stats(sid)["last_body"]


# --- the mock answers as Gemini does -----------------------------------------------------------


def test_mock_rejects_what_gemini_rejects(mock, sid):
    status, body = raw(
        mock, sid, {"contents": [{"role": "user", "parts": [{"text": "x"}]}]}, key=None
    )
    assert (status, body["error"]["status"]) == (403, "PERMISSION_DENIED")
    status, body = raw(mock, sid, {"contents": [{"role": "assistant", "parts": [{"text": "x"}]}]})
    assert (status, body["error"]["message"]) == (400, "Please use a valid role: user, model.")
    status, body = raw(mock, sid, {"contents": []})
    assert status == 400 and "contents is not specified" in body["error"]["message"]
    status, body = raw(mock, sid, {"contents": [{"role": "user", "parts": []}]})
    assert status == 400 and "must not be empty" in body["error"]["message"]
    bad_result = {"function_response": {"name": "", "response": {}}}
    status, body = raw(mock, sid, {"contents": [{"role": "user", "parts": [bad_result]}]})
    assert status == 400 and "Name cannot be empty" in body["error"]["message"]
    ok, reply = raw(mock, sid, {"contents": [{"role": "user", "parts": [{"text": "x"}]}]})
    assert ok == 200 and reply["candidates"][0]["finishReason"] == "STOP"


# --- request bodies ------------------------------------------------------------------------------


def test_a_full_conversation_is_sent_as_gemini_takes_it(mock, sid):
    first = call(mock, sid, "tools=1", tools=WEATHER, tool_choice="auto")
    tool_call = first.choices[0].message.tool_calls[0]
    assert tool_call.id.startswith("call_") and len(tool_call.id) == 33
    call(
        mock,
        sid,
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Weather in Paris?"},
            first.choices[0].message,
            {"role": "tool", "tool_call_id": tool_call.id, "content": '{"temp": "22C"}'},
            {"role": "user", "content": "Thanks"},
        ],
        tools=WEATHER,
        max_tokens=50,
        stop="END",
        temperature=0.2,
    )
    body = sent(mock, sid)
    assert body["system_instruction"] == {"parts": [{"text": "Be brief."}]}
    assert body["contents"] == [
        {"role": "user", "parts": [{"text": "Weather in Paris?"}]},
        {
            "role": "model",
            "parts": [{"function_call": {"name": "get_weather", "args": {"city": "Paris"}}}],
        },
        {
            "role": "user",
            "parts": [{"function_response": {"name": "get_weather", "response": {"temp": "22C"}}}],
        },
        {"role": "user", "parts": [{"text": "Thanks"}]},
    ]
    assert body["tools"] == [
        {
            "function_declarations": [
                {
                    "name": "get_weather",
                    "description": "Weather in a city",
                    "parameters": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}},
                        "required": ["city"],
                    },
                }
            ]
        }
    ]
    assert body["generationConfig"] == {
        "temperature": 0.2,
        "max_output_tokens": 50,
        "stop_sequences": ["END"],
    }


@pytest.mark.parametrize(
    ("choice", "config"),
    [
        ("none", {"mode": "NONE"}),
        ("required", {"mode": "ANY"}),
        (
            {"type": "function", "function": {"name": "get_weather"}},
            {"mode": "ANY", "allowed_function_names": ["get_weather"]},
        ),
    ],
)
def test_tool_choice(mock, sid, choice, config):
    call(mock, sid, tools=WEATHER, tool_choice=choice)
    assert sent(mock, sid)["toolConfig"] == {"functionCallingConfig": config}


def test_json_schema_and_thinking(mock, sid):
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}, "strict": True}
    call(
        mock,
        sid,
        response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": schema}},
        reasoning_effort="high",
    )
    config = sent(mock, sid)["generationConfig"]
    assert config["response_mime_type"] == "application/json"
    assert config["response_json_schema"] == {
        "type": "object",
        "properties": {"a": {"type": "integer"}},
    }
    assert config["thinkingConfig"] == {"thinkingBudget": 4096, "includeThoughts": True}
    call(mock, sid, thinking={"type": "enabled", "budget_tokens": 300})
    assert sent(mock, sid)["generationConfig"]["thinkingConfig"] == {
        "includeThoughts": True,
        "thinkingBudget": 300,
    }


def test_thoughts_come_back_as_reasoning(mock, sid):
    r = call(mock, sid, "thinking=1")
    msg = r.choices[0].message
    assert msg.reasoning_content == "Let me think about this."
    assert msg.thinking_blocks == [{"type": "thinking", "thinking": "Let me think about this."}]
    assert r.usage.completion_tokens_details.reasoning_tokens == 5
    # Gemini counts thoughts outside candidatesTokenCount; litellm adds them back.
    assert r.usage.completion_tokens == 3 + 5
    chunks = list(call(mock, sid, "thinking=1", stream=True))
    thought = "".join(
        getattr(c.choices[0].delta, "reasoning_content", None) or "" for c in chunks if c.choices
    )
    assert thought == "Let me think about this."


def test_bad_inputs_name_the_problem(mock, sid):
    with pytest.raises(litellm.BadRequestError, match="Missing corresponding tool call"):
        call(mock, sid, messages=[{"role": "tool", "tool_call_id": "nope", "content": "x"}])
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
    with pytest.raises(litellm.UnsupportedParamsError, match="reasoning_effort"):
        call(mock, sid, reasoning_effort="extreme")
    with pytest.raises(litellm.UnsupportedParamsError, match="top_logprobs"):
        call(mock, sid, top_logprobs=2)
    assert mock.stats(sid)["requests"] == 0


def test_blocked_reply_is_a_content_filter_without_content(mock, sid):
    r = call(mock, sid, "error=content_policy")
    assert r.choices[0].finish_reason == "content_filter"
    assert r.choices[0].message.content is None


def test_embeddings(mock, sid):
    r = litellm.embedding(
        model="gemini/text-embedding-004",
        input=["hello world", "foo"],
        dimensions=3,
        input_type="RETRIEVAL_QUERY",
        api_base=mock.base(f"id={sid}", suffix="/v1beta"),
        api_key="k",
    )
    assert [d["embedding"] for d in r.data] == [[0.01, 0.02, 0.03], [0.02, 0.04, 0.06]]
    assert list(r.data[0]) == ["embedding", "index", "object"]
    assert r.usage.prompt_tokens == r.usage.total_tokens == 3
    assert sent(mock, sid)["requests"][1] == {
        "model": "models/text-embedding-004",
        "content": {"parts": [{"text": "foo"}]},
        "outputDimensionality": 3,
        "taskType": "RETRIEVAL_QUERY",
    }
    with pytest.raises(litellm.BadRequestError, match="not token ids"):
        litellm.embedding(
            model="gemini/text-embedding-004",
            input=[[1, 2]],
            api_base=mock.base(f"id={sid}", suffix="/v1beta"),
            api_key="k",
        )
