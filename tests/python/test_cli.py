"""The `litellm` command (`python -m litellm` and the console script): one-shot replies,
streaming, the interactive chat, proxy-mode refusal, and a real call against the mock."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "litellm"


def run_cli(*args, stdin=None, script=False, timeout=30):
    cmd = [str(SCRIPT)] if script else [sys.executable, "-m", "litellm"]
    return subprocess.run(
        [*cmd, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ),  # the autouse fixture already removed provider credentials
    )


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_one_shot_mock_reply(script):
    r = run_cli("--model", "gpt-4o", "--message", "hi", "--mock-response", "Hello", script=script)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Hello\n"


@pytest.mark.parametrize("script", [False, True], ids=["python-m", "console-script"])
def test_streamed_mock_reply(script):
    r = run_cli(
        "--model", "gpt-4o", "--message", "hi", "--mock-response", "Hello world", "--stream",
        script=script,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Hello world"


def test_console_script_is_installed():
    assert SCRIPT.exists()
    assert os.access(SCRIPT, os.X_OK)


def test_interactive_chat_until_eof():
    r = run_cli(
        "--model", "gpt-4o", "--interactive", "--mock-response", "Reply-X", stdin="hi\nthere\n"
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Reply-X") == 2


def test_model_alone_is_proxy_mode_and_exits_2():
    r = run_cli("--model", "gpt-4o")
    assert r.returncode == 2
    assert "proxy" in (r.stderr + r.stdout).lower()


def test_help():
    r = run_cli("--help")
    assert r.returncode == 0
    assert "--model" in r.stdout and "--message" in r.stdout


def test_real_call_against_the_mock(mock, sid):
    r = run_cli(
        "--model", "gpt-4o", "--message", "hi there", "--api-base", mock.base(f"id={sid}"),
        "--api-key", "k-cli", "--temperature", "0.5", "--max-tokens", "7",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Hello from the mock!"
    st = mock.stats(sid)
    assert st["requests"] == 1
    assert st["last_headers"]["authorization"] == "Bearer k-cli"
    body = st["last_body"]
    assert body["messages"] == [{"role": "user", "content": "hi there"}]
    assert body["temperature"] == 0.5
    assert body["max_tokens"] == 7


def test_real_streamed_call_with_a_system_prompt(mock, sid):
    r = run_cli(
        "--model", "gpt-4o", "--message", "hi", "--system", "Be brief.", "--stream",
        "--api-base", mock.base(f"id={sid}"), "--api-key", "k",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Hello from the mock!"
    body = mock.stats(sid)["last_body"]
    assert body["stream"] is True
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}


def test_api_error_exits_nonzero_with_the_class_name(mock, sid):
    r = run_cli(
        "--model", "gpt-4o", "--message", "hi", "--api-base", mock.base(f"id={sid},status=401"),
        "--api-key", "k",
    )  # fmt: skip
    assert r.returncode == 1
    assert "AuthenticationError" in r.stderr
    assert r.stdout == ""
