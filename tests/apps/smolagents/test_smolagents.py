"""smolagents' LiteLLMModel on ferrolite: a direct generate with a tool offered, and a
ToolCallingAgent that calls one tool and then the final_answer tool."""

from conftest import API_KEY, tool_call
from smolagents import ChatMessage, LiteLLMModel, ToolCallingAgent, tool

seen = []


@tool
def get_weather(city: str) -> str:
    """Current weather in a city.

    Args:
        city: The city name.
    """
    seen.append(city)
    return f"Sunny, 21 C in {city}"


def model_for(base):
    return LiteLLMModel(model_id="openai/gpt-4o-mini", api_base=base, api_key=API_KEY)


def test_generate_with_tool(mock, sid):
    model = model_for(mock.script(sid, [tool_call("get_weather", city="Paris")]))
    msg = model.generate(
        [ChatMessage(role="user", content=[{"type": "text", "text": "Weather in Paris?"}])],
        tools_to_call_from=[get_weather],
    )
    [call] = msg.tool_calls
    assert call.function.name == "get_weather"
    assert call.function.arguments in ({"city": "Paris"}, '{"city":"Paris"}')
    assert msg.token_usage.input_tokens == 3
    assert msg.token_usage.output_tokens == 3
    [body] = mock.bodies(sid)
    assert body["tools"][0]["function"]["name"] == "get_weather"


def test_tool_calling_agent(mock, sid):
    seen.clear()
    steps = [
        tool_call("get_weather", city="Paris"),
        tool_call("final_answer", answer="It is sunny in Paris."),
    ]
    agent = ToolCallingAgent(
        tools=[get_weather],
        model=model_for(mock.script(sid, steps)),
        max_steps=3,
        verbosity_level=0,
    )
    result = agent.run("What is the weather in Paris?")
    assert result == "It is sunny in Paris."
    assert seen == ["Paris"]
    bodies = mock.bodies(sid)
    assert len(bodies) == 2
    # The tool's output went back to the model in the second request.
    assert "Sunny, 21 C in Paris" in str(bodies[1]["messages"])
    assert {t["function"]["name"] for t in bodies[0]["tools"]} == {"get_weather", "final_answer"}
