"""HTTP failures from the OpenAI provider mapped to litellm's exception classes: the status
matrix, provider error codes (context window, content policy, quota), non-JSON bodies,
connection failures, the attributes every mapped error carries, and compatibility with the
`openai` package's classes (and its absence).

Expected classes follow litellm 1.109.1 (library.md §4) with the documented deviations
(403 -> PermissionDeniedError, connection refused -> APIConnectionError). The mock's error
bodies are the providers' real ones (providers.md §1.4).
"""

import socket
import textwrap

import litellm
import pytest
from conftest import USER, run_python

openai = pytest.importorskip("openai")


def fail(mock, scenario, **kw):
    """Call the mock with a failing scenario; return the raised exception."""
    kw.setdefault("max_retries", 0)
    with pytest.raises(Exception) as ei:
        litellm.completion(
            model="openai/gpt-4o",
            messages=USER,
            api_base=mock.base(scenario),
            api_key="sk-test",
            **kw,
        )
    return ei.value


# status -> (class, status_code attribute, text of the provider's message)
STATUS_MATRIX = [
    (400, litellm.BadRequestError, 400, "Invalid value: 'bogus'"),
    (401, litellm.AuthenticationError, 401, "Incorrect API key provided"),
    (403, litellm.PermissionDeniedError, 403, "Country, region, or territory not supported"),
    (404, litellm.NotFoundError, 404, "The model `gpt-4o` does not exist"),
    (408, litellm.Timeout, 408, "HTTP 408"),
    (409, litellm.BadRequestError, 409, "Another process is currently operating"),
    (422, litellm.BadRequestError, 422, "Unprocessable entity"),
    (429, litellm.RateLimitError, 429, "Rate limit reached for gpt-4o"),
    (500, litellm.InternalServerError, 500, "The server had an error while processing"),
    (502, litellm.BadGatewayError, 502, "Bad gateway."),
    (503, litellm.ServiceUnavailableError, 503, "The engine is currently overloaded"),
    (504, litellm.Timeout, 504, "Gateway timeout."),
]


def check_common(e, status, text):
    assert e.llm_provider == "openai"
    assert e.model == "gpt-4o"
    assert e.response.status_code == status
    assert e.response.headers["X-Request-Id"] == "req_mock_1"  # case-insensitive
    assert e.response.headers.get("x-request-id") == "req_mock_1"
    assert text in e.message
    assert text in str(e)
    assert str(e).startswith("litellm.")


@pytest.mark.parametrize(
    ("status", "cls", "code", "text"), STATUS_MATRIX, ids=[str(s[0]) for s in STATUS_MATRIX]
)
def test_status_matrix(mock, sid, status, cls, code, text):
    e = fail(mock, f"id={sid},status={status}")
    assert type(e) is cls, (type(e), cls)
    assert e.status_code == code
    check_common(e, status, text)
    assert str(e).startswith(f"litellm.{cls.__name__}: ")
    if cls is litellm.Timeout:
        assert isinstance(e, openai.APITimeoutError)
        assert not isinstance(e, openai.APIStatusError)
    else:
        assert isinstance(e, openai.APIStatusError)
        assert isinstance(e.body, dict) and text in e.body["message"]
    assert mock.stats(sid)["requests"] == 1


def test_status_errors_keep_the_raw_body(mock, sid):
    e = fail(mock, f"id={sid},status=429")
    assert e.body["code"] == "rate_limit_exceeded"
    assert e.response.json()["error"]["code"] == "rate_limit_exceeded"
    assert "Rate limit reached" in e.response.text


def test_context_window_exceeded(mock, sid):
    e = fail(mock, f"id={sid},error=context")
    assert type(e) is litellm.ContextWindowExceededError
    assert isinstance(e, litellm.BadRequestError)
    assert isinstance(e, openai.BadRequestError)
    assert e.status_code == 400
    check_common(e, 400, "maximum context length is 128000 tokens")
    assert str(e).startswith("litellm.ContextWindowExceededError: litellm.BadRequestError: ")


def test_content_policy_violation(mock, sid):
    e = fail(mock, f"id={sid},error=content_policy")
    assert type(e) is litellm.ContentPolicyViolationError
    assert isinstance(e, litellm.BadRequestError)
    assert e.status_code == 400
    check_common(e, 400, "rejected as a result of our safety system")
    assert str(e).startswith("litellm.BadRequestError: litellm.ContentPolicyViolationError: ")


def test_insufficient_quota_is_a_rate_limit_that_is_not_retried(mock, sid):
    e = fail(mock, f"id={sid},error=quota", max_retries=None)
    assert type(e) is litellm.RateLimitError
    assert e.status_code == 429
    check_common(e, 429, "You exceeded your current quota")
    assert mock.stats(sid)["requests"] == 1


def test_plain_rate_limit_is_retried_by_default(mock, sid):
    e = fail(mock, f"id={sid},status=429,retry_after=0", max_retries=None)
    assert type(e) is litellm.RateLimitError
    assert mock.stats(sid)["requests"] == 3


def test_html_bad_gateway(mock, sid):
    e = fail(mock, f"id={sid},error=html")
    assert type(e) is litellm.BadGatewayError
    assert e.status_code == 502
    assert e.response.status_code == 502
    assert "502 Bad Gateway" in e.response.text
    # The OpenAI SDK has no message for a body that is not JSON, as in litellm.
    assert str(e) == "litellm.BadGatewayError: BadGatewayError: OpenAIException - Error code: 502"
    assert e.llm_provider == "openai"


@pytest.mark.parametrize("kind", ["malformed", "empty"])
def test_invalid_json_body_is_a_server_error(mock, sid, kind):
    # litellm 1.109.1 reports an OpenAI 200 it cannot parse as InternalServerError.
    e = fail(mock, f"id={sid},error={kind}")
    assert type(e) is litellm.InternalServerError
    assert e.status_code == 500
    assert e.llm_provider == "openai"
    assert e.model == "gpt-4o"
    assert str(e).startswith("litellm.InternalServerError: InternalServerError: OpenAIException - ")


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_connection_refused():
    with pytest.raises(litellm.APIConnectionError) as ei:
        litellm.completion(
            model="openai/gpt-4o",
            messages=USER,
            api_base=f"http://127.0.0.1:{closed_port()}/v1",
            api_key="sk-test",
            max_retries=0,
        )
    e = ei.value
    assert type(e) is litellm.APIConnectionError
    assert isinstance(e, openai.APIConnectionError)
    assert e.llm_provider == "openai"
    assert e.model == "gpt-4o"
    assert str(e).startswith("litellm.APIConnectionError: ")


# --- compatibility with the openai package -------------------------------------------------


def test_except_openai_classes_catch_ours(mock, sid):
    with pytest.raises(openai.RateLimitError):
        litellm.completion(
            model="openai/gpt-4o",
            messages=USER,
            api_base=mock.base(f"id={sid},status=429"),
            api_key="k",
            max_retries=0,
        )
    for status, base in [
        (400, openai.BadRequestError),
        (401, openai.AuthenticationError),
        (403, openai.PermissionDeniedError),
        (404, openai.NotFoundError),
        (500, openai.InternalServerError),
    ]:
        e = fail(mock, f"id={sid}{status},status={status}")
        assert isinstance(e, base), (status, type(e).__mro__)
        assert isinstance(e, openai.APIError)


def test_class_bound_before_the_first_call_matches(mock, sid):
    code = textwrap.dedent(
        f"""
        from litellm import RateLimitError, BadRequestError
        import litellm
        kw = dict(model="openai/gpt-4o", messages=[{{"role": "user", "content": "x"}}],
                  api_key="k", max_retries=0)
        try:
            litellm.completion(api_base="{mock.base(f"id={sid},status=429")}", **kw)
        except RateLimitError as e:
            print("rate", type(e) is RateLimitError, e.status_code)
        try:
            litellm.completion(api_base="{mock.base(f"id={sid}b,error=context")}", **kw)
        except BadRequestError as e:
            print("bad", type(e).__name__, isinstance(e, litellm.ContextWindowExceededError))
        """
    )
    r = run_python(code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == [
        "rate True 429",
        "bad ContextWindowExceededError True",
    ]


def test_errors_without_openai_or_httpx_installed(mock, sid):
    code = textwrap.dedent(
        f"""
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.partition(".")[0] in ("openai", "httpx", "httpx2"):
                    raise ImportError("blocked: " + name)
                return None

        sys.meta_path.insert(0, Block())
        import litellm
        kw = dict(model="openai/gpt-4o", messages=[{{"role": "user", "content": "x"}}],
                  api_key="k", max_retries=0)
        r = litellm.completion(api_base="{mock.base(f"id={sid}")}", **kw)
        print(r.choices[0].message.content)
        try:
            litellm.completion(api_base="{mock.base(f"id={sid}b,status=429")}", **kw)
        except litellm.RateLimitError as e:
            print(e.status_code, e.response.status_code, e.response.headers["X-REQUEST-ID"])
            print(str(e).startswith("litellm.RateLimitError: "))
        try:
            litellm.completion(api_base="{mock.base(f"id={sid}c,status=404")}", **kw)
        except litellm.NotFoundError as e:
            print(e.status_code, e.response.json()["error"]["code"])
        print(sorted(m for m in sys.modules if m.partition(".")[0] in ("openai", "httpx")))
        """
    )
    r = run_python(code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Hello from the mock!",
        "429 429 req_mock_1",
        "True",
        "404 model_not_found",
        "[]",
    ]
