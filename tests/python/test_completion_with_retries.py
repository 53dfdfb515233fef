"""completion_with_retries / acompletion_with_retries: litellm's num_retries attempts (3 by
default), the wrapped call retrying nothing itself, the last failure raised. litellm 1.109.1
needs tenacity for these (not a declared dependency); ferrolite retries natively."""

import asyncio

import litellm
import pytest

USER = [{"role": "user", "content": "hi"}]


def test_retries_until_success(mock, sid):
    base = mock.base(f"id={sid},status=500,fail_times=2")
    r = litellm.completion_with_retries(
        model="openai/gpt-4o", messages=USER, api_base=base, api_key="k"
    )
    assert r.choices[0].message.content == "Hello from the mock!"
    assert mock.stats(sid)["requests"] == 3  # the call's own retries are off


def test_last_failure_is_raised_after_num_retries(mock, sid):
    base = mock.base(f"id={sid},status=500")
    with pytest.raises(litellm.InternalServerError):
        litellm.completion_with_retries(
            model="openai/gpt-4o", messages=USER, api_base=base, api_key="k", num_retries=2
        )
    assert mock.stats(sid)["requests"] == 2


def test_async_and_a_custom_function(mock, sid):
    base = mock.base(f"id={sid},status=429,fail_times=1")
    r = asyncio.run(
        litellm.acompletion_with_retries(
            model="openai/gpt-4o", messages=USER, api_base=base, api_key="k", num_retries=2
        )
    )
    assert r.choices[0].message.content == "Hello from the mock!"
    seen = []

    def flaky(**kw):
        seen.append(kw["max_retries"])
        if len(seen) < 2:
            raise ValueError("once")
        return "done"

    assert litellm.completion_with_retries(original_function=flaky, model="m") == "done"
    assert seen == [0, 0]
    with pytest.raises(TypeError, match="num_retries"):
        litellm.completion_with_retries(model="m", messages=USER, num_retries="3")
