"""batch_completion and its siblings, as litellm 1.109.1 behaves: results in order, failures
returned in place; the first listed model's answer; every model's answer that did not fail."""

import importlib
import types

import litellm
import pytest

USER = [{"role": "user", "content": "hi"}]


def test_one_result_per_message_list_in_order_failures_in_place(mock, sid):
    base = mock.base(f"id={sid}")
    lists = [[{"role": "user", "content": f"q{i}"}] for i in range(12)]
    lists[5] = "not a message list"
    results = litellm.batch_completion(
        model="openai/gpt-4o", messages=lists, api_base=base, api_key="k", max_workers=4
    )
    assert len(results) == 12
    assert isinstance(results[5], Exception)
    for i, r in enumerate(results):
        if i != 5:
            assert r.choices[0].message.content == "Hello from the mock!"
    assert mock.stats(sid)["requests"] == 11
    assert litellm.batch_completion(model="openai/gpt-4o", messages=[]) == []


def test_kwargs_reach_every_call():
    results = litellm.batch_completion(
        model="gpt-4o", messages=[USER, USER], mock_response="same", temperature=0.2
    )
    assert [r.choices[0].message.content for r in results] == ["same", "same"]


def test_models_and_deployments(mock, sid):
    good = mock.base(f"id={sid}")
    bad = mock.base(f"id={sid}b,status=500")
    r = litellm.batch_completion_models(
        models=["openai/gpt-4o", "openai/gpt-4o-mini"], messages=USER, mock_response="first"
    )
    assert r.choices[0].message.content == "first"
    r = litellm.batch_completion_models(
        messages=USER,
        deployments=[
            {"model": "openai/gpt-4o", "api_base": bad, "api_key": "k", "max_retries": 0},
            {"model": "openai/gpt-4o", "api_base": good, "api_key": "k"},
        ],
        model_list=[],
    )
    assert r.choices[0].message.content == "Hello from the mock!"
    assert litellm.batch_completion_models(messages=USER) is None
    rs = litellm.batch_completion_models_all_responses(
        models=["openai/gpt-4o", "openai/x"],
        messages=USER,
        api_base=good,
        api_key="k",
    )
    assert len(rs) == 2
    failing = litellm.batch_completion_models_all_responses(
        models="openai/gpt-4o", messages=USER, api_base=bad, api_key="k", max_retries=0
    )
    assert failing == []
    with pytest.raises(Exception, match="'models' param not in kwargs"):
        litellm.batch_completion_models_all_responses(messages=USER)


def test_the_module_path_keeps_the_function_at_top_level():
    mod = importlib.import_module("litellm.batch_completion.main")
    assert mod.batch_completion is litellm.batch_completion
    assert isinstance(litellm.batch_completion, types.FunctionType)
