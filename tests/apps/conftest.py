"""Shared fixtures of the application suite: the loopback mock provider (its own process) and
helpers to point an application at a scripted conversation.

Each app runs in its own venv (tests/apps/run.sh) holding the app, ferrolite and the shim; this
file needs nothing but pytest. The mock binary is $FERROLITE_MOCK or target/{debug,release}.
"""

import json
import os
import subprocess
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# No application may reach out: telemetry, tracing and hubs are switched off before any app
# module is imported, and every credential or endpoint variable is cleared.
os.environ.update(
    {
        "CREWAI_DISABLE_TELEMETRY": "true",
        "CREWAI_DISABLE_TRACKING": "true",
        "CREWAI_TRACING_ENABLED": "false",
        "OTEL_SDK_DISABLED": "true",
        "OPENAI_AGENTS_DISABLE_TRACING": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "LANGCHAIN_TRACING_V2": "false",
        "LANGSMITH_TRACING": "false",
        "DO_NOT_TRACK": "1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
)
for _name in list(os.environ):
    if _name.endswith(("_API_KEY", "_API_BASE", "_BASE_URL")) or _name.startswith("LITELLM_LOG"):
        del os.environ[_name]
for _name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_name, None)

# A key every app accepts; the mock does not check OpenAI keys.
API_KEY = "sk-mock-apps"


def mock_binary():
    explicit = os.environ.get("FERROLITE_MOCK")
    if explicit:
        return explicit
    for profile in ("debug", "release"):
        path = ROOT / "target" / profile / "ferrolite-mock"
        if path.exists():
            return str(path)
    pytest.exit("ferrolite-mock is not built: run `cargo build --bin ferrolite-mock`", 2)


class Mock:
    """The running mock: base URLs for scenarios and what each scenario id received."""

    def __init__(self, port):
        self.root = f"http://127.0.0.1:{port}"

    def base(self, sid, suffix="/v1", **switches):
        """An OpenAI-style base URL (`.../v1`) for scenario id `sid` plus `switches`."""
        items = [f"id={sid}"]
        for key, value in switches.items():
            items.append(f"{key}={urllib.parse.quote(str(value), safe='')}")
        return f"{self.root}/s/{','.join(items)}{suffix}"

    def script(self, sid, steps, suffix="/v1", **switches):
        """A base URL whose replies follow `steps` (see the mock's `script=` switch): step k
        answers a request that already holds k assistant messages."""
        return self.base(sid, suffix, script=json.dumps(steps), **switches)

    def stats(self, sid):
        with urllib.request.urlopen(f"{self.root}/__stats/{sid}", timeout=5) as r:
            return json.loads(r.read())

    def bodies(self, sid):
        """The JSON request bodies scenario `sid` received, in order."""
        return self.stats(sid)["bodies"]


@pytest.fixture(scope="session")
def mock():
    proc = subprocess.Popen(
        [mock_binary(), "--port", "0", "--threads", "2", "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    line = proc.stdout.readline().decode().strip()
    if not line.startswith("LISTENING "):
        proc.kill()
        pytest.exit(f"mock server did not start: {line!r}", 2)
    yield Mock(int(line.split()[1]))
    proc.stdin.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def sid():
    """A fresh scenario id, so each test reads only its own requests."""
    return "app" + uuid.uuid4().hex[:12]


def tool_call(function, /, **arguments):
    """One scripted step: a single tool call."""
    return {"tool_calls": [{"name": function, "arguments": arguments}]}


def text(content):
    """One scripted step: a text reply."""
    return {"text": content}
