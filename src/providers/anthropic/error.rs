//! Read Anthropic error bodies (`{"type":"error","error":{"type","message"}}`) into
//! provider-neutral facts, and turn errors sent inside a 200 response or stream into
//! `LlmError`s. Classification itself is `crate::error::classify_status`.

use serde_json::Value;

use crate::error::{ErrorFacts, ErrorKind, LlmError};

pub fn error_facts(text: &str) -> ErrorFacts {
    let trimmed = text.trim();
    let parsed = serde_json::from_str::<Value>(trimmed).ok();
    match parsed.as_ref().and_then(|v| v.get("error")) {
        Some(Value::Object(err)) => {
            let message = match err.get("message") {
                Some(Value::String(s)) => s.clone(),
                Some(v) if !v.is_null() => v.to_string(),
                _ => trimmed.to_string(),
            };
            ErrorFacts {
                message,
                error_type: err.get("type").and_then(Value::as_str).map(str::to_string),
                code: err.get("code").and_then(Value::as_str).map(str::to_string),
            }
        }
        // Gateways in front of Anthropic, plain text and HTML: the generic reader copes.
        _ => crate::providers::openai::error::error_facts(trimmed),
    }
}

/// An error delivered after the HTTP status was already 200 (a stream `error` event, or an
/// error object as a response body): classified with no status, as the OpenAI stream does.
pub fn error_in_body(data: &str) -> LlmError {
    let facts = error_facts(data);
    let (kind, status) = crate::error::classify_status(0, &facts, data);
    let kind = match kind {
        // "Unknown status" classifies as APIError; after a 200 that means the provider failed.
        ErrorKind::APIError => ErrorKind::InternalServerError,
        k => k,
    };
    let status = if status == 0 { 500 } else { status };
    let message = if facts.message.is_empty() {
        "anthropic sent an error without a message".to_string()
    } else {
        facts.message
    };
    let mut e = LlmError::new(kind, message).with_status(status);
    e.body = Some(data.as_bytes().to_vec());
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::error_from_response;

    fn body(etype: &str, message: &str) -> String {
        serde_json::json!({"type": "error", "error": {"type": etype, "message": message},
                           "request_id": "req_011"})
        .to_string()
    }

    #[test]
    fn facts_from_bodies() {
        let f = error_facts(&body(
            "rate_limit_error",
            "Number of requests has exceeded your rate limit",
        ));
        assert_eq!(f.message, "Number of requests has exceeded your rate limit");
        assert_eq!(f.error_type.as_deref(), Some("rate_limit_error"));
        assert_eq!(f.code, None);
        let f = error_facts("<html><body>502 Bad Gateway</body></html>\n");
        assert_eq!(f.message, "<html><body>502 Bad Gateway</body></html>");
        assert_eq!(f.error_type, None);
        let f = error_facts("upstream connect error");
        assert_eq!(f.message, "upstream connect error");
        let f = error_facts(r#"{"error":{"type":"api_error"}}"#);
        assert_eq!(f.message, r#"{"error":{"type":"api_error"}}"#);
        let f = error_facts(r#"{"detail":"Not authenticated"}"#);
        assert_eq!(f.message, "Not authenticated");
        assert_eq!(error_facts("").message, "");
    }

    #[test]
    fn anthropic_statuses_map_like_litellm() {
        let cases = [
            (
                400,
                "invalid_request_error",
                "max_tokens: Field required",
                ErrorKind::BadRequestError,
                400,
            ),
            (
                400,
                "invalid_request_error",
                "prompt is too long: 208310 tokens > 200000 maximum",
                ErrorKind::ContextWindowExceededError,
                400,
            ),
            (
                401,
                "authentication_error",
                "invalid x-api-key",
                ErrorKind::AuthenticationError,
                401,
            ),
            (
                402,
                "billing_error",
                "Your credit balance is too low",
                ErrorKind::PaymentRequiredError,
                402,
            ),
            (
                403,
                "permission_error",
                "Your API key does not have permission",
                ErrorKind::PermissionDeniedError,
                403,
            ),
            (
                404,
                "not_found_error",
                "model: claude-nope",
                ErrorKind::NotFoundError,
                404,
            ),
            (
                413,
                "request_too_large",
                "Request exceeds the maximum allowed number of bytes.",
                ErrorKind::BadRequestError,
                400,
            ),
            (
                429,
                "rate_limit_error",
                "rate limited",
                ErrorKind::RateLimitError,
                429,
            ),
            (
                500,
                "api_error",
                "Internal server error",
                ErrorKind::InternalServerError,
                500,
            ),
            (
                504,
                "timeout_error",
                "Request timed out",
                ErrorKind::Timeout,
                504,
            ),
            (
                529,
                "overloaded_error",
                "Overloaded",
                ErrorKind::InternalServerError,
                500,
            ),
        ];
        for (status, etype, message, kind, reported) in cases {
            let text = body(etype, message);
            let e = error_from_response(&super::super::Anthropic, status, &[], text.as_bytes());
            assert_eq!((e.kind, e.status), (kind, reported), "{status} {etype}");
            assert_eq!(e.upstream_status, status);
            assert_eq!(e.message, message);
            assert_eq!(e.body.as_deref(), Some(text.as_bytes()));
        }
        let e = error_from_response(
            &super::super::Anthropic,
            529,
            &[],
            b"<html>overloaded</html>",
        );
        assert_eq!((e.kind, e.status), (ErrorKind::InternalServerError, 500));
    }

    #[test]
    fn errors_inside_a_200() {
        let e = error_in_body(&body("overloaded_error", "Overloaded"));
        assert_eq!((e.kind, e.status), (ErrorKind::InternalServerError, 500));
        let e = error_in_body("");
        assert_eq!(e.kind, ErrorKind::InternalServerError);
        assert!(!e.message.is_empty());
        let e = error_in_body(&body("permission_error", "no"));
        assert_eq!((e.kind, e.status), (ErrorKind::PermissionDeniedError, 403));
    }
}
