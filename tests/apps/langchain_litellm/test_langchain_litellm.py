"""langchain-litellm's ChatLiteLLM on ferrolite: invoke, stream, ainvoke, tool calls and the
JSON dump of the resulting AIMessage."""

import asyncio
import json

from conftest import API_KEY, tool_call
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage
from langchain_litellm import ChatLiteLLM

QUESTION = "What is the capital of France?"  # 6 words: the mock's prompt token count
REPLY = "The capital of France is Paris."


def chat(mock, sid, **switches):
    return ChatLiteLLM(
        model="openai/gpt-4o-mini",
        api_base=mock.base(sid, **switches),
        api_key=API_KEY,
        max_retries=0,
    )


def test_invoke(mock, sid):
    msg = chat(mock, sid, reply=REPLY).invoke([HumanMessage(QUESTION)])
    assert isinstance(msg, AIMessage)
    assert msg.content == REPLY
    assert msg.usage_metadata["input_tokens"] == 6
    assert msg.usage_metadata["output_tokens"] == 3  # one token per streamed piece (3)
    assert msg.usage_metadata["total_tokens"] == 9
    assert msg.response_metadata["finish_reason"] == "stop"
    [body] = mock.bodies(sid)
    assert body["model"] == "gpt-4o-mini"
    assert body["messages"] == [{"role": "user", "content": QUESTION}]


def test_ai_message_dumps_to_json(mock, sid):
    msg = chat(mock, sid, reply=REPLY).invoke(QUESTION)
    dumped = json.loads(msg.model_dump_json())
    assert dumped["content"] == REPLY
    assert dumped["type"] == "ai"
    assert dumped["usage_metadata"]["total_tokens"] == 9
    assert dumped["response_metadata"]["finish_reason"] == "stop"


def test_stream(mock, sid):
    llm = chat(mock, sid, reply=REPLY, chunks=4)
    llm.stream_options = {"include_usage": True}
    chunks = list(llm.stream(QUESTION))
    assert all(isinstance(c, AIMessageChunk) for c in chunks)
    assert sum(1 for c in chunks if c.content) == 4
    whole = chunks[0]
    for c in chunks[1:]:
        whole += c
    assert whole.content == REPLY
    assert whole.usage_metadata["input_tokens"] == 6
    assert whole.usage_metadata["output_tokens"] == 4
    [body] = mock.bodies(sid)
    assert body["stream"] is True


def test_ainvoke(mock, sid):
    async def main():
        return await chat(mock, sid, reply=REPLY).ainvoke(QUESTION)

    msg = asyncio.run(main())
    assert msg.content == REPLY
    assert msg.usage_metadata["total_tokens"] == 9


def test_bound_tool_call(mock, sid):
    def get_weather(city: str) -> str:
        """Current weather in a city.

        Args:
            city: The city name.
        """
        return "sunny"

    steps = [tool_call("get_weather", city="Paris")]
    llm = ChatLiteLLM(model="openai/gpt-4o-mini", api_base=mock.script(sid, steps), api_key=API_KEY)
    msg = llm.bind_tools([get_weather]).invoke("Weather in Paris?")
    [call] = msg.tool_calls
    assert call["name"] == "get_weather"
    assert call["args"] == {"city": "Paris"}
    assert call["id"].startswith("call_mock_")
    [body] = mock.bodies(sid)
    assert body["tools"][0]["function"]["name"] == "get_weather"
