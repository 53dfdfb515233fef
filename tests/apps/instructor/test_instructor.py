"""instructor.from_litellm on ferrolite: pydantic response models filled from a forced tool
call, sync and async, with the raw completion alongside."""

import asyncio

import instructor
import litellm
from conftest import API_KEY, tool_call
from pydantic import BaseModel


class User(BaseModel):
    name: str
    age: int


MESSAGES = [{"role": "user", "content": "Jason is 25 years old."}]  # 5 words


def test_response_model(mock, sid):
    client = instructor.from_litellm(litellm.completion)
    user = client.chat.completions.create(
        model="openai/gpt-4o-mini",
        messages=MESSAGES,
        response_model=User,
        api_base=mock.script(sid, [tool_call("User", name="Jason", age=25)]),
        api_key=API_KEY,
    )
    assert isinstance(user, User)
    assert user.model_dump() == {"name": "Jason", "age": 25}
    [body] = mock.bodies(sid)
    [tool] = body["tools"]
    assert tool["function"]["name"] == "User"
    assert set(tool["function"]["parameters"]["properties"]) == {"name", "age"}
    assert body["tool_choice"] == {"type": "function", "function": {"name": "User"}}


def test_create_with_completion(mock, sid):
    client = instructor.from_litellm(litellm.completion)
    user, completion = client.chat.completions.create_with_completion(
        model="openai/gpt-4o-mini",
        messages=MESSAGES,
        response_model=User,
        api_base=mock.script(sid, [tool_call("User", name="Ada", age=36)]),
        api_key=API_KEY,
    )
    assert user.model_dump() == {"name": "Ada", "age": 36}
    assert completion.usage.prompt_tokens == 5
    assert completion.usage.completion_tokens == 3
    assert completion.choices[0].finish_reason == "tool_calls"


def test_async_response_model(mock, sid):
    client = instructor.from_litellm(litellm.acompletion)

    async def main():
        return await client.chat.completions.create(
            model="openai/gpt-4o-mini",
            messages=MESSAGES,
            response_model=User,
            api_base=mock.script(sid, [tool_call("User", name="Grace", age=45)]),
            api_key=API_KEY,
        )

    assert asyncio.run(main()).model_dump() == {"name": "Grace", "age": 45}


def test_validation_retry(mock, sid):
    """A reply that fails validation is sent back with the error, and the retry is used."""
    steps = [
        tool_call("User", name="Jason", age="twenty-five"),
        tool_call("User", name="Jason", age=25),
    ]
    client = instructor.from_litellm(litellm.completion)
    user = client.chat.completions.create(
        model="openai/gpt-4o-mini",
        messages=MESSAGES,
        response_model=User,
        max_retries=2,
        api_base=mock.script(sid, steps),
        api_key=API_KEY,
    )
    assert user.model_dump() == {"name": "Jason", "age": 25}
    first, second = mock.bodies(sid)
    assert "age" in str(second["messages"][-1])
