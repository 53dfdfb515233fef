"""openai-agents' LitellmModel on ferrolite: a tool round trip through Runner.run (the model
asks for a tool, the runner executes it and sends the result back, the model answers)."""

import asyncio

from agents import Agent, Runner, function_tool, set_tracing_disabled
from agents.extensions.models.litellm_model import LitellmModel
from conftest import API_KEY, text, tool_call

set_tracing_disabled(True)

seen = []


@function_tool
def get_weather(city: str) -> str:
    """Current weather in a city.

    Args:
        city: The city name.
    """
    seen.append(city)
    return f"Sunny, 21 C in {city}"


STEPS = [tool_call("get_weather", city="Paris"), text("It is sunny in Paris.")]


def agent_for(base):
    return Agent(
        name="weather",
        instructions="Answer weather questions with the tool.",
        model=LitellmModel(model="openai/gpt-4o-mini", base_url=base, api_key=API_KEY),
        tools=[get_weather],
    )


def check_round_trip(mock, sid):
    assert seen == ["Paris"]
    first, second = mock.bodies(sid)
    assert first["tools"][0]["function"]["name"] == "get_weather"
    call = second["messages"][-2]["tool_calls"][0]
    assert call["function"]["name"] == "get_weather"
    assert call["function"]["arguments"] == '{"city":"Paris"}'
    assert second["messages"][-1]["role"] == "tool"
    assert second["messages"][-1]["tool_call_id"] == call["id"]
    assert second["messages"][-1]["content"] == "Sunny, 21 C in Paris"


def test_tool_round_trip(mock, sid):
    seen.clear()
    result = asyncio.run(Runner.run(agent_for(mock.script(sid, STEPS)), "Weather in Paris?"))
    assert result.final_output == "It is sunny in Paris."
    check_round_trip(mock, sid)
    usage = result.context_wrapper.usage
    assert usage.requests == 2
    assert usage.output_tokens == 3 + 3  # a tool call, then three text pieces
    assert usage.input_tokens > 0
    assert usage.total_tokens == usage.input_tokens + usage.output_tokens


def test_streamed_tool_round_trip(mock, sid):
    seen.clear()

    async def main():
        result = Runner.run_streamed(agent_for(mock.script(sid, STEPS)), "Weather in Paris?")
        kinds = [event.type async for event in result.stream_events()]
        return result, kinds

    result, kinds = asyncio.run(main())
    assert result.final_output == "It is sunny in Paris."
    assert "raw_response_event" in kinds
    check_round_trip(mock, sid)
    assert all(body["stream"] is True for body in mock.bodies(sid))
