"""Shared fixtures: the loopback mock provider (its own process), unique scenario ids, and a
clean slate of litellm settings and credentials for every test."""

import json
import os
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CREDENTIAL_ENV = [
    "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE", "OPENAI_ORGANIZATION",
    "ANTHROPIC_API_KEY", "ANTHROPIC_API_BASE", "ANTHROPIC_BASE_URL",
    "AZURE_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT",
    "AZURE_API_VERSION", "OPENAI_API_VERSION", "AZURE_AD_TOKEN", "AZURE_OPENAI_AD_TOKEN",
    "GROQ_API_KEY", "MISTRAL_API_KEY", "DEEPSEEK_API_KEY", "TOGETHERAI_API_KEY",
    "TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "FIREWORKS_API_KEY", "FIREWORKS_AI_API_KEY",
    "OPENROUTER_API_KEY", "XAI_API_KEY", "PERPLEXITYAI_API_KEY", "CEREBRAS_API_KEY",
    "DEEPINFRA_API_KEY", "HOSTED_VLLM_API_BASE", "HOSTED_VLLM_API_KEY", "LM_STUDIO_API_BASE",
    "LITELLM_LOG", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY",
    "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy",
]  # fmt: skip


def mock_binary():
    explicit = os.environ.get("FERROLITE_MOCK")
    if explicit:
        return explicit
    for profile in ("debug", "release"):
        path = ROOT / "target" / profile / "ferrolite-mock"
        if path.exists():
            return str(path)
    pytest.exit("ferrolite-mock is not built: run `cargo build --bin ferrolite-mock`", 2)


class MockServer:
    """Handle on the running mock: URLs for scenarios and the per-id request statistics."""

    def __init__(self, port):
        self.port = port
        self.root = f"http://127.0.0.1:{port}"

    def base(self, scenario=None, suffix="/v1"):
        """A base URL selecting `scenario` (a dict or 'k=v,...' string)."""
        if scenario is None:
            return self.root + suffix
        if isinstance(scenario, dict):
            scenario = ",".join(f"{k}={v}" for k, v in scenario.items())
        return f"{self.root}/s/{scenario}{suffix}"

    def stats(self, sid):
        with urllib.request.urlopen(f"{self.root}/__stats/{sid}", timeout=5) as r:
            return json.loads(r.read())


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
    yield MockServer(int(line.split()[1]))
    proc.stdin.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def sid():
    """A fresh scenario id, so each test reads only its own statistics."""
    return "t" + uuid.uuid4().hex[:12]


_SETTINGS = [
    "api_key", "api_base", "api_version", "organization", "headers", "openai_key",
    "anthropic_key", "azure_key", "groq_key", "drop_params", "num_retries", "request_timeout",
    "ssl_verify", "set_verbose", "suppress_debug_info", "modify_params",
]  # fmt: skip


@pytest.fixture(autouse=True)
def clean_settings(monkeypatch):
    import litellm

    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    saved = {n: getattr(litellm, n) for n in _SETTINGS}
    yield
    for n, v in saved.items():
        setattr(litellm, n, v)


USER = [{"role": "user", "content": "Hello there"}]


def run_python(code, timeout=30, env=None, **kw):
    """Run `code` in a fresh interpreter; returns the CompletedProcess."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        **kw,
    )
