"""DSPy on ferrolite: dspy.LM forced onto its LiteLLM engine, dspy.Predict with the chat
adapter, and usage tracking."""

import json
import sys

import dspy
import pytest
from conftest import API_KEY

MODEL = "openai/gpt-4o-mini"


def adapter_reply(**fields):
    """What a model answers to DSPy's chat adapter: each output field, then the end marker."""
    parts = [f"[[ ## {name} ## ]]\n{value}\n" for name, value in fields.items()]
    return "\n".join(parts) + "\n[[ ## completed ## ]]"


def prompt_words(body):
    """The mock's prompt token count: whitespace-separated words of the message texts."""
    return sum(len(m["content"].split()) for m in body["messages"])


@pytest.fixture
def lm_for(mock, sid):
    def make(**switches):
        return dspy.LM(
            MODEL,
            api_base=mock.base(sid, **switches),
            api_key=API_KEY,
            engine="litellm",
            cache=False,
            num_retries=0,
        )

    return make


def test_predict_on_litellm(mock, sid, lm_for):
    lm = lm_for(reply=adapter_reply(answer="Paris"))
    with dspy.context(lm=lm):
        pred = dspy.Predict("question -> answer")(question="What is the capital of France?")
    assert pred.answer == "Paris"
    [body] = mock.bodies(sid)
    assert body["model"] == "gpt-4o-mini"
    assert "What is the capital of France?" in body["messages"][-1]["content"]
    # The call went through litellm (not DSPy's native engine): its response is litellm's.
    assert isinstance(lm.history[-1]["response"], sys.modules["litellm"].ModelResponse)
    assert lm.history[-1]["outputs"] == [adapter_reply(answer="Paris")]


def test_typed_outputs(mock, sid, lm_for):
    class Capital(dspy.Signature):
        """Name the capital of a country and its population in millions."""

        country: str = dspy.InputField()
        capital: str = dspy.OutputField()
        population_millions: float = dspy.OutputField()

    lm = lm_for(reply=adapter_reply(capital="Paris", population_millions="2.1"))
    with dspy.context(lm=lm):
        pred = dspy.Predict(Capital)(country="France")
    assert pred.capital == "Paris"
    assert pred.population_millions == pytest.approx(2.1)


def test_usage_tracking_is_json_serialisable(mock, sid, lm_for):
    lm = lm_for(reply=adapter_reply(answer="Paris"), chunks=5)
    with dspy.context(lm=lm, track_usage=True):
        pred = dspy.Predict("question -> answer")(question="What is the capital of France?")
    usage = pred.get_lm_usage()
    assert set(usage) == {MODEL}
    round_trip = json.loads(json.dumps(usage))
    [body] = mock.bodies(sid)
    assert round_trip[MODEL]["prompt_tokens"] == prompt_words(body)
    assert round_trip[MODEL]["completion_tokens"] == 5
    assert round_trip[MODEL]["total_tokens"] == prompt_words(body) + 5


def test_async_predict(mock, sid, lm_for):
    import asyncio

    lm = lm_for(reply=adapter_reply(answer="Paris"))

    async def main():
        with dspy.context(lm=lm):
            return await dspy.Predict("question -> answer").acall(question="Capital of France?")

    assert asyncio.run(main()).answer == "Paris"
    assert mock.stats(sid)["requests"] == 1
