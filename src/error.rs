//! The one error type every engine path returns, and how provider failures are classified
//! into litellm's exception kinds. No pyo3 here: `python/errors.rs` turns these into exceptions.

use std::fmt;
use std::time::Duration;

/// litellm's exception classes, by name. The Python layer maps each to `litellm.<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    BadRequestError,
    ContextWindowExceededError,
    ContentPolicyViolationError,
    UnsupportedParamsError,
    PaymentRequiredError,
    UnprocessableEntityError,
    RateLimitError,
    Timeout,
    APIConnectionError,
    APIError,
    InternalServerError,
    BadGatewayError,
    ServiceUnavailableError,
    APIResponseValidationError,
    MidStreamFallbackError,
    UnsupportedEndpointError,
}

impl ErrorKind {
    /// The class name in `litellm.exceptions`.
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::AuthenticationError => "AuthenticationError",
            ErrorKind::PermissionDeniedError => "PermissionDeniedError",
            ErrorKind::NotFoundError => "NotFoundError",
            ErrorKind::BadRequestError => "BadRequestError",
            ErrorKind::ContextWindowExceededError => "ContextWindowExceededError",
            ErrorKind::ContentPolicyViolationError => "ContentPolicyViolationError",
            ErrorKind::UnsupportedParamsError => "UnsupportedParamsError",
            ErrorKind::PaymentRequiredError => "PaymentRequiredError",
            ErrorKind::UnprocessableEntityError => "UnprocessableEntityError",
            ErrorKind::RateLimitError => "RateLimitError",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::APIConnectionError => "APIConnectionError",
            ErrorKind::APIError => "APIError",
            ErrorKind::InternalServerError => "InternalServerError",
            ErrorKind::BadGatewayError => "BadGatewayError",
            ErrorKind::ServiceUnavailableError => "ServiceUnavailableError",
            ErrorKind::APIResponseValidationError => "APIResponseValidationError",
            ErrorKind::MidStreamFallbackError => "MidStreamFallbackError",
            ErrorKind::UnsupportedEndpointError => "UnsupportedEndpointError",
        }
    }
}

/// A failed call: what went wrong, with the provider's original status, headers and body.
#[derive(Debug, Clone)]
pub struct LlmError {
    pub kind: ErrorKind,
    /// The status litellm reports on the exception (`e.status_code`).
    pub status: u16,
    /// The status the provider actually sent (0 when no response arrived).
    pub upstream_status: u16,
    pub provider: String,
    pub model: String,
    pub message: String,
    pub body: Option<Vec<u8>>,
    pub headers: Vec<(String, String)>,
    pub url: Option<String>,
    /// Whether the engine may retry the request that produced this error.
    pub retryable: bool,
    /// Server-requested wait before a retry (`retry-after-ms` / `retry-after`).
    pub retry_after: Option<Duration>,
    /// Attempts made beyond the first, filled in by the retry loop.
    pub num_retries: Option<u32>,
    pub max_retries: Option<u32>,
    /// The failure happened after a stream had started (litellm reports most such errors as
    /// a `MidStreamFallbackError` around the original; see `Provider::wraps_mid_stream`).
    pub mid_stream: bool,
    /// litellm's `litellm_debug_info` (model, API base and messages) where litellm gives one.
    pub debug_info: Option<String>,
    /// What timed out, for the provider's wording of timeouts.
    pub timeout: Option<TimeoutFacts>,
    /// The engine itself stopped the call (a panic, a size cap): never reported as a
    /// provider's failure.
    pub engine_fault: bool,
}

/// A timeout's facts: the limit that was passed and how long the wait took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeoutFacts {
    pub limit_secs: f64,
    pub elapsed_secs: f64,
    /// The wait was inside a running stream (a stall), not for a whole response.
    pub in_stream: bool,
}

impl LlmError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let status = default_status(kind);
        LlmError {
            kind,
            status,
            upstream_status: 0,
            provider: String::new(),
            model: String::new(),
            message: message.into(),
            body: None,
            headers: Vec::new(),
            url: None,
            retryable: false,
            retry_after: None,
            num_retries: None,
            max_retries: None,
            mid_stream: false,
            debug_info: None,
            timeout: None,
            engine_fault: false,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        LlmError::new(ErrorKind::BadRequestError, message)
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn with_context(mut self, provider: &str, model: &str) -> Self {
        if self.provider.is_empty() {
            self.provider = provider.to_string();
        }
        if self.model.is_empty() {
            self.model = model.to_string();
        }
        self
    }

    pub fn retryable(mut self, yes: bool) -> Self {
        self.retryable = yes;
        self
    }

    /// An internal failure (a bug or a panic) surfaced as litellm's generic APIError.
    pub fn internal(message: impl Into<String>) -> Self {
        let mut e = LlmError::new(ErrorKind::APIError, message).with_status(500);
        e.engine_fault = true;
        e
    }

    pub fn timeout(message: impl Into<String>) -> Self {
        LlmError::new(ErrorKind::Timeout, message).retryable(true)
    }

    /// A timeout with its facts, so each provider can word it as litellm does.
    pub fn timed_out(message: impl Into<String>, facts: TimeoutFacts) -> Self {
        let mut e = LlmError::timeout(message);
        e.timeout = Some(facts);
        e
    }

    pub fn connection(message: impl Into<String>) -> Self {
        LlmError::new(ErrorKind::APIConnectionError, message).retryable(true)
    }
}

impl fmt::Display for LlmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.class_name(), self.message)
    }
}

impl std::error::Error for LlmError {}

pub type Result<T> = std::result::Result<T, LlmError>;

fn default_status(kind: ErrorKind) -> u16 {
    match kind {
        ErrorKind::AuthenticationError => 401,
        ErrorKind::PermissionDeniedError => 403,
        ErrorKind::NotFoundError => 404,
        ErrorKind::BadRequestError
        | ErrorKind::ContextWindowExceededError
        | ErrorKind::ContentPolicyViolationError
        | ErrorKind::UnsupportedParamsError
        | ErrorKind::UnsupportedEndpointError => 400,
        ErrorKind::PaymentRequiredError => 402,
        ErrorKind::UnprocessableEntityError => 422,
        ErrorKind::RateLimitError => 429,
        ErrorKind::Timeout => 408,
        ErrorKind::BadGatewayError => 502,
        ErrorKind::ServiceUnavailableError | ErrorKind::MidStreamFallbackError => 503,
        ErrorKind::APIConnectionError
        | ErrorKind::APIError
        | ErrorKind::InternalServerError
        | ErrorKind::APIResponseValidationError => 500,
    }
}

/// Statuses worth another attempt: 408, 409, 429 and every 5xx (as the OpenAI SDK and litellm).
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// Lower-case substrings that mean "the prompt did not fit the context window".
const CONTEXT_WINDOW_MARKERS: &[&str] = &[
    "exceed context limit",
    "this model's maximum context length is",
    "requested token count exceeds the model's maximum context length",
    "string too long. expected a string with maximum length",
    "model's maximum context limit",
    "is longer than the model's context length",
    "input tokens exceed the configured limit",
    "`inputs` tokens + `max_new_tokens` must be",
    "exceeds the available context size",
    "exceeds the maximum number of tokens allowed",
    "\"code\": \"context_length_exceeded\"",
    "\"code\":\"context_length_exceeded\"",
    "context_length_exceeded",
    "prompt is too long",
    "input is too long for requested model",
];

/// Lower-case substrings that mean a content-policy refusal.
const CONTENT_POLICY_MARKERS: &[&str] = &[
    "content_policy_violation",
    "responsibleaipolicyviolation",
    "your task failed as a result of our safety system",
    "the model produced invalid content",
    "content_filter_policy",
    "your request was rejected as a result of our safety system",
    "content management policy",
];

pub fn is_context_window_text(lower: &str) -> bool {
    if lower.contains("string_above_max_length")
        || (lower.contains("invalid 'user'") && lower.contains("string too long"))
    {
        return false;
    }
    CONTEXT_WINDOW_MARKERS.iter().any(|m| lower.contains(m))
        || (lower.contains("current length is") && lower.contains("while limit is"))
        || (lower.contains("maximum input length is") && lower.contains("tokens"))
        || (lower.contains("input too long:") && lower.contains("limit is"))
}

pub fn is_content_policy_text(lower: &str) -> bool {
    CONTENT_POLICY_MARKERS.iter().any(|m| lower.contains(m))
}

/// What a provider's error body says, in the provider-neutral terms classification needs.
#[derive(Debug, Default, Clone)]
pub struct ErrorFacts {
    /// Human-readable message from the body (or the raw body text).
    pub message: String,
    /// `error.type` (OpenAI, Anthropic) or an equivalent category string.
    pub error_type: Option<String>,
    /// `error.code` (OpenAI), e.g. `context_length_exceeded`, `model_not_found`.
    pub code: Option<String>,
}

/// Classify an HTTP error: the status first; where the status alone is ambiguous (400, 413,
/// 422, 500, unusual codes, or none at all for errors inside a stream) the provider's
/// structured code and type, and only then the message text. The result carries litellm's
/// class and the status litellm reports for it.
pub fn classify_status(status: u16, facts: &ErrorFacts, raw_body: &str) -> (ErrorKind, u16) {
    match status {
        401 => return (ErrorKind::AuthenticationError, 401),
        402 => return (ErrorKind::PaymentRequiredError, 402),
        403 => return (ErrorKind::PermissionDeniedError, 403),
        404 => return (ErrorKind::NotFoundError, 404),
        408 => return (ErrorKind::Timeout, 408),
        429 => return (ErrorKind::RateLimitError, 429),
        502 => return (ErrorKind::BadGatewayError, 502),
        503 => return (ErrorKind::ServiceUnavailableError, 503),
        504 => return (ErrorKind::Timeout, 504),
        529 => return (ErrorKind::InternalServerError, 500),
        _ => {}
    }
    let code = facts.code.as_deref().unwrap_or("");
    match code {
        "context_length_exceeded" => return (ErrorKind::ContextWindowExceededError, 400),
        "content_policy_violation" | "content_filter" => {
            return (ErrorKind::ContentPolicyViolationError, 400)
        }
        "model_not_found" | "DeploymentNotFound" => return (ErrorKind::NotFoundError, 404),
        "insufficient_quota" | "rate_limit_exceeded" => return (ErrorKind::RateLimitError, 429),
        _ => {}
    }
    match facts.error_type.as_deref().unwrap_or("") {
        "rate_limit_error" => return (ErrorKind::RateLimitError, 429),
        "authentication_error" => return (ErrorKind::AuthenticationError, 401),
        "permission_error" => return (ErrorKind::PermissionDeniedError, 403),
        "not_found_error" => return (ErrorKind::NotFoundError, 404),
        "overloaded_error" => return (ErrorKind::InternalServerError, 500),
        _ => {}
    }
    let lower = raw_body.to_ascii_lowercase();
    if is_context_window_text(&lower) {
        return (ErrorKind::ContextWindowExceededError, 400);
    }
    if status != 500 && is_content_policy_text(&lower) {
        return (ErrorKind::ContentPolicyViolationError, 400);
    }
    match status {
        400 | 413 => (ErrorKind::BadRequestError, 400),
        422 => (ErrorKind::BadRequestError, 422),
        500 => (ErrorKind::InternalServerError, 500),
        s if (400..500).contains(&s) => (ErrorKind::BadRequestError, s),
        s => (ErrorKind::APIError, s),
    }
}

/// Parse `retry-after-ms` (milliseconds) or `retry-after` (seconds, possibly fractional).
/// HTTP-date values are ignored: providers send seconds.
pub fn retry_after_from_headers(headers: &[(String, String)]) -> Option<Duration> {
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    };
    // Values are clamped to a day: a provider's header must never overflow a timer (the retry
    // policy ignores waits this long anyway).
    let secs = |v: f64| Duration::from_secs_f64(v.min(86_400.0));
    if let Some(ms) = find("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(secs(ms / 1000.0));
        }
    }
    if let Some(s) = find("retry-after").and_then(|v| v.parse::<f64>().ok()) {
        if s.is_finite() && s >= 0.0 {
            return Some(secs(s));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(code: Option<&str>, etype: Option<&str>) -> ErrorFacts {
        ErrorFacts {
            message: String::new(),
            error_type: etype.map(str::to_string),
            code: code.map(str::to_string),
        }
    }

    #[test]
    fn status_table() {
        let none = ErrorFacts::default();
        let cases = [
            (400, ErrorKind::BadRequestError, 400),
            (401, ErrorKind::AuthenticationError, 401),
            (402, ErrorKind::PaymentRequiredError, 402),
            (403, ErrorKind::PermissionDeniedError, 403),
            (404, ErrorKind::NotFoundError, 404),
            (408, ErrorKind::Timeout, 408),
            (409, ErrorKind::BadRequestError, 409),
            (422, ErrorKind::BadRequestError, 422),
            (429, ErrorKind::RateLimitError, 429),
            (500, ErrorKind::InternalServerError, 500),
            (502, ErrorKind::BadGatewayError, 502),
            (503, ErrorKind::ServiceUnavailableError, 503),
            (504, ErrorKind::Timeout, 504),
            (529, ErrorKind::InternalServerError, 500),
            (507, ErrorKind::APIError, 507),
        ];
        for (status, kind, reported) in cases {
            assert_eq!(
                classify_status(status, &none, ""),
                (kind, reported),
                "{status}"
            );
        }
    }

    #[test]
    fn status_decides_then_code_then_text() {
        let f = facts(
            Some("context_length_exceeded"),
            Some("invalid_request_error"),
        );
        assert_eq!(
            classify_status(400, &f, "").0,
            ErrorKind::ContextWindowExceededError
        );
        let f = facts(Some("model_not_found"), None);
        assert_eq!(classify_status(400, &f, "").0, ErrorKind::NotFoundError);
        let none = ErrorFacts::default();
        let body = "prompt is too long: 208310 tokens > 200000 maximum";
        assert_eq!(
            classify_status(400, &none, body).0,
            ErrorKind::ContextWindowExceededError
        );
        let body = "Your request was rejected as a result of our safety system.";
        assert_eq!(
            classify_status(400, &none, body).0,
            ErrorKind::ContentPolicyViolationError
        );
        let f = facts(None, Some("overloaded_error"));
        assert_eq!(
            classify_status(529, &f, ""),
            (ErrorKind::InternalServerError, 500)
        );
        // A status with one meaning wins over what the body says.
        let f = facts(Some("invalid_request_error"), Some("invalid_request_error"));
        assert_eq!(classify_status(408, &f, "").0, ErrorKind::Timeout);
        let f = facts(Some("context_length_exceeded"), None);
        assert_eq!(classify_status(429, &f, "").0, ErrorKind::RateLimitError);
        // Without a status (an error inside a stream) the body decides.
        let f = facts(None, Some("overloaded_error"));
        assert_eq!(classify_status(0, &f, "").0, ErrorKind::InternalServerError);
    }

    #[test]
    fn user_too_long_is_not_context() {
        let body = "Invalid 'user': string too long. Expected a string with maximum length 256";
        assert!(!is_context_window_text(&body.to_ascii_lowercase()));
    }

    #[test]
    fn retry_after_parsing() {
        let h = vec![("Retry-After".to_string(), "2".to_string())];
        assert_eq!(retry_after_from_headers(&h), Some(Duration::from_secs(2)));
        let h = vec![
            ("retry-after".to_string(), "2".to_string()),
            ("retry-after-ms".to_string(), "150".to_string()),
        ];
        assert_eq!(
            retry_after_from_headers(&h),
            Some(Duration::from_millis(150))
        );
        let h = vec![("retry-after".to_string(), "Wed, 21 Oct 2015".to_string())];
        assert_eq!(retry_after_from_headers(&h), None);
    }
}
