"""Reasoning on today's providers: `reasoning_effort` / `thinking` mapped for Anthropic as
litellm maps them, and `reasoning_content` / `thinking_blocks` in replies, stream deltas and
rebuilt streams."""

import litellm
import pytest
from conftest import USER

MODEL = "anthropic/claude-sonnet-4-5"


def call(mock, sid, **kw):
    return litellm.completion(
        model=MODEL,
        messages=USER,
        api_key="k",
        api_base=mock.base(f"id={sid},thinking=1", suffix=""),
        **kw,
    )


@pytest.mark.parametrize(
    ("effort", "budget"), [("minimal", 1024), ("low", 1024), ("medium", 2048), ("high", 4096)]
)
def test_reasoning_effort_becomes_a_thinking_budget(mock, sid, effort, budget):
    call(mock, sid, reasoning_effort=effort)
    body = mock.stats(sid)["last_body"]
    assert body["thinking"] == {"type": "enabled", "budget_tokens": budget}
    assert body["max_tokens"] > budget


def test_reasoning_effort_none_turns_thinking_off(mock, sid):
    call(mock, sid, reasoning_effort="none")
    assert "thinking" not in mock.stats(sid)["last_body"]


def test_an_unknown_effort_is_named():
    with pytest.raises(litellm.BadRequestError, match="reasoning_effort"):
        litellm.completion(model=MODEL, messages=USER, api_key="k", reasoning_effort="max")


def test_thinking_passes_through_and_wins(mock, sid):
    call(mock, sid, thinking={"type": "enabled", "budget_tokens": 3000}, reasoning_effort="low")
    assert mock.stats(sid)["last_body"]["thinking"] == {"type": "enabled", "budget_tokens": 3000}


def test_reply_carries_reasoning_content_and_thinking_blocks(mock, sid):
    m = call(mock, sid, reasoning_effort="low").choices[0].message
    assert m.content == "Hello from the mock!"
    assert m.reasoning_content == "Let me think about this."
    assert m.thinking_blocks == [
        {"type": "thinking", "thinking": "Let me think about this.", "signature": "sig-mock"}
    ]


def test_stream_deltas_and_rebuilt_stream(mock, sid):
    chunks = list(call(mock, sid, reasoning_effort="low", stream=True))
    reasoning = "".join(
        c.choices[0].delta.get("reasoning_content") or "" for c in chunks if c.choices
    )
    assert reasoning == "Let me think about this."
    blocks = [
        b for c in chunks if c.choices for b in (c.choices[0].delta.get("thinking_blocks") or [])
    ]
    assert blocks[-1]["signature"] == "sig-mock"
    rebuilt = litellm.stream_chunk_builder(chunks, messages=USER)
    m = rebuilt.choices[0].message
    assert m.content == "Hello from the mock!"
    assert m.reasoning_content == "Let me think about this."
    assert m.thinking_blocks[0]["signature"] == "sig-mock"
    assert rebuilt.usage.completion_tokens > 0


def test_thinking_blocks_go_back_to_anthropic_on_the_next_turn(mock, sid):
    reply = call(mock, sid, reasoning_effort="low").choices[0].message
    litellm.completion(
        model=MODEL,
        messages=[*USER, reply, {"role": "user", "content": "and?"}],
        api_key="k",
        api_base=mock.base(f"id={sid}b", suffix=""),
        reasoning_effort="low",
    )
    sent = mock.stats(sid + "b")["last_body"]["messages"][1]["content"]
    assert sent[0] == {
        "type": "thinking",
        "thinking": "Let me think about this.",
        "signature": "sig-mock",
    }
