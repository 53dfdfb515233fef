"""crewAI's LLM on ferrolite (is_litellm=True: the LiteLLM path, not crewAI's native clients):
plain calls, message lists, a tool executed through available_functions, token usage."""

from conftest import API_KEY, text, tool_call
from crewai import LLM

QUESTION = "What is the capital of France?"  # 6 words: the mock's prompt token count
REPLY = "Paris is the capital of France."

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather in a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def test_litellm_names_crewai_loads():
    """crewAI reads any ImportError of these as "LiteLLM is not installed" and refuses the
    model; importing them here names the missing one."""
    from litellm.litellm_core_utils.get_supported_openai_params import (  # noqa: F401
        get_supported_openai_params,
    )
    from litellm.types.utils import (  # noqa: F401
        ChatCompletionDeltaToolCall,
        Choices,
        Delta,
        Function,
        Message,
        ModelResponse,
        ModelResponseBase,
        ModelResponseStream,
        StreamingChoices,
    )
    from litellm.utils import supports_response_schema  # noqa: F401


def llm_for(base):
    return LLM(model="openai/gpt-4o-mini", base_url=base, api_key=API_KEY, is_litellm=True)


def test_call_uses_litellm(mock, sid):
    llm = llm_for(mock.base(sid, reply=REPLY))
    assert llm.is_litellm is True
    assert llm.call(QUESTION) == REPLY
    [body] = mock.bodies(sid)
    assert body["model"] == "gpt-4o-mini"
    assert body["messages"][-1] == {"role": "user", "content": QUESTION}


def test_call_with_messages_and_usage(mock, sid):
    llm = llm_for(mock.base(sid, reply=REPLY, chunks=4))
    out = llm.call(
        [
            {"role": "system", "content": "Answer in one sentence."},  # 4 words
            {"role": "user", "content": QUESTION},
        ]
    )
    assert out == REPLY
    usage = llm.get_token_usage_summary()
    assert usage.prompt_tokens == 10
    assert usage.completion_tokens == 4
    assert usage.total_tokens == 14
    assert usage.successful_requests == 1


def test_tool_call_runs_available_function(mock, sid):
    seen = []

    def get_weather(city):
        seen.append(city)
        return f"Sunny in {city}"

    llm = llm_for(mock.script(sid, [tool_call("get_weather", city="Paris"), text("unused")]))
    out = llm.call(
        "What is the weather in Paris?",
        tools=[WEATHER_TOOL],
        available_functions={"get_weather": get_weather},
    )
    assert seen == ["Paris"]
    assert out == "Sunny in Paris"
    body = mock.bodies(sid)[0]
    assert body["tools"][0]["function"]["name"] == "get_weather"
