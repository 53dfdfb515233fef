"""litellm.exceptions: every exception class litellm 1.109.1 exposes, and the factory the Rust
engine calls to raise one.

Owns: the classes (names, constructor signatures with their per-class positional orders,
attributes, "litellm.<Class>: " message prefixes, str/repr with retry counts, hierarchy),
`LITELLM_EXCEPTION_TYPES`, the `RateLimitErrorCategory` / `RateLimitType` enums,
`_from_engine()` and `_mock_exception()`. Does not own error classification (Rust decides the
class; see docs/compatibility.md) nor the top-level `litellm.X` re-exports (litellm/__init__.py).

Importing this module is nearly free: it imports nothing beyond `sys` and `_thread`. The
classes are created exactly once, on the first access of any exception name (PEP 562 module
`__getattr__`), and are then stored in the module globals, so a class bound early is the very
class raised later. If `openai` can be imported at that moment the classes subclass openai's
exceptions exactly as litellm's do (`except openai.RateLimitError` keeps working) and
`e.response` is a real httpx (or httpx2, which openai 3 uses) Response; otherwise they
subclass stand-ins with openai's names, MRO shape and attributes, and `e.response` is a
`litellm._http_response.Response`.
"""

# ruff: noqa: F822

import _thread
import sys

# Most names below are created on first access by __getattr__ (so ruff's F822 is off here).
__all__ = [
    "LITELLM_EXCEPTION_TYPES",
    "VECTOR_STORE_SEARCH_FAILED_CODE",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "AuthenticationError",
    "BadGatewayError",
    "BadRequestError",
    "BlockedPiiEntityError",
    "BudgetExceededError",
    "CallerCredentialAuthenticationError",
    "CallerCredentialRateLimitError",
    "ContentPolicyViolationError",
    "ContextWindowExceededError",
    "EndpointNotSupportedByModelError",
    "GuardrailRaisedException",
    "ImageFetchError",
    "InternalServerError",
    "InvalidRequestError",
    "JSONSchemaValidationError",
    "LiteLLMUnknownProvider",
    "MalformedRequestFieldError",
    "MidStreamFallbackError",
    "MockException",
    "ModelNotMappedError",
    "ModifyResponseException",
    "NotFoundError",
    "OpenAIError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitErrorCategory",
    "RateLimitType",
    "RejectedRequestError",
    "SensitiveDataRouteException",
    "ServiceUnavailableError",
    "Timeout",
    "UnprocessableEntityError",
    "UnsupportedEndpointError",
    "UnsupportedParamsError",
    "VectorStoreSearchError",
    "validate_rate_limit_category",
    "validate_rate_limit_type",
]
_PLAIN_NAMES = frozenset(
    (
        "VECTOR_STORE_SEARCH_FAILED_CODE",
        "validate_rate_limit_category",
        "validate_rate_limit_type",
    )
)
# Created only on their own first access: only they need `enum`.
_ENUM_NAMES = frozenset(("RateLimitErrorCategory", "RateLimitType"))
# Created all together on the first access of any of them.
_LAZY_CLASS_NAMES = frozenset(__all__) - _PLAIN_NAMES - _ENUM_NAMES

VECTOR_STORE_SEARCH_FAILED_CODE = "vector_store_search_failed"

_RATE_LIMIT_CATEGORY_VALUES = frozenset(
    (
        "vendor_rate_limit",
        "vendor_batch_rate_limit",
        "litellm_rate_limit",
        "litellm_batch_rate_limit",
    )
)
_RATE_LIMIT_TYPE_VALUES = frozenset(
    ("requests", "tokens", "concurrent_requests", "budget", "max_iterations")
)

# Where litellm points the placeholder request/response when none is given (observed).
_LITELLM_AI = ("GET", "https://litellm.ai")
_OPENAI_V1 = ("POST", "https://api.openai.com/v1")
_VERTEX = ("POST", "https://cloud.google.com/vertex-ai/")
_OPENAI_STREAM = ("POST", "https://openai.com/v1/")


def validate_rate_limit_category(value):
    """The category's string value if it is a known RateLimitErrorCategory, else None."""
    value = getattr(value, "value", value)
    return value if isinstance(value, str) and value in _RATE_LIMIT_CATEGORY_VALUES else None


def validate_rate_limit_type(value):
    """The type's string value if it is a known RateLimitType, else None."""
    value = getattr(value, "value", value)
    return value if isinstance(value, str) and value in _RATE_LIMIT_TYPE_VALUES else None


# --------------------------------------------------------------------------------------
# Lazy creation
# --------------------------------------------------------------------------------------

# Re-entrant so a build that (indirectly) touches this module again cannot deadlock; the
# `_built` flag, not the lock, is what guarantees a single build.
_lock = _thread.RLock()
_built = False
_http = None  # the adapter that makes Request / Response objects, chosen at build time


def __getattr__(name):
    if name in _LAZY_CLASS_NAMES:
        _ensure_built()
        return globals()[name]
    if name in _ENUM_NAMES:
        _ensure_enums()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _LAZY_CLASS_NAMES | _ENUM_NAMES)


def _ensure_built():
    global _built, _http
    if _built:
        return
    with _lock:
        if _built:
            return
        bases, http = _load_bases()
        classes = _define_classes(bases)
        classes["LITELLM_EXCEPTION_TYPES"] = [
            classes[n]
            for n in (
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
                "InternalServerError",  # listed twice in litellm too
                "JSONSchemaValidationError",
            )
        ]
        _http = http
        globals().update(classes)
        _built = True


def _ensure_enums():
    if "RateLimitType" in globals():
        return
    with _lock:
        if "RateLimitType" in globals():
            return
        import enum  # only when the enums themselves are asked for

        class RateLimitErrorCategory(str, enum.Enum):
            VENDOR_RATE_LIMIT = "vendor_rate_limit"
            VENDOR_BATCH_RATE_LIMIT = "vendor_batch_rate_limit"
            LITELLM_RATE_LIMIT = "litellm_rate_limit"
            LITELLM_BATCH_RATE_LIMIT = "litellm_batch_rate_limit"

        class RateLimitType(str, enum.Enum):
            REQUESTS = "requests"
            TOKENS = "tokens"
            CONCURRENT_REQUESTS = "concurrent_requests"
            BUDGET = "budget"
            MAX_ITERATIONS = "max_iterations"

        for cls in (RateLimitErrorCategory, RateLimitType):
            cls.__qualname__ = cls.__name__  # so members pickle by reference
            globals()[cls.__name__] = cls


class _HttpObjects:
    """Makes request/response objects of one HTTP library (httpx, httpx2 or our stand-in).

    All three share httpx's constructor API: Request(method, url) and
    Response(status_code, headers=..., content=..., request=...).
    """

    def __init__(self, module):
        self.module = module

    def request(self, method, url):
        try:
            return self.module.Request(method, url)
        except Exception:  # noqa: BLE001 - an unparsable URL must not hide the real error
            return self.module.Request(*_LITELLM_AI)

    def response(self, status, headers=None, content=b"", request=None):
        # The body is already decoded: a Content-Encoding header would make httpx decode again.
        headers = [(k, v) for k, v in (headers or ()) if str(k).lower() != "content-encoding"]
        return self.module.Response(
            status, headers=headers, content=content or b"", request=request
        )

    def placeholder(self, status, where):
        return self.response(status, request=self.request(*where))


def _load_bases():
    """openai's exception classes if importable, else stand-ins of the same shape."""
    try:
        import openai

        bases = {
            name: getattr(openai, name)
            for name in (
                "OpenAIError",
                "APIError",
                "APIStatusError",
                "APIConnectionError",
                "APITimeoutError",
                "APIResponseValidationError",
                "BadRequestError",
                "AuthenticationError",
                "PermissionDeniedError",
                "NotFoundError",
                "UnprocessableEntityError",
                "RateLimitError",
                "InternalServerError",
            )
        }
    except Exception:  # noqa: BLE001 - not installed, blocked or broken: work without it
        return _standin_bases(), _HttpObjects(_standin_http())
    # litellm uses httpx; openai 3 itself uses httpx2. Either works as openai's response type.
    for module_name in ("httpx", "httpx2"):
        try:
            module = __import__(module_name)
        except ImportError:
            continue
        if hasattr(module, "Response") and hasattr(module, "Request"):
            return bases, _HttpObjects(module)
    return bases, _HttpObjects(_standin_http())


def _standin_http():
    from . import _http_response

    return _http_response


def _standin_bases():
    """Minimal classes with openai's names, MRO, constructor signatures and attributes."""

    class OpenAIError(Exception):
        pass

    class APIError(OpenAIError):
        code = None
        param = None

        def __init__(self, message, request, *, body):
            super().__init__(message)
            self.request = request
            self.message = message
            self.body = body
            if isinstance(body, dict):
                code = body.get("code")
                self.code = str(code) if code is not None else None
                self.param = body.get("param")
                self.type = body.get("type")
            else:
                self.code = None
                self.param = None
                self.type = None

    class APIResponseValidationError(APIError):
        def __init__(self, response, body, *, message=None):
            super().__init__(
                message or "Data returned by API invalid for expected schema.",
                response.request,
                body=body,
            )
            self.response = response
            self.status_code = response.status_code

    class APIStatusError(APIError):
        def __init__(self, message, *, response, body):
            super().__init__(message, response.request, body=body)
            self.response = response
            self.status_code = response.status_code
            self.request_id = response.headers.get("x-request-id")

    class APIConnectionError(APIError):
        def __init__(self, *, message="Connection error.", request):
            super().__init__(message, request, body=None)

    class APITimeoutError(APIConnectionError):
        def __init__(self, request):
            super().__init__(message="Request timed out.", request=request)

    class BadRequestError(APIStatusError):
        status_code = 400

    class AuthenticationError(APIStatusError):
        status_code = 401

    class PermissionDeniedError(APIStatusError):
        status_code = 403

    class NotFoundError(APIStatusError):
        status_code = 404

    class ConflictError(APIStatusError):
        status_code = 409

    class UnprocessableEntityError(APIStatusError):
        status_code = 422

    class RateLimitError(APIStatusError):
        status_code = 429

    class InternalServerError(APIStatusError):
        pass

    bases = {k: v for k, v in locals().items() if isinstance(v, type)}
    for name, cls in bases.items():
        # Distinguishable from litellm's own classes of the same name in reprs/tracebacks.
        cls.__qualname__ = "openai_standin." + name
    return bases


# --------------------------------------------------------------------------------------
# Helpers shared by the classes
# --------------------------------------------------------------------------------------


def _message_with_retries(self):
    # litellm: str(e) == repr(e) == message + retry counts (only when truthy).
    text = str(self.message)
    num_retries = getattr(self, "num_retries", None)
    max_retries = getattr(self, "max_retries", None)
    if num_retries:
        text += f" LiteLLM Retried: {num_retries} times"
    if max_retries:
        text += f", LiteLLM Max Retries: {max_retries}"
    return text


def _rebuild(cls, args):
    error = cls.__new__(cls)
    error.args = args
    return error


def _reduce(self):
    # litellm's exceptions cannot be pickled or copied (their __init__ needs arguments that
    # BaseException.__reduce__ does not keep); rebuild from the instance state instead.
    return (_rebuild, (type(self), self.args), dict(self.__dict__))


def _set_common(self, name, message, llm_provider, model, debug, max_retries, num_retries):
    self.message = f"litellm.{name}: {message}"
    self.llm_provider = llm_provider
    self.model = model
    self.litellm_debug_info = debug
    self.max_retries = max_retries
    self.num_retries = num_retries


def _attach_request(response, where):
    """Make sure `response.request` works (openai reads it); use the placeholder if unset."""
    try:
        response.request  # noqa: B018 - httpx raises RuntimeError when it is unset
    except (RuntimeError, AttributeError):
        pass
    else:
        return response
    request = _http.request(*where)
    try:
        response.request = request
    except AttributeError:  # a read-only foreign object: copy it instead
        return _http.response(response.status_code, _header_pairs(response), b"", request)
    return response


def _with_status(response, status, where):
    """A copy of `response` carrying `status` (litellm forces 429/500/502/503 this way)."""
    try:
        request = response.request
    except (RuntimeError, AttributeError):
        request = _http.request(*where)
    try:
        content = response.content
    except (RuntimeError, AttributeError):  # e.g. httpx.ResponseNotRead on a stream
        content = b""
    return _http.response(status, _header_pairs(response), content, request)


def _header_pairs(response):
    headers = getattr(response, "headers", None)
    if headers is None:
        return []
    if hasattr(headers, "multi_items"):
        return list(headers.multi_items())
    if hasattr(headers, "items"):
        return list(headers.items())
    return list(headers)


# --------------------------------------------------------------------------------------
# The classes (defined once, against whichever bases _load_bases chose)
# --------------------------------------------------------------------------------------


def _define_classes(o):
    # `o` maps openai's class names to openai's classes or the stand-ins.
    APIStatusErrorBase = o["APIStatusError"]

    def placeholder(status, where):
        return _http.placeholder(status, where)

    class AuthenticationError(o["AuthenticationError"]):
        def __init__(
            self,
            message,
            llm_provider,
            model,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            body=None,
        ):
            self.status_code = 401
            _set_common(
                self,
                "AuthenticationError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.response = (
                placeholder(401, _LITELLM_AI)
                if response is None
                else _attach_request(response, _LITELLM_AI)
            )
            super().__init__(self.message, response=self.response, body=body)

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class PermissionDeniedError(o["PermissionDeniedError"]):
        # `response` is required positionally, as in litellm (None is tolerated here).
        def __init__(
            self,
            message,
            llm_provider,
            model,
            response,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
        ):
            self.status_code = 403
            _set_common(
                self,
                "PermissionDeniedError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.response = (
                placeholder(403, _LITELLM_AI)
                if response is None
                else _attach_request(response, _LITELLM_AI)
            )
            super().__init__(self.message, response=self.response, body=None)

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class NotFoundError(o["NotFoundError"]):
        def __init__(
            self,
            message,
            model,
            llm_provider,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            body=None,
        ):
            self.status_code = 404
            _set_common(
                self,
                "NotFoundError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.response = (
                placeholder(404, _LITELLM_AI)
                if response is None
                else _attach_request(response, _LITELLM_AI)
            )
            super().__init__(self.message, response=self.response, body=body)

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class BadRequestError(o["BadRequestError"]):
        def __init__(
            self,
            message,
            model,
            llm_provider,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            body=None,
        ):
            self.status_code = 400
            _set_common(
                self,
                "BadRequestError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.response = (
                placeholder(400, _LITELLM_AI)
                if response is None
                else _attach_request(response, _LITELLM_AI)
            )
            super().__init__(self.message, response=self.response, body=body)

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class ContextWindowExceededError(BadRequestError):
        def __init__(
            self,
            message,
            model,
            llm_provider,
            response=None,
            litellm_debug_info=None,
            body=None,
        ):
            super().__init__(message, model, llm_provider, response, litellm_debug_info, body=body)
            # Double prefix, as litellm: "litellm.ContextWindowExceededError: litellm.BadRequestError: ..."
            self.message = f"litellm.ContextWindowExceededError: {self.message}"

    class ContentPolicyViolationError(BadRequestError):
        def __init__(
            self,
            message,
            model,
            llm_provider,
            response=None,
            litellm_debug_info=None,
            provider_specific_fields=None,
            body=None,
        ):
            # Prefix order is the reverse of ContextWindowExceededError's, as in litellm.
            super().__init__(
                f"litellm.ContentPolicyViolationError: {message}",
                model,
                llm_provider,
                response,
                litellm_debug_info,
                body=body,
            )
            self.provider_specific_fields = provider_specific_fields

    class UnsupportedParamsError(BadRequestError):
        def __init__(
            self,
            message,
            llm_provider=None,
            model=None,
            status_code=400,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
        ):
            super().__init__(
                message,
                model,
                llm_provider,
                placeholder(status_code, _LITELLM_AI) if response is None else response,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.message = f"litellm.UnsupportedParamsError: {message}"
            self.status_code = status_code

    class ImageFetchError(BadRequestError):
        def __init__(
            self,
            message,
            model=None,
            llm_provider=None,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            body=None,
        ):
            super().__init__(
                message,
                model,
                llm_provider,
                response,
                litellm_debug_info,
                max_retries,
                num_retries,
                body,
            )

    class MalformedRequestFieldError(BadRequestError):
        pass

    class UnsupportedEndpointError(BadRequestError):
        pass

    class LiteLLMUnknownProvider(BadRequestError):
        def __init__(self, model, custom_llm_provider=None):
            super().__init__(
                f"Unmapped LLM provider for this endpoint. You passed model={model}, "
                f"custom_llm_provider={custom_llm_provider}. Check supported provider and route: "
                "https://docs.litellm.ai/docs/providers",
                model,
                custom_llm_provider,
            )

        def __str__(self):
            return self.message

    class VectorStoreSearchError(BadRequestError):
        def __init__(self, failures, model=None, llm_provider=None):
            self.failures = tuple(failures)
            details = "; ".join(
                "{}: {}".format(_field(f, "vector_store_id"), _field(f, "error"))
                for f in self.failures
            )
            super().__init__(
                "The request could not be grounded in every configured vector store. "
                f"{len(self.failures)} vector store search(es) failed: {details}",
                model,
                llm_provider,
                body={
                    "type": "invalid_request_error",
                    "code": VECTOR_STORE_SEARCH_FAILED_CODE,
                },
            )

    class RejectedRequestError(BadRequestError):
        def __init__(self, message, model, llm_provider, request_data, litellm_debug_info=None):
            self.request_data = request_data
            super().__init__(
                f"litellm.RejectedRequestError: {message}",
                model,
                llm_provider,
                placeholder(400, _OPENAI_V1),
                litellm_debug_info,
            )

    class EndpointNotSupportedByModelError(BadRequestError):
        def __init__(self, message, model, llm_provider=""):
            super().__init__(message, model, llm_provider)
            self.message = message  # unprefixed, as litellm
            self.code = "400"
            self.param = "model"
            self.type = "invalid_request_error"

    class PaymentRequiredError(BadRequestError):
        def __init__(self, message, model, llm_provider, response=None, litellm_debug_info=None):
            super().__init__(
                message,
                model,
                llm_provider,
                placeholder(402, _LITELLM_AI) if response is None else response,
                litellm_debug_info,
            )
            self.status_code = 402
            self.message = f"litellm.PaymentRequiredError: {message}"

    class InvalidRequestError(o["BadRequestError"]):
        # Deprecated; unprefixed message and plain Exception str/repr, as litellm.
        def __init__(self, message, model, llm_provider):
            self.status_code = 400
            self.message = message
            self.model = model
            self.llm_provider = llm_provider
            self.response = placeholder(400, _LITELLM_AI)
            super().__init__(self.message, response=self.response, body=None)

        __reduce__ = _reduce

    class UnprocessableEntityError(o["UnprocessableEntityError"]):
        # `response` is required positionally, as in litellm (None is tolerated here).
        def __init__(
            self,
            message,
            model,
            llm_provider,
            response,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
        ):
            self.status_code = 422
            _set_common(
                self,
                "UnprocessableEntityError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.response = (
                placeholder(422, _LITELLM_AI)
                if response is None
                else _attach_request(response, _LITELLM_AI)
            )
            super().__init__(self.message, response=self.response, body=None)

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class Timeout(o["APITimeoutError"]):
        def __init__(
            self,
            message,
            model,
            llm_provider,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            headers=None,
            exception_status_code=None,
            response=None,
        ):
            # openai's APITimeoutError sets args to ("Request timed out.",); litellm keeps that.
            super().__init__(request=_http.request(*_OPENAI_V1))
            self.status_code = exception_status_code or 408
            _set_common(
                self,
                "Timeout",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.headers = headers
            if response is not None:  # litellm sets `response` only when one is given
                self.response = response

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class RateLimitError(o["RateLimitError"]):
        def __init__(
            self,
            message,
            llm_provider,
            model,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            category="vendor_rate_limit",  # == RateLimitErrorCategory.VENDOR_RATE_LIMIT
            rate_limit_type=None,
            headers=None,
            detail=None,
            body=None,
        ):
            self.status_code = 429
            _set_common(
                self,
                "RateLimitError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            # Stored as plain strings (enum members are unwrapped), unknown values kept.
            self.category = getattr(category, "value", category)
            self.rate_limit_type = getattr(rate_limit_type, "value", rate_limit_type)
            self.headers = headers
            self.detail = self.message if detail is None else detail
            self.response = (
                placeholder(429, _VERTEX)
                if response is None
                else _with_status(response, 429, _VERTEX)
            )
            super().__init__(self.message, response=self.response, body=body)
            # litellm reports these regardless of the body.
            self.code = "429"
            self.type = "throttling_error"

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class CallerCredentialAuthenticationError(AuthenticationError):
        """The caller's own credential was rejected: the Router must not cool the deployment down."""

    class CallerCredentialRateLimitError(RateLimitError):
        """The caller's own credential is rate limited: the Router must not cool the deployment down."""

    class InternalServerError(o["InternalServerError"]):
        def __init__(
            self,
            message,
            llm_provider,
            model,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            body=None,
        ):
            self.status_code = 500
            _set_common(
                self,
                "InternalServerError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.response = (
                placeholder(500, _VERTEX)
                if response is None
                else _with_status(response, 500, _VERTEX)
            )
            super().__init__(self.message, response=self.response, body=body)
            self.type = "internal_server_error"

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    def _status_error(name, status):
        # BadGatewayError / ServiceUnavailableError: plain APIStatusError subclasses.
        def __init__(
            self,
            message,
            llm_provider,
            model,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
        ):
            self.status_code = status
            _set_common(
                self,
                name,
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.response = (
                placeholder(status, _VERTEX)
                if response is None
                else _with_status(response, status, _VERTEX)
            )
            APIStatusErrorBase.__init__(self, self.message, response=self.response, body=None)

        return type(
            name,
            (APIStatusErrorBase,),
            {
                "__init__": __init__,
                "__str__": _message_with_retries,
                "__repr__": _message_with_retries,
                "__reduce__": _reduce,
                "__module__": __name__,
            },
        )

    BadGatewayError = _status_error("BadGatewayError", 502)
    ServiceUnavailableError = _status_error("ServiceUnavailableError", 503)

    class MidStreamFallbackError(ServiceUnavailableError):
        def __init__(
            self,
            message,
            model,
            llm_provider,
            original_exception=None,
            response=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            generated_content="",
            is_pre_first_chunk=False,
            emitted_disqualifying_content=False,
        ):
            status = getattr(original_exception, "status_code", None) or 503
            _set_common(
                self,
                "MidStreamFallbackError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            self.original_exception = original_exception
            self.generated_content = generated_content
            self.is_pre_first_chunk = is_pre_first_chunk
            self.emitted_disqualifying_content = emitted_disqualifying_content
            self.response = (
                placeholder(status, _OPENAI_STREAM)
                if response is None
                else _attach_request(response, _OPENAI_STREAM)
            )
            APIStatusErrorBase.__init__(self, self.message, response=self.response, body=None)
            self.status_code = status  # the original error's status, not the response's

        def __str__(self):
            text = _message_with_retries(self)
            if self.original_exception is not None:
                text += f" Original exception: {type(self.original_exception).__name__}: {self.original_exception}"
            return text

        __repr__ = __str__

    class APIError(o["APIError"]):
        def __init__(
            self,
            status_code,
            message,
            llm_provider,
            model,
            request=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
            body=None,
            response=None,
        ):
            self.status_code = status_code
            _set_common(
                self,
                "APIError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            if request is None:
                request = _http.request(*_OPENAI_V1)
            super().__init__(self.message, request=request, body=body)
            if response is not None:  # litellm sets `response` only when one is given
                self.response = response

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class APIConnectionError(o["APIConnectionError"]):
        def __init__(
            self,
            message,
            llm_provider,
            model,
            request=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
        ):
            self.status_code = 500
            _set_common(
                self,
                "APIConnectionError",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            if request is None:
                request = _http.request(*_OPENAI_V1)
            super().__init__(message=self.message, request=request)

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class APIResponseValidationError(o["APIResponseValidationError"]):
        # Unprefixed message, as litellm.
        def __init__(
            self,
            message,
            llm_provider,
            model,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
        ):
            self.message = message
            self.llm_provider = llm_provider
            self.model = model
            self.litellm_debug_info = litellm_debug_info
            self.max_retries = max_retries
            self.num_retries = num_retries
            super().__init__(response=placeholder(500, _OPENAI_V1), body=None, message=message)

        __str__ = __repr__ = _message_with_retries
        __reduce__ = _reduce

    class JSONSchemaValidationError(APIResponseValidationError):
        def __init__(self, model, llm_provider, raw_response, schema):
            self.raw_response = raw_response
            self.schema = schema
            super().__init__(
                f"litellm.JSONSchemaValidationError: model={model}, returned an invalid response={raw_response}, "
                f"for schema={schema}.\nAccess raw response with `e.raw_response`",
                llm_provider,
                model,
            )

    class MockException(o["APIError"]):
        # Plain Exception str/repr (no retry counts), as litellm.
        def __init__(
            self,
            status_code,
            message,
            llm_provider,
            model,
            request=None,
            litellm_debug_info=None,
            max_retries=None,
            num_retries=None,
        ):
            self.status_code = status_code
            _set_common(
                self,
                "MockException",
                message,
                llm_provider,
                model,
                litellm_debug_info,
                max_retries,
                num_retries,
            )
            if request is None:
                request = _http.request(*_OPENAI_V1)
            super().__init__(self.message, request=request, body=None)

        __reduce__ = _reduce

    class OpenAIError(o["OpenAIError"]):
        def __init__(self, original_exception=None):
            super().__init__()
            self.llm_provider = "openai"

        __reduce__ = _reduce

    class BudgetExceededError(Exception):
        def __init__(
            self,
            current_cost,
            max_budget,
            message=None,
            llm_provider=None,
            entity_type=None,
            entity_id=None,
        ):
            self.current_cost = current_cost
            self.max_budget = max_budget
            # Read at raise time so `litellm.budget_exceeded_status_code = ...` applies.
            self.status_code = getattr(
                sys.modules.get("litellm"), "budget_exceeded_status_code", 422
            )
            self.llm_provider = llm_provider or ""
            self.entity_type = entity_type
            self.entity_id = entity_id
            self.category = "litellm_rate_limit"
            self.rate_limit_type = "budget"
            self.message = (
                message
                or f"Budget has been exceeded! Current cost: {current_cost}, Max budget: {max_budget}"
            )
            super().__init__(self.message)

        __reduce__ = _reduce

    class ModelNotMappedError(Exception):
        pass

    class GuardrailRaisedException(Exception):
        def __init__(
            self,
            guardrail_name=None,
            message="",
            should_wrap_with_default_message=True,
            status_code=400,
            blocked_content=False,
        ):
            self.guardrail_name = guardrail_name
            self.status_code = status_code
            self.blocked_content = blocked_content
            if should_wrap_with_default_message:
                message = f"Guardrail raised an exception, Guardrail: {guardrail_name}, Message: {message}"
            self.message = message
            super().__init__(message)

        __reduce__ = _reduce

    class BlockedPiiEntityError(Exception):
        def __init__(self, entity_type, guardrail_name=None, status_code=400):
            self.entity_type = entity_type
            self.guardrail_name = guardrail_name
            self.status_code = status_code
            self.message = (
                f"Blocked entity detected: {entity_type} by Guardrail: {guardrail_name}. This entity is not allowed to be "
                "used in this request."
            )
            super().__init__(self.message)

        __reduce__ = _reduce

    class ModifyResponseException(Exception):
        def __init__(
            self,
            message,
            model,
            request_data,
            guardrail_name=None,
            detection_info=None,
            original_response=None,
        ):
            self.message = message
            self.model = model
            self.request_data = request_data
            self.guardrail_name = guardrail_name
            self.detection_info = detection_info or {}
            self.original_response = original_response
            super().__init__(message)

        __reduce__ = _reduce

    class SensitiveDataRouteException(Exception):
        def __init__(
            self,
            route_to_model,
            session_id,
            guardrail_name=None,
            detection_info=None,
            message=None,
            sticky_session_routing=True,
        ):
            self.route_to_model = route_to_model
            self.session_id = session_id
            self.guardrail_name = guardrail_name
            self.detection_info = detection_info or {}
            self.sticky_session_routing = sticky_session_routing
            self.message = (
                message
                or f"Sensitive data detected by {guardrail_name}. Routing to model: {route_to_model}"
            )
            super().__init__(self.message)

        __reduce__ = _reduce

    classes = {k: v for k, v in locals().items() if isinstance(v, type) and k in _LAZY_CLASS_NAMES}
    for name, cls in classes.items():
        cls.__qualname__ = name  # so pickle finds them as litellm.exceptions.<name>
        cls.__module__ = __name__
    return classes


def _field(failure, key):
    if isinstance(failure, dict):
        return failure.get(key)
    return getattr(failure, key, None)


# --------------------------------------------------------------------------------------
# Factories used by the Rust engine
# --------------------------------------------------------------------------------------

# kind -> how the engine's facts map onto that class's constructor.
#   "A": (message, llm_provider, model, response, debug, max_retries, num_retries, body)
#   "B": same without body (set afterwards, as openai would)
_ENGINE_KINDS = {
    "AuthenticationError": "A",
    "CallerCredentialAuthenticationError": "A",
    "NotFoundError": "A",
    "BadRequestError": "A",
    "ImageFetchError": "A",
    "MalformedRequestFieldError": "A",
    "UnsupportedEndpointError": "A",
    "InternalServerError": "A",
    "RateLimitError": "rate",
    "CallerCredentialRateLimitError": "rate",
    "PermissionDeniedError": "B",
    "UnprocessableEntityError": "B",
    "BadGatewayError": "B",
    "ServiceUnavailableError": "B",
    "UnsupportedParamsError": "params",
    "ContextWindowExceededError": "bad_request_sub",
    "ContentPolicyViolationError": "bad_request_sub",
    "PaymentRequiredError": "payment",
    "Timeout": "timeout",
    "APIConnectionError": "connection",
    "APIError": "api",
    "MockException": "mock",
    "MidStreamFallbackError": "midstream",
    "APIResponseValidationError": "validation",
    "LiteLLMUnknownProvider": "unknown_provider",
}


def _from_engine(
    kind,
    status,
    message,
    provider,
    model,
    body=None,
    headers=None,
    url=None,
    method=None,
    num_retries=None,
    max_retries=None,
    debug_info=None,
    response_status=None,
    original_exception=None,
):
    """Build (not raise) the litellm exception the engine classified as `kind`.

    `status` is the status litellm reports, and becomes `e.status_code` for every kind (the
    engine decides it, e.g. 500 for Anthropic's 529). `response_status` is what the provider
    actually sent (defaults to `status`) and becomes `e.response.status_code`, except where the
    class itself rewrites the response as litellm does (RateLimitError 429,
    InternalServerError 500, BadGatewayError 502, ServiceUnavailableError 503).
    `body` (bytes or str) and `headers` ((name, value) pairs) are the provider's; `e.body` gets
    the body parsed the way openai does (the "error" member of a JSON object, other JSON as
    is, non-JSON as text); RateLimitError and Timeout also expose the headers as the dict
    `e.headers`. `url` / `method` describe the request (`e.request`; GET https://litellm.ai
    when no url). Timeout and APIConnectionError get an `e.response` only when a response
    arrived (a body or headers were given). An unknown `kind` gives an APIError.
    """
    _ensure_built()
    g = globals()
    http = _http

    if isinstance(body, (bytearray, memoryview)):
        body = bytes(body)
    header_pairs = [(str(k), str(v)) for k, v in (headers or ())]
    status = int(status) if status else None
    response_status = int(response_status) if response_status else status
    if url:
        request = http.request((method or "POST").upper(), url)
    else:
        request = http.request(*_LITELLM_AI)

    shape = _ENGINE_KINDS.get(kind)
    cls = g.get(kind) if shape else None
    response = None
    arrived = body is not None or bool(header_pairs)
    if response_status and (arrived or shape not in ("timeout", "connection")):
        content = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        response = http.response(response_status, header_pairs, content, request)
    parsed = _parse_body(body)
    header_dict = _header_dict(header_pairs) if header_pairs else None

    common = {
        "litellm_debug_info": debug_info,
        "max_retries": max_retries,
        "num_retries": num_retries,
    }
    body_set = True
    if shape == "A":
        error = cls(
            message=message,
            llm_provider=provider,
            model=model,
            response=response,
            body=parsed,
            **common,
        )
    elif shape == "rate":
        error = cls(
            message=message,
            llm_provider=provider,
            model=model,
            response=response,
            headers=header_dict,
            body=parsed,
            **common,
        )
    elif shape == "B":
        error = cls(
            message=message,
            llm_provider=provider,
            model=model,
            response=response,
            **common,
        )
        body_set = False
    elif shape == "params":
        error = cls(
            message=message,
            llm_provider=provider,
            model=model,
            status_code=status or 400,
            response=response,
            **common,
        )
        body_set = False
    elif shape == "bad_request_sub":
        error = cls(
            message=message,
            model=model,
            llm_provider=provider,
            response=response,
            litellm_debug_info=debug_info,
            body=parsed,
        )
        error.max_retries, error.num_retries = max_retries, num_retries
    elif shape == "payment":
        error = cls(
            message=message,
            model=model,
            llm_provider=provider,
            response=response,
            litellm_debug_info=debug_info,
        )
        error.max_retries, error.num_retries = max_retries, num_retries
        body_set = False
    elif shape == "timeout":
        error = cls(
            message=message,
            model=model,
            llm_provider=provider,
            headers=header_dict,
            exception_status_code=status,
            response=response,
            **common,
        )
        error.request = request
        body_set = False
    elif shape == "connection":
        error = cls(
            message=message,
            llm_provider=provider,
            model=model,
            request=request,
            **common,
        )
        if response is not None:
            error.response = response
        body_set = False
    elif shape == "midstream":
        error = cls(
            message=message,
            model=model,
            llm_provider=provider,
            response=response,
            original_exception=original_exception,
            **common,
        )
        body_set = False
    elif shape == "validation":
        error = cls(message=message, llm_provider=provider, model=model, **common)
        if response is not None:
            error.response, error.request = response, request
        body_set = False
    elif shape == "mock":
        error = cls(
            status_code=status or 500,
            message=message,
            llm_provider=provider,
            model=model,
            request=request,
            **common,
        )
        body_set = False
    elif shape == "unknown_provider":
        error = cls(model, provider or None)
    else:  # "APIError", and any kind this module does not know
        error = g["APIError"](
            status_code=status or 500,
            message=message,
            llm_provider=provider,
            model=model,
            request=request,
            body=parsed,
            response=response,
            **common,
        )
    if status:
        error.status_code = status
    if not body_set and parsed is not None:
        _apply_body(error, parsed)
    return error


def _mock_exception(status_code, message, provider, model):
    """The MockException that mock_response=<Exception> goes through before mapping."""
    _ensure_built()
    return globals()["MockException"](status_code, message, provider, model)


def _parse_body(body):
    # Same rule as openai's client: JSON object -> its "error" member when present.
    if body is None:
        return None
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    text = text.strip()
    import json  # error path only

    try:
        data = json.loads(text)
    except ValueError:
        return text
    if isinstance(data, dict):
        return data.get("error", data)
    return data


def _apply_body(error, body):
    # What openai's APIError.__init__ does with a body, for classes whose ctor takes none.
    error.body = body
    if isinstance(body, dict):
        code = body.get("code")
        error.code = str(code) if code is not None else None
        error.param = body.get("param")
        error.type = body.get("type")


def _header_dict(pairs):
    result = {}
    for key, value in pairs:
        key = str(key).lower()
        result[key] = f"{result[key]}, {value}" if key in result else str(value)
    return result
