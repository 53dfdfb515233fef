"""Call logging goes through Python's logging (logger "LiteLLM") only when asked for."""

import asyncio
import logging

import litellm
from conftest import USER, run_python

CALL = (
    "import sys\nbefore = 'logging' in sys.modules\nimport litellm\n"
    "litellm.completion(model='gpt-4o', messages=[{'role': 'user', 'content': 'x'}], mock_response='y')\n"
    "print(before, 'logging' in sys.modules)"
)


def test_logging_is_not_loaded_unless_asked_for():
    r = run_python(CALL)
    before, after = r.stdout.split()
    assert before == "True" or after == "False", r.stderr
    r = run_python(CALL, env={"LITELLM_LOG": "DEBUG"})
    assert r.stdout.split()[1] == "True", r.stderr
    assert "litellm.completion(model=" in r.stderr  # the default handler writes to stderr


def test_set_verbose_logs_sync_and_async_calls(caplog, mock, sid):
    litellm.set_verbose = True
    kw = dict(model="openai/gpt-4o", messages=USER, api_base=mock.base(f"id={sid}"), api_key="k")
    with caplog.at_level(logging.DEBUG, logger="LiteLLM"):
        litellm.completion(**kw)
        asyncio.run(litellm.acompletion(**kw))
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "LiteLLM")
    assert text.count("litellm.completion(model=") == 2
    assert text.count("litellm response id=") == 2


def test_litellm_log_env_logs_failures(caplog, mock, sid, monkeypatch):
    monkeypatch.setenv("LITELLM_LOG", "INFO")
    with caplog.at_level(logging.INFO, logger="LiteLLM"):
        try:
            litellm.completion(
                model="openai/gpt-4o",
                messages=USER,
                api_base=mock.base(f"id={sid},status=401"),
                api_key="k",
            )
        except litellm.AuthenticationError:
            pass
    messages = [r.getMessage() for r in caplog.records if r.name == "LiteLLM"]
    assert any("AuthenticationError" in m for m in messages)
    assert not any("litellm.completion(model=" in m for m in messages)  # DEBUG lines filtered
