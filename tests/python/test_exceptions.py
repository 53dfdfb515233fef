"""Tests for litellm.exceptions: litellm 1.109.1's exception classes, their lazy one-time
creation, the openai / no-openai variants, and the `_from_engine` factory the Rust engine uses.

Expected values were observed on the reference litellm 1.109.1 (messages, str/repr, status
codes, placeholder requests). The whole module also runs a second time in a subprocess with
openai/httpx/httpx2 blocked (`test_suite_passes_without_openai`), so every test that does not
say `needs_openai` is checked against the stand-in classes too.
"""

import copy
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON_DIR = ROOT / "python"
BLOCKED_ENV = "FERROLITE_TEST_BLOCK_OPENAI"
BLOCKED_TOPS = ("openai", "httpx", "httpx2")

BLOCKER_SOURCE = f"""
import sys
class _BlockOpenAI:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {BLOCKED_TOPS!r}:
            raise ImportError("blocked for this test: " + name)
        return None
sys.meta_path.insert(0, _BlockOpenAI())
"""

if os.environ.get(BLOCKED_ENV):
    exec(BLOCKER_SOURCE)  # noqa: S102 - the no-openai run of this same file

if str(PYTHON_DIR) not in sys.path:
    sys.path.insert(0, str(PYTHON_DIR))

import litellm.exceptions as E  # noqa: E402
from litellm import _http_response  # noqa: E402

try:
    if os.environ.get(BLOCKED_ENV):
        raise ImportError
    import openai
except ImportError:
    openai = None

needs_openai = pytest.mark.skipif(openai is None, reason="openai not importable")
OPENAI_URL = "https://api.openai.com/v1/chat/completions"


def run_python(code, *args, env_extra=None):
    """Run `code` in a fresh interpreter that sees our package first; return stdout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PYTHON_DIR)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    env.pop(BLOCKED_ENV, None)
    env.update(env_extra or {})
    proc = subprocess.run(
        [sys.executable, *args, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def make_response(status, headers=(), content=b"", method="POST", url=OPENAI_URL):
    """A response of the kind this run attaches (httpx/httpx2 with openai, else stand-in)."""
    E.RateLimitError  # noqa: B018 - make sure the classes (and E._http) exist
    return E._http.response(status, list(headers), content, E._http.request(method, url))


def request_of(obj):
    return obj.request.method, str(obj.request.url)


# --------------------------------------------------------------------------------------
# Mode
# --------------------------------------------------------------------------------------


def test_mode_matches_environment():
    if openai is None:
        assert "openai" not in sys.modules
        assert type(E.BadRequestError("m", "g", "p").response) is _http_response.Response
        assert E.RateLimitError.__mro__[1].__qualname__ == "openai_standin.RateLimitError"
    else:
        assert E.RateLimitError.__mro__[1] is openai.RateLimitError


# --------------------------------------------------------------------------------------
# Constructors: positional orders, attributes, messages, str/repr (observed on litellm)
# --------------------------------------------------------------------------------------

# (factory, class, status_code, message == str)
CONSTRUCTED = [
    (lambda: E.AuthenticationError("msg", "openai", "gpt-4o"), "AuthenticationError", 401,
     "litellm.AuthenticationError: msg"),
    (lambda: E.PermissionDeniedError("msg", "openai", "gpt-4o", make_response(403)),
     "PermissionDeniedError", 403, "litellm.PermissionDeniedError: msg"),
    (lambda: E.NotFoundError("msg", "gpt-4o", "openai"), "NotFoundError", 404,
     "litellm.NotFoundError: msg"),
    (lambda: E.BadRequestError("msg", "gpt-4o", "openai"), "BadRequestError", 400,
     "litellm.BadRequestError: msg"),
    (lambda: E.ContextWindowExceededError("msg", "gpt-4o", "openai"),
     "ContextWindowExceededError", 400,
     "litellm.ContextWindowExceededError: litellm.BadRequestError: msg"),
    (lambda: E.ContentPolicyViolationError("msg", "gpt-4o", "openai"),
     "ContentPolicyViolationError", 400,
     "litellm.BadRequestError: litellm.ContentPolicyViolationError: msg"),
    (lambda: E.UnsupportedParamsError("msg", "openai", "gpt-4o"), "UnsupportedParamsError", 400,
     "litellm.UnsupportedParamsError: msg"),
    (lambda: E.ImageFetchError("msg"), "ImageFetchError", 400, "litellm.BadRequestError: msg"),
    (lambda: E.MalformedRequestFieldError("msg", "gpt-4o", "openai"),
     "MalformedRequestFieldError", 400, "litellm.BadRequestError: msg"),
    (lambda: E.UnsupportedEndpointError("msg", "gpt-4o", "openai"), "UnsupportedEndpointError",
     400, "litellm.BadRequestError: msg"),
    (lambda: E.PaymentRequiredError("msg", "gpt-4o", "openai"), "PaymentRequiredError", 402,
     "litellm.PaymentRequiredError: msg"),
    (lambda: E.InvalidRequestError("msg", "gpt-4o", "openai"), "InvalidRequestError", 400,
     "msg"),
    (lambda: E.UnprocessableEntityError("msg", "gpt-4o", "openai", make_response(422)),
     "UnprocessableEntityError", 422, "litellm.UnprocessableEntityError: msg"),
    (lambda: E.Timeout("msg", "gpt-4o", "openai"), "Timeout", 408, "litellm.Timeout: msg"),
    (lambda: E.RateLimitError("msg", "openai", "gpt-4o"), "RateLimitError", 429,
     "litellm.RateLimitError: msg"),
    (lambda: E.CallerCredentialAuthenticationError("msg", "openai", "gpt-4o"),
     "CallerCredentialAuthenticationError", 401, "litellm.AuthenticationError: msg"),
    (lambda: E.CallerCredentialRateLimitError("msg", "openai", "gpt-4o"),
     "CallerCredentialRateLimitError", 429, "litellm.RateLimitError: msg"),
    (lambda: E.InternalServerError("msg", "openai", "gpt-4o"), "InternalServerError", 500,
     "litellm.InternalServerError: msg"),
    (lambda: E.BadGatewayError("msg", "openai", "gpt-4o"), "BadGatewayError", 502,
     "litellm.BadGatewayError: msg"),
    (lambda: E.ServiceUnavailableError("msg", "openai", "gpt-4o"), "ServiceUnavailableError",
     503, "litellm.ServiceUnavailableError: msg"),
    (lambda: E.MidStreamFallbackError("msg", "gpt-4o", "openai"), "MidStreamFallbackError", 503,
     "litellm.MidStreamFallbackError: msg"),
    (lambda: E.APIError(500, "msg", "openai", "gpt-4o"), "APIError", 500,
     "litellm.APIError: msg"),
    (lambda: E.APIConnectionError("msg", "openai", "gpt-4o"), "APIConnectionError", 500,
     "litellm.APIConnectionError: msg"),
    (lambda: E.APIResponseValidationError("msg", "openai", "gpt-4o"),
     "APIResponseValidationError", 500, "msg"),
    (lambda: E.MockException(429, "msg", "openai", "gpt-4o"), "MockException", 429,
     "litellm.MockException: msg"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("factory", "name", "status", "message"),
    CONSTRUCTED,
    ids=[c[1] for c in CONSTRUCTED],
)
def test_constructor_message_status_and_str(factory, name, status, message):
    error = factory()
    assert type(error) is getattr(E, name)
    assert type(error).__name__ == name
    assert type(error).__module__ == "litellm.exceptions"
    assert error.status_code == status
    assert error.message == message
    assert str(error) == message
    assert error.model == "gpt-4o" or name == "ImageFetchError"
    assert isinstance(error, Exception)


@pytest.mark.parametrize(
    "factory",
    [
        lambda: E.AuthenticationError("msg", "openai", "gpt-4o"),
        lambda: E.NotFoundError("msg", "gpt-4o", "openai"),
        lambda: E.BadRequestError("msg", "gpt-4o", "openai"),
        lambda: E.RateLimitError("msg", "openai", "gpt-4o"),
        lambda: E.InternalServerError("msg", "openai", "gpt-4o"),
        lambda: E.ServiceUnavailableError("msg", "openai", "gpt-4o"),
        lambda: E.APIConnectionError("msg", "openai", "gpt-4o"),
        lambda: E.APIError(500, "msg", "openai", "gpt-4o"),
        lambda: E.Timeout("msg", "gpt-4o", "openai"),
    ],
)
def test_provider_and_model_land_in_the_right_attributes(factory):
    error = factory()
    assert error.llm_provider == "openai"
    assert error.model == "gpt-4o"
    assert error.litellm_debug_info is None
    assert error.max_retries is None
    assert error.num_retries is None


def test_retry_counts_in_str_and_repr():
    both = E.AuthenticationError("msg", "openai", "gpt-4o", num_retries=2, max_retries=3)
    assert (
        str(both)
        == "litellm.AuthenticationError: msg LiteLLM Retried: 2 times, LiteLLM Max Retries: 3"
    )
    assert repr(both) == str(both)
    assert both.args == ("litellm.AuthenticationError: msg",)
    only_num = E.BadRequestError("msg", "gpt-4o", "openai", num_retries=1)
    assert str(only_num) == "litellm.BadRequestError: msg LiteLLM Retried: 1 times"
    only_max = E.BadRequestError("m", "g", "p", max_retries=3)
    assert str(only_max) == "litellm.BadRequestError: m, LiteLLM Max Retries: 3"
    zeros = E.BadRequestError("m", "g", "p", num_retries=0, max_retries=0)
    assert str(zeros) == "litellm.BadRequestError: m"
    timeout = E.Timeout("msg", "gpt-4o", "openai", "dbg", 2, 2, {"a": "b"}, 504)
    assert str(timeout) == "litellm.Timeout: msg LiteLLM Retried: 2 times, LiteLLM Max Retries: 2"
    assert timeout.status_code == 504
    assert timeout.headers == {"a": "b"}
    assert timeout.litellm_debug_info == "dbg"
    # openai's APITimeoutError message stays in args, as in litellm.
    assert timeout.args == ("Request timed out.",)


def test_classes_with_plain_exception_str_repr():
    mock = E.MockException(500, "msg", "openai", "gpt-4o", None, "d", 3, 4)
    assert str(mock) == "litellm.MockException: msg"  # no retry counts
    assert repr(mock) == "MockException('litellm.MockException: msg')"
    invalid = E.InvalidRequestError("msg", "gpt-4o", "openai")
    assert repr(invalid) == "InvalidRequestError('msg')"
    assert not hasattr(invalid, "litellm_debug_info")


def test_validation_errors_are_unprefixed():
    error = E.APIResponseValidationError("msg", "openai", "gpt-4o", "d", 4, 3)
    assert str(error) == "msg LiteLLM Retried: 3 times, LiteLLM Max Retries: 4"
    assert error.args == ("msg",)
    assert error.response.status_code == 500
    schema = E.JSONSchemaValidationError("gpt-4o", "openai", "raw", "schema")
    assert schema.raw_response == "raw"
    assert schema.schema == "schema"
    assert schema.llm_provider == "openai"
    assert schema.message == (
        "litellm.JSONSchemaValidationError: model=gpt-4o, returned an invalid response=raw, "
        "for schema=schema.\nAccess raw response with `e.raw_response`"
    )
    assert isinstance(schema, E.APIResponseValidationError)


def test_double_prefixed_messages_keep_litellm_args():
    context = E.ContextWindowExceededError("msg", "gpt-4o", "openai", None, "dbg", {"code": 1})
    assert context.args == ("litellm.BadRequestError: msg",)
    assert context.litellm_debug_info == "dbg"
    assert context.body == {"code": 1}
    assert context.code == "1"  # openai stringifies the body's code
    policy = E.ContentPolicyViolationError(
        "msg", "gpt-4o", "openai", provider_specific_fields={"a": 1}
    )
    assert policy.provider_specific_fields == {"a": 1}
    assert policy.args == (policy.message,)
    payment = E.PaymentRequiredError("msg", "gpt-4o", "openai")
    assert payment.args == ("litellm.BadRequestError: msg",)
    assert payment.response.status_code == 402


def test_rate_limit_error_fields():
    error = E.RateLimitError("msg", "openai", "gpt-4o")
    assert error.category == "vendor_rate_limit"
    assert error.rate_limit_type is None
    assert error.headers is None
    assert error.detail == "litellm.RateLimitError: msg"
    assert error.code == "429"
    assert error.type == "throttling_error"
    assert error.body is None
    custom = E.RateLimitError(
        "msg",
        "openai",
        "gpt-4o",
        headers={"retry-after": "1"},
        detail="dd",
        body={"x": 1, "param": "pp", "code": "rate_limit_exceeded"},
        rate_limit_type=E.RateLimitType.TOKENS,
        category=E.RateLimitErrorCategory.LITELLM_RATE_LIMIT,
    )
    assert custom.category == "litellm_rate_limit"
    assert type(custom.category) is str
    assert custom.rate_limit_type == "tokens"
    assert custom.headers == {"retry-after": "1"}
    assert custom.detail == "dd"
    assert custom.body == {"x": 1, "param": "pp", "code": "rate_limit_exceeded"}
    assert custom.param == "pp"
    assert custom.code == "429"  # litellm overrides the body's code
    # Unknown values are kept as given; None stays None.
    odd = E.RateLimitError("m", "p", "g", category=None, rate_limit_type="bogus")
    assert odd.category is None
    assert odd.rate_limit_type == "bogus"


def test_internal_server_error_type_and_body():
    error = E.InternalServerError("msg", "openai", "gpt-4o", body={"code": 5})
    assert error.type == "internal_server_error"
    assert error.code == "5"
    assert error.body == {"code": 5}


def test_midstream_fallback_error():
    inner = E.RateLimitError("inner", "openai", "gpt-4o")
    error = E.MidStreamFallbackError(
        "msg", "gpt-4o", "openai", inner, generated_content="abc", is_pre_first_chunk=True
    )
    assert error.status_code == 429  # the original error's status
    assert error.original_exception is inner
    assert error.generated_content == "abc"
    assert error.is_pre_first_chunk is True
    assert error.emitted_disqualifying_content is False
    assert str(error) == (
        "litellm.MidStreamFallbackError: msg Original exception: RateLimitError: "
        "litellm.RateLimitError: inner"
    )
    assert repr(error) == str(error)
    plain = E.MidStreamFallbackError("msg", "gpt-4o", "openai", ValueError("v"), None, "d", 2, 1)
    assert plain.status_code == 503
    assert str(plain) == (
        "litellm.MidStreamFallbackError: msg LiteLLM Retried: 1 times, "
        "LiteLLM Max Retries: 2 Original exception: ValueError: v"
    )
    assert isinstance(plain, E.ServiceUnavailableError)


def test_api_error_and_mock_exception_use_the_given_request():
    req = E._http.request("PUT", "https://x.example/v1/chat")
    error = E.APIError(403, "msg", "openai", "gpt-4o", req, "d", 2, 1, {"code": "c"})
    assert error.status_code == 403
    assert error.request is req
    assert error.body == {"code": "c"}
    assert error.code == "c"
    assert not hasattr(error, "response")  # litellm sets it only when given
    assert str(error) == "litellm.APIError: msg LiteLLM Retried: 1 times, LiteLLM Max Retries: 2"
    with_response = E.APIError(599, "m", "p", "g", response=make_response(418))
    assert with_response.status_code == 599
    assert with_response.response.status_code == 418
    assert E.MockException(500, "m", "p", "g", req).request is req
    # A deliberate fix: litellm ignores APIConnectionError's request argument.
    assert E.APIConnectionError("m", "p", "g", req).request is req


def test_unsupported_params_error():
    error = E.UnsupportedParamsError("msg")
    assert error.llm_provider is None
    assert error.model is None
    assert error.status_code == 400
    # Deliberate fixes (docs/compatibility.md): the status_code argument is honoured and the
    # error has a response like its siblings.
    custom = E.UnsupportedParamsError("msg", "openai", "gpt-4o", status_code=401)
    assert custom.status_code == 401
    assert custom.response.status_code == 401
    assert custom.body is None


def test_other_bad_request_subclasses():
    unknown = E.LiteLLMUnknownProvider("gpt-x", "foo")
    assert str(unknown) == (
        "litellm.BadRequestError: Unmapped LLM provider for this endpoint. You passed "
        "model=gpt-x, custom_llm_provider=foo. Check supported provider and route: "
        "https://docs.litellm.ai/docs/providers"
    )
    assert unknown.llm_provider == "foo"
    assert "custom_llm_provider=None" in E.LiteLLMUnknownProvider("gpt-x").message

    stores = E.VectorStoreSearchError(
        [{"vector_store_id": "vs1", "error": "boom"}, {"vector_store_id": "vs2", "error": "bam"}],
        "m",
        "p",
    )
    assert stores.message == (
        "litellm.BadRequestError: The request could not be grounded in every configured vector "
        "store. 2 vector store search(es) failed: vs1: boom; vs2: bam"
    )
    assert isinstance(stores.failures, tuple)
    assert stores.code == E.VECTOR_STORE_SEARCH_FAILED_CODE == "vector_store_search_failed"
    assert stores.type == "invalid_request_error"

    rejected = E.RejectedRequestError("msg", "gpt-4o", "openai", {"a": 1})
    assert rejected.message == "litellm.BadRequestError: litellm.RejectedRequestError: msg"
    assert rejected.request_data == {"a": 1}
    assert request_of(rejected) == ("POST", "https://api.openai.com/v1")

    endpoint = E.EndpointNotSupportedByModelError("msg", "gpt-4o")
    assert str(endpoint) == "msg"
    assert endpoint.llm_provider == ""
    assert (endpoint.code, endpoint.param, endpoint.type) == (
        "400",
        "model",
        "invalid_request_error",
    )


def test_plain_exceptions():
    budget = E.BudgetExceededError(1.5, 1.0)
    assert str(budget) == "Budget has been exceeded! Current cost: 1.5, Max budget: 1.0"
    assert budget.status_code == 422
    assert budget.llm_provider == ""
    assert (budget.category, budget.rate_limit_type) == ("litellm_rate_limit", "budget")
    custom = E.BudgetExceededError(1.5, 1.0, "custom", "openai", "team", "t1")
    assert (custom.message, custom.llm_provider, custom.entity_type, custom.entity_id) == (
        "custom",
        "openai",
        "team",
        "t1",
    )
    assert E.BudgetExceededError.__bases__ == (Exception,)

    oai = E.OpenAIError(ValueError("x"))
    assert oai.llm_provider == "openai"
    assert oai.args == ()
    assert E.ModelNotMappedError("x").args == ("x",)
    assert E.ModelNotMappedError.__bases__ == (Exception,)

    guard = E.GuardrailRaisedException("g1", "blocked")
    assert str(guard) == "Guardrail raised an exception, Guardrail: g1, Message: blocked"
    assert (guard.status_code, guard.blocked_content) == (400, False)
    raw = E.GuardrailRaisedException("g1", "blocked", False, 403, True)
    assert (str(raw), raw.status_code, raw.blocked_content) == ("blocked", 403, True)

    pii = E.BlockedPiiEntityError("EMAIL")
    assert str(pii) == (
        "Blocked entity detected: EMAIL by Guardrail: None. This entity is not allowed to be "
        "used in this request."
    )
    modify = E.ModifyResponseException("msg", "gpt-4o", {"a": 1})
    assert (str(modify), modify.detection_info, modify.original_response) == ("msg", {}, None)
    route = E.SensitiveDataRouteException("m2", "s1")
    assert str(route) == "Sensitive data detected by None. Routing to model: m2"
    assert route.sticky_session_routing is True


def test_budget_status_code_follows_the_litellm_setting(monkeypatch):
    import litellm

    monkeypatch.setattr(litellm, "budget_exceeded_status_code", 400, raising=False)
    assert E.BudgetExceededError(1, 2).status_code == 400


def test_constructors_accept_keywords():
    error = E.RateLimitError(message="m", llm_provider="p", model="g", num_retries=1)
    assert (error.llm_provider, error.model) == ("p", "g")
    error = E.BadRequestError(message="m", model="g", llm_provider="p")
    assert (error.llm_provider, error.model) == ("p", "g")


# --------------------------------------------------------------------------------------
# Responses and requests
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "status", "where"),
    [
        (lambda: E.AuthenticationError("m", "p", "g"), 401, ("GET", "https://litellm.ai")),
        (lambda: E.NotFoundError("m", "g", "p"), 404, ("GET", "https://litellm.ai")),
        (lambda: E.BadRequestError("m", "g", "p"), 400, ("GET", "https://litellm.ai")),
        (lambda: E.InvalidRequestError("m", "g", "p"), 400, ("GET", "https://litellm.ai")),
        (
            lambda: E.RateLimitError("m", "p", "g"),
            429,
            ("POST", "https://cloud.google.com/vertex-ai/"),
        ),
        (
            lambda: E.InternalServerError("m", "p", "g"),
            500,
            ("POST", "https://cloud.google.com/vertex-ai/"),
        ),
        (
            lambda: E.ServiceUnavailableError("m", "p", "g"),
            503,
            ("POST", "https://cloud.google.com/vertex-ai/"),
        ),
        (
            lambda: E.MidStreamFallbackError("m", "g", "p"),
            503,
            ("POST", "https://openai.com/v1/"),
        ),
        (
            lambda: E.APIResponseValidationError("m", "p", "g"),
            500,
            ("POST", "https://api.openai.com/v1"),
        ),
    ],
)
def test_placeholder_response(factory, status, where):
    error = factory()
    assert error.response.status_code == status
    assert error.response.text == ""
    assert error.response.is_error
    assert request_of(error.response) == where
    assert request_of(error) == where


def test_timeout_and_connection_errors_have_no_response_by_default():
    for error in (E.Timeout("m", "g", "p"), E.APIConnectionError("m", "p", "g")):
        assert not hasattr(error, "response")
        assert request_of(error) == ("POST", "https://api.openai.com/v1")
        assert error.body is None


def test_given_response_is_kept():
    response = make_response(403, [("x-request-id", "rid1")], b'{"error": {"message": "no"}}')
    error = E.PermissionDeniedError("x", "openai", "m", response)
    assert error.response is response
    assert error.request_id == "rid1"
    assert request_of(error) == ("POST", OPENAI_URL)
    assert error.response.json() == {"error": {"message": "no"}}


def test_forced_status_classes_copy_the_response():
    original = make_response(418, [("x-request-id", "rid1"), ("retry-after", "2")], b'{"a": 1}')
    for cls, status in (
        (E.RateLimitError, 429),
        (E.InternalServerError, 500),
        (E.BadGatewayError, 502),
        (E.ServiceUnavailableError, 503),
    ):
        error = cls("m", "p", "g", original)
        assert error.status_code == status
        assert error.response is not original
        assert error.response.status_code == status
        assert error.response.headers.get("retry-after") == "2"
        assert error.response.text == '{"a": 1}'
        assert request_of(error.response) == ("POST", OPENAI_URL)
        assert error.request_id == "rid1"
    assert original.status_code == 418


def test_response_status_wins_for_status_errors():
    # openai's APIStatusError takes status_code from the response (as litellm 1.109.1).
    error = E.BadRequestError("m", "g", "p", make_response(422))
    assert error.status_code == 422


def test_required_response_tolerates_none():
    assert E.PermissionDeniedError("x", "openai", "m", None).response.status_code == 403
    assert E.UnprocessableEntityError("x", "m", "openai", None).response.status_code == 422


def test_standin_response_is_accepted():
    response = _http_response.Response(
        403,
        headers={"X-Request-ID": "q"},
        content=b"{}",
        request=_http_response.Request("GET", "https://h/"),
    )
    error = E.PermissionDeniedError("x", "openai", "m", response)
    assert error.response is response
    assert error.request_id == "q"
    # A response without a request gets litellm's placeholder request.
    bare = _http_response.Response(401)
    assert request_of(E.AuthenticationError("x", "p", "m", bare)) == ("GET", "https://litellm.ai")


@needs_openai
def test_foreign_httpx_response_is_accepted():
    for name in ("httpx", "httpx2"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        response = module.Response(403, request=module.Request("GET", "https://x.example/"))
        error = E.PermissionDeniedError("x", "openai", "m", response)
        assert error.response is response
        assert error.status_code == 403
        no_request = module.Response(401)
        error = E.AuthenticationError("x", "p", "m", no_request)
        assert request_of(error) == ("GET", "https://litellm.ai")


@needs_openai
def test_response_is_an_httpx_response_with_openai():
    modules = [sys.modules[n] for n in ("httpx", "httpx2") if n in sys.modules]
    response = E.BadRequestError("m", "g", "p").response
    assert any(isinstance(response, m.Response) for m in modules)


# --------------------------------------------------------------------------------------
# Hierarchy
# --------------------------------------------------------------------------------------

LITELLM_BASES = {
    "ContextWindowExceededError": "BadRequestError",
    "ContentPolicyViolationError": "BadRequestError",
    "UnsupportedParamsError": "BadRequestError",
    "ImageFetchError": "BadRequestError",
    "MalformedRequestFieldError": "BadRequestError",
    "UnsupportedEndpointError": "BadRequestError",
    "LiteLLMUnknownProvider": "BadRequestError",
    "VectorStoreSearchError": "BadRequestError",
    "RejectedRequestError": "BadRequestError",
    "EndpointNotSupportedByModelError": "BadRequestError",
    "PaymentRequiredError": "BadRequestError",
    "CallerCredentialAuthenticationError": "AuthenticationError",
    "CallerCredentialRateLimitError": "RateLimitError",
    "MidStreamFallbackError": "ServiceUnavailableError",
    "JSONSchemaValidationError": "APIResponseValidationError",
}

# litellm class -> names of the MRO after it (openai's classes or the stand-ins).
OPENAI_MRO = {
    "AuthenticationError": ["AuthenticationError", "APIStatusError"],
    "PermissionDeniedError": ["PermissionDeniedError", "APIStatusError"],
    "NotFoundError": ["NotFoundError", "APIStatusError"],
    "BadRequestError": ["BadRequestError", "APIStatusError"],
    "InvalidRequestError": ["BadRequestError", "APIStatusError"],
    "UnprocessableEntityError": ["UnprocessableEntityError", "APIStatusError"],
    "RateLimitError": ["RateLimitError", "APIStatusError"],
    "InternalServerError": ["InternalServerError", "APIStatusError"],
    "BadGatewayError": ["APIStatusError"],
    "ServiceUnavailableError": ["APIStatusError"],
    "APIError": [],
    "MockException": [],
    "APIConnectionError": ["APIConnectionError"],
    "Timeout": ["APITimeoutError", "APIConnectionError"],
    "APIResponseValidationError": ["APIResponseValidationError"],
    "OpenAIError": [],
}


@pytest.mark.parametrize(("name", "base"), sorted(LITELLM_BASES.items()))
def test_litellm_subclasses(name, base):
    assert getattr(E, name).__bases__ == (getattr(E, base),)


@pytest.mark.parametrize(("name", "tail"), sorted(OPENAI_MRO.items()))
def test_openai_shaped_mro(name, tail):
    names = [c.__name__ for c in getattr(E, name).__mro__]
    expected_tail = ["OpenAIError", "Exception", "BaseException", "object"]
    if name != "OpenAIError":
        expected_tail = ["APIError", *expected_tail]
    assert names == [name, *tail, *expected_tail]


@needs_openai
@pytest.mark.parametrize(
    ("name", "openai_name"),
    [
        ("AuthenticationError", "AuthenticationError"),
        ("PermissionDeniedError", "PermissionDeniedError"),
        ("NotFoundError", "NotFoundError"),
        ("BadRequestError", "BadRequestError"),
        ("ContextWindowExceededError", "BadRequestError"),
        ("InvalidRequestError", "BadRequestError"),
        ("UnprocessableEntityError", "UnprocessableEntityError"),
        ("RateLimitError", "RateLimitError"),
        ("InternalServerError", "InternalServerError"),
        ("BadGatewayError", "APIStatusError"),
        ("ServiceUnavailableError", "APIStatusError"),
        ("MidStreamFallbackError", "APIStatusError"),
        ("APIError", "APIError"),
        ("MockException", "APIError"),
        ("APIConnectionError", "APIConnectionError"),
        ("Timeout", "APITimeoutError"),
        ("APIResponseValidationError", "APIResponseValidationError"),
        ("JSONSchemaValidationError", "APIResponseValidationError"),
        ("OpenAIError", "OpenAIError"),
    ],
)
def test_subclasses_openai(name, openai_name):
    assert issubclass(getattr(E, name), getattr(openai, openai_name))


@needs_openai
def test_except_openai_classes_catches_ours():
    with pytest.raises(openai.RateLimitError):
        raise E.RateLimitError("m", "openai", "gpt-4o")
    with pytest.raises(openai.APITimeoutError):
        raise E._from_engine("Timeout", 408, "m", "p", "g", None, [], None, None, None, None, None)
    with pytest.raises(openai.APIStatusError) as caught:
        raise E._from_engine(
            "PermissionDeniedError", 403, "m", "p", "g", b"{}", [], OPENAI_URL, "POST",
            None, None, None,
        )  # fmt: skip
    assert caught.value.status_code == 403


def test_litellm_exception_types():
    assert [c.__name__ for c in E.LITELLM_EXCEPTION_TYPES] == [
        "AuthenticationError",
        "NotFoundError",
        "BadRequestError",
        "UnprocessableEntityError",
        "UnsupportedParamsError",
        "UnsupportedEndpointError",
        "Timeout",
        "PermissionDeniedError",
        "RateLimitError",
        "ContextWindowExceededError",
        "PaymentRequiredError",
        "RejectedRequestError",
        "ContentPolicyViolationError",
        "InternalServerError",
        "ServiceUnavailableError",
        "BadGatewayError",
        "APIError",
        "APIConnectionError",
        "APIResponseValidationError",
        "OpenAIError",
        "InternalServerError",
        "JSONSchemaValidationError",
    ]
    assert all(c is getattr(E, c.__name__) for c in E.LITELLM_EXCEPTION_TYPES)


def test_enums_and_validators():
    assert [m.value for m in E.RateLimitErrorCategory] == [
        "vendor_rate_limit",
        "vendor_batch_rate_limit",
        "litellm_rate_limit",
        "litellm_batch_rate_limit",
    ]
    assert [m.value for m in E.RateLimitType] == [
        "requests",
        "tokens",
        "concurrent_requests",
        "budget",
        "max_iterations",
    ]
    assert E.RateLimitType.TOKENS == "tokens"
    assert isinstance(E.RateLimitErrorCategory.VENDOR_RATE_LIMIT, str)
    assert E.validate_rate_limit_category("litellm_rate_limit") == "litellm_rate_limit"
    assert E.validate_rate_limit_category(E.RateLimitErrorCategory.VENDOR_RATE_LIMIT) == (
        "vendor_rate_limit"
    )
    assert E.validate_rate_limit_category("bogus") is None
    assert E.validate_rate_limit_category(5) is None
    assert E.validate_rate_limit_type(E.RateLimitType.BUDGET) == "budget"
    assert E.validate_rate_limit_type("litellm_rate_limit") is None
    assert E.validate_rate_limit_type(None) is None
    member = E.RateLimitErrorCategory.LITELLM_RATE_LIMIT
    assert pickle.loads(pickle.dumps(member)) is member


def test_module_namespace():
    assert {"RateLimitError", "RateLimitType", "LITELLM_EXCEPTION_TYPES"} <= set(dir(E))
    assert set(E.__all__) <= set(dir(E))
    namespace = {}
    exec("from litellm.exceptions import *", namespace)  # noqa: S102
    assert namespace["BadRequestError"] is E.BadRequestError
    with pytest.raises(AttributeError):
        E.NoSuchError  # noqa: B018
    assert E.RateLimitError.__qualname__ == "RateLimitError"


def test_pickle_and_copy_round_trip():
    # litellm's own classes fail to unpickle; ours rebuild from their state.
    for error in (
        E.ContextWindowExceededError("m", "g", "p", body={"code": "c"}),
        E.RateLimitError("m", "p", "g", num_retries=2, headers={"a": "b"}),
        E.Timeout("m", "g", "p"),
        E.APIError(503, "m", "p", "g"),
        E.BudgetExceededError(1, 2),
        E._from_engine(
            "RateLimitError", 429, "m", "p", "g", b'{"error": {"code": "x"}}',
            [("retry-after", "1")], OPENAI_URL, "POST", 1, 2, None,
        ),
    ):  # fmt: skip
        for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
            assert type(clone) is type(error)
            assert str(clone) == str(error)
            assert clone.args == error.args
            assert clone.status_code == error.status_code
            if hasattr(error, "response"):
                assert clone.response.status_code == error.response.status_code


# --------------------------------------------------------------------------------------
# _from_engine / _mock_exception
# --------------------------------------------------------------------------------------

OPENAI_BODY = b'{"error": {"message": "slow down", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}'


def engine(kind, status=400, body=OPENAI_BODY, headers=(), url=OPENAI_URL, **kw):
    args = dict(
        message="OpenAIException - boom",
        provider="openai",
        model="gpt-4o",
        body=body,
        headers=list(headers),
        url=url,
        method="POST",
        num_retries=None,
        max_retries=None,
        debug_info=None,
    )
    args.update(kw)
    return E._from_engine(kind, status, **args)


# kind, status, expected class, expected status_code, message prefix
ENGINE_KINDS = [
    ("AuthenticationError", 401, "AuthenticationError", 401, "litellm.AuthenticationError: "),
    ("CallerCredentialAuthenticationError", 401, "CallerCredentialAuthenticationError", 401,
     "litellm.AuthenticationError: "),
    ("PermissionDeniedError", 403, "PermissionDeniedError", 403, "litellm.PermissionDeniedError: "),
    ("NotFoundError", 404, "NotFoundError", 404, "litellm.NotFoundError: "),
    ("BadRequestError", 400, "BadRequestError", 400, "litellm.BadRequestError: "),
    ("BadRequestError", 422, "BadRequestError", 422, "litellm.BadRequestError: "),
    ("ContextWindowExceededError", 400, "ContextWindowExceededError", 400,
     "litellm.ContextWindowExceededError: litellm.BadRequestError: "),
    ("ContentPolicyViolationError", 400, "ContentPolicyViolationError", 400,
     "litellm.BadRequestError: litellm.ContentPolicyViolationError: "),
    ("UnsupportedParamsError", 400, "UnsupportedParamsError", 400,
     "litellm.UnsupportedParamsError: "),
    ("ImageFetchError", 400, "ImageFetchError", 400, "litellm.BadRequestError: "),
    ("MalformedRequestFieldError", 400, "MalformedRequestFieldError", 400,
     "litellm.BadRequestError: "),
    ("UnsupportedEndpointError", 400, "UnsupportedEndpointError", 400,
     "litellm.BadRequestError: "),
    ("PaymentRequiredError", 402, "PaymentRequiredError", 402, "litellm.PaymentRequiredError: "),
    ("UnprocessableEntityError", 422, "UnprocessableEntityError", 422,
     "litellm.UnprocessableEntityError: "),
    ("RateLimitError", 429, "RateLimitError", 429, "litellm.RateLimitError: "),
    ("CallerCredentialRateLimitError", 429, "CallerCredentialRateLimitError", 429,
     "litellm.RateLimitError: "),
    ("InternalServerError", 500, "InternalServerError", 500, "litellm.InternalServerError: "),
    ("BadGatewayError", 502, "BadGatewayError", 502, "litellm.BadGatewayError: "),
    ("ServiceUnavailableError", 503, "ServiceUnavailableError", 503,
     "litellm.ServiceUnavailableError: "),
    ("MidStreamFallbackError", 503, "MidStreamFallbackError", 503,
     "litellm.MidStreamFallbackError: "),
    ("Timeout", 504, "Timeout", 504, "litellm.Timeout: "),
    ("APIError", 507, "APIError", 507, "litellm.APIError: "),
    ("MockException", 500, "MockException", 500, "litellm.MockException: "),
    ("APIResponseValidationError", 500, "APIResponseValidationError", 500, ""),
    ("SomethingNew", 0, "APIError", 500, "litellm.APIError: "),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "status", "cls", "status_code", "prefix"),
    ENGINE_KINDS,
    ids=[f"{k[0]}-{k[1]}" for k in ENGINE_KINDS],
)
def test_from_engine_kinds(kind, status, cls, status_code, prefix):
    error = engine(kind, status, headers=[("X-Request-ID", "req_1"), ("Retry-After", "3")])
    assert type(error) is getattr(E, cls)
    assert error.status_code == status_code
    assert error.message == prefix + "OpenAIException - boom"
    assert error.llm_provider == "openai"
    assert error.model == "gpt-4o"
    # The body is parsed the way openai does: the "error" member of a JSON object.
    assert error.body == {
        "message": "slow down",
        "type": "requests",
        "param": None,
        "code": "rate_limit_exceeded",
    }
    if kind != "SomethingNew":
        assert request_of(error) == ("POST", OPENAI_URL)
    if status and kind != "MockException":  # a mock never has a response
        assert error.response.headers.get("retry-after") == "3"
        assert error.response.json()["error"]["code"] == "rate_limit_exceeded"
        assert request_of(error.response) == ("POST", OPENAI_URL)


def test_from_engine_code_param_type_from_body():
    plain = engine("BadRequestError", 400)
    assert (plain.code, plain.type, plain.param) == ("rate_limit_exceeded", "requests", None)
    permission = engine("PermissionDeniedError", 403)  # ctor takes no body: set afterwards
    assert (permission.code, permission.type) == ("rate_limit_exceeded", "requests")
    rate = engine("RateLimitError", 429)
    assert (rate.code, rate.type) == ("429", "throttling_error")  # litellm's override
    server = engine("InternalServerError", 500)
    assert server.type == "internal_server_error"


def test_from_engine_headers_request_id_and_retries():
    error = engine(
        "RateLimitError",
        429,
        headers=[("Retry-After", "3"), ("x-request-id", "req_1"), ("Set-Cookie", "a"),
                 ("set-cookie", "b")],
        num_retries=2,
        max_retries=2,
        debug_info="\nModel: gpt-4o",
    )  # fmt: skip
    assert error.headers == {"retry-after": "3", "x-request-id": "req_1", "set-cookie": "a, b"}
    assert error.request_id == "req_1"
    assert error.response.headers.get("Retry-After") == "3"
    assert error.litellm_debug_info == "\nModel: gpt-4o"
    assert str(error) == (
        "litellm.RateLimitError: OpenAIException - boom LiteLLM Retried: 2 times, "
        "LiteLLM Max Retries: 2"
    )
    timeout = engine("Timeout", 408, headers=[("retry-after", "1")])
    assert timeout.headers == {"retry-after": "1"}
    assert engine("RateLimitError", 429).headers is None


def test_from_engine_reported_status_differs_from_upstream():
    overloaded = engine("InternalServerError", 500, response_status=529)
    assert overloaded.status_code == 500
    assert overloaded.response.status_code == 500  # rewritten, as litellm does
    too_large = engine("BadRequestError", 400, response_status=413)
    assert too_large.status_code == 400
    assert too_large.response.status_code == 413


def test_from_engine_without_a_response():
    timeout = engine("Timeout", 408, body=None, url=None)
    assert timeout.status_code == 408
    assert not hasattr(timeout, "response")
    assert timeout.body is None
    assert request_of(timeout) == ("GET", "https://litellm.ai")
    refused = engine("APIConnectionError", 500, body=None, response_status=500)
    assert refused.status_code == 500
    assert not hasattr(refused, "response")
    assert request_of(refused) == ("POST", OPENAI_URL)
    missing_key = engine("AuthenticationError", 401, body=None, url=None)
    assert missing_key.body is None
    assert missing_key.response.status_code == 401
    assert request_of(missing_key) == ("GET", "https://litellm.ai")


def test_from_engine_body_shapes():
    assert engine("BadRequestError", body=b"not json").body == "not json"
    assert engine("BadRequestError", body="  [1, 2] ").body == [1, 2]
    assert engine("BadRequestError", body=b'{"detail": "x"}').body == {"detail": "x"}
    assert engine("BadRequestError", body=b'{"error": "bad"}').body == "bad"
    assert engine("BadRequestError", body=bytearray(b'{"a": 1}')).body == {"a": 1}
    assert engine("BadRequestError", body=b"").body == ""
    assert engine("BadRequestError", body=None).body is None
    utf8 = engine("BadRequestError", body='{"error": {"message": "trop long é"}}'.encode())
    assert utf8.body == {"message": "trop long é"}
    assert "é" in utf8.response.text


def test_from_engine_drops_content_encoding():
    # The engine hands over decoded bytes; keeping the header would make httpx decode again.
    error = engine("BadRequestError", headers=[("Content-Encoding", "gzip")], body=b'{"a": 1}')
    assert error.response.json() == {"a": 1}
    assert error.response.headers.get("content-encoding") is None


def test_from_engine_other_kinds():
    midstream = engine("MidStreamFallbackError", 429)
    assert midstream.status_code == 429
    unknown = engine("LiteLLMUnknownProvider", 400, provider="nope", model="m")
    assert type(unknown) is E.LiteLLMUnknownProvider
    assert "model=m, custom_llm_provider=nope" in str(unknown)
    params = engine("UnsupportedParamsError", 400, body=None, url=None)
    assert params.status_code == 400
    validation = engine("APIResponseValidationError", 200, body=b'{"x": 1}')
    assert validation.status_code == 200
    assert validation.response.status_code == 200
    payment = engine("PaymentRequiredError", 402, num_retries=1)
    assert payment.num_retries == 1
    assert str(payment).endswith("LiteLLM Retried: 1 times")


def test_mock_exception_factory():
    error = E._mock_exception(500, "boom", "openai", "gpt-4o")
    assert type(error) is E.MockException
    assert (error.status_code, str(error)) == (500, "litellm.MockException: boom")
    assert (error.llm_provider, error.model) == ("openai", "gpt-4o")


# --------------------------------------------------------------------------------------
# The stand-in HTTP objects
# --------------------------------------------------------------------------------------


def test_standin_response_api():
    request = _http_response.Request("post", "https://api.example.com:8443/v1/x?y=1")
    response = _http_response.Response(
        429,
        headers=[("Retry-After", "2"), ("X-Multi", "a"), ("x-multi", "b")],
        content='{"error": {"message": "é"}}',
        request=request,
    )
    assert response.status_code == 429
    assert response.headers.get("retry-after") == "2"
    assert response.headers["RETRY-AFTER"] == "2"
    assert response.headers.get("missing", "d") == "d"
    assert "Retry-After" in response.headers
    assert response.headers["x-multi"] == "a, b"
    assert response.headers.get_list("X-Multi") == ["a", "b"]
    assert dict(response.headers) == {"retry-after": "2", "x-multi": "a, b"}
    assert response.headers == [("RETRY-AFTER", "2"), ("x-multi", "a"), ("X-Multi", "b")]
    assert response.headers != {"retry-after": "2"}
    assert response.json() == {"error": {"message": "é"}}
    assert response.text == '{"error": {"message": "é"}}'
    assert response.content == '{"error": {"message": "é"}}'.encode()
    assert response.is_error and response.is_client_error and not response.is_success
    assert response.reason_phrase == "Too Many Requests"
    assert repr(response) == "<Response [429 Too Many Requests]>"
    assert request.method == "POST"
    assert request.url == "https://api.example.com:8443/v1/x?y=1"
    assert (request.url.scheme, request.url.host, request.url.port, request.url.path) == (
        "https",
        "api.example.com",
        8443,
        "/v1/x",
    )
    assert response.url == request.url
    with pytest.raises(_http_response.HTTPStatusError) as caught:
        response.raise_for_status()
    assert caught.value.response is response
    ok = _http_response.Response(200, content=b"hi")
    assert ok.raise_for_status() is ok
    with pytest.raises(RuntimeError):
        ok.request  # noqa: B018
    latin = _http_response.Response(
        200, headers={"content-type": "text/plain; charset=latin-1"}, content="é".encode("latin-1")
    )
    assert latin.text == "é"
    clone = pickle.loads(pickle.dumps(response))
    assert clone.headers.get("retry-after") == "2"
    assert clone.json() == response.json()


# --------------------------------------------------------------------------------------
# Laziness, identity, import cost (fresh interpreters)
# --------------------------------------------------------------------------------------

STUB_PACKAGE = (
    "import sys\n"
    "pkg = type(sys)('litellm'); "
    f"pkg.__path__ = [{str(PYTHON_DIR / 'litellm')!r}]; "
    "sys.modules['litellm'] = pkg\n"
)

FORBIDDEN = (
    "openai",
    "httpx",
    "httpx2",
    "pydantic",
    "typing",
    "enum",
    "dataclasses",
    "inspect",
    "json",
    "re",
)


@pytest.mark.skipif(bool(os.environ.get(BLOCKED_ENV)), reason="runs in the outer suite")
def test_import_is_nearly_free():
    # -S keeps site hooks from preloading enum/re/typing, so the check is exact; the stub
    # package isolates this module from whatever litellm/__init__.py grows to import.
    code = STUB_PACKAGE + (
        "before = set(sys.modules)\n"
        "import litellm.exceptions as E\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    loaded = eval(run_python(code, "-S", "-I"))  # noqa: S307
    assert loaded == ["litellm.exceptions"]


@pytest.mark.skipif(bool(os.environ.get(BLOCKED_ENV)), reason="runs in the outer suite")
def test_first_access_without_openai_loads_only_the_standin():
    code = (
        STUB_PACKAGE
        + BLOCKER_SOURCE
        + (
            "before = set(sys.modules)\n"
            "import litellm.exceptions as E\n"
            "E.RateLimitError('m', 'p', 'g')\n"
            "E.BadRequestError('m', 'g', 'p').response.headers.get('x')\n"
            "print(sorted(set(sys.modules) - before))\n"
        )
    )
    loaded = eval(run_python(code, "-S", "-I"))  # noqa: S307
    assert loaded == ["litellm._http_response", "litellm.exceptions"]
    assert not set(loaded) & set(FORBIDDEN)


@pytest.mark.skipif(bool(os.environ.get(BLOCKED_ENV)), reason="runs in the outer suite")
def test_enums_are_created_on_their_own_access():
    code = (
        STUB_PACKAGE
        + BLOCKER_SOURCE
        + (
            "import litellm.exceptions as E\n"
            "E.RateLimitError('m', 'p', 'g')\n"
            "print('enum' in sys.modules)\n"
            "E.RateLimitType\n"
            "print('enum' in sys.modules)\n"
        )
    )
    assert run_python(code, "-S", "-I").split() == ["False", "True"]


@pytest.mark.skipif(bool(os.environ.get(BLOCKED_ENV)), reason="runs in the outer suite")
def test_package_import_does_not_load_openai():
    code = (
        "import sys\n"
        "import litellm.exceptions\n"
        "print(sorted(m for m in ('openai', 'httpx', 'httpx2', 'pydantic') if m in sys.modules))\n"
    )
    assert run_python(code).strip() == "[]"


@pytest.mark.skipif(bool(os.environ.get(BLOCKED_ENV)), reason="runs in the outer suite")
@pytest.mark.parametrize("blocked", [False, True], ids=["openai-if-installed", "no-openai"])
def test_classes_are_created_exactly_once(blocked):
    code = (BLOCKER_SOURCE if blocked else "") + (
        "import sys, threading\n"
        "from litellm.exceptions import RateLimitError as Early\n"
        "import litellm.exceptions as E\n"
        "seen = []\n"
        "def touch():\n"
        "    seen.append((E.BadRequestError, E.RateLimitError, E.Timeout))\n"
        "threads = [threading.Thread(target=touch) for _ in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert len(set(seen)) == 1, seen\n"
        "assert E.RateLimitError is Early\n"
        "err = E._from_engine('RateLimitError', 429, 'm', 'p', 'g', None, None, None, None,\n"
        "                     None, None, None)\n"
        "assert type(err) is Early and isinstance(err, Early)\n"
        "try:\n"
        "    raise err\n"
        "except Early:\n"
        "    pass\n"
        "print('ok', 'openai' in sys.modules)\n"
    )
    out = run_python(code).split()
    assert out[0] == "ok"
    if blocked:
        assert out[1] == "False"


@pytest.mark.skipif(bool(os.environ.get(BLOCKED_ENV)), reason="this is the inner run")
def test_suite_passes_without_openai():
    env = dict(os.environ)
    env[BLOCKED_ENV] = "1"
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PYTHON_DIR)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout
