//! Gemini's Google RPC error envelope (`{"error":{"code","message","status","details"}}`) and
//! litellm 1.109.1's mapping of it, which reads the body text before the status: a 400 "API key
//! not valid." is an AuthenticationError, a 403 a BadRequestError, "The model is overloaded."
//! an InternalServerError.

use serde_json::Value;

use crate::error::{classify_status, ErrorFacts, ErrorKind, LlmError};

pub fn error_facts(text: &str) -> ErrorFacts {
    let trimmed = text.trim();
    let parsed = serde_json::from_str::<Value>(trimmed).ok();
    match parsed
        .as_ref()
        .and_then(|v| v.get("error"))
        .filter(|e| e.is_object())
    {
        Some(err) => ErrorFacts {
            message: err
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or(trimmed)
                .to_string(),
            error_type: err
                .get("status")
                .and_then(Value::as_str)
                .map(str::to_string),
            code: err.get("code").map(|c| match c {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
        },
        None => crate::providers::openai::error::error_facts(trimmed),
    }
}

/// litellm's class and reported status for a Gemini error (its Vertex/Gemini mapping: text
/// patterns first, then the status).
pub fn classify(status: u16, facts: &ErrorFacts, raw: &str) -> (ErrorKind, u16) {
    let has = |s: &str| raw.contains(s);
    if has("400 Request payload size exceeds")
        || has("exceeds the maximum number of tokens allowed")
    {
        return (ErrorKind::ContextWindowExceededError, 400);
    }
    if has("API key not valid.") {
        return (ErrorKind::AuthenticationError, 401);
    }
    let body_code = facts.code.as_deref().and_then(|c| c.parse::<u16>().ok());
    if status == 403 && body_code.is_none_or(|c| c == 403) {
        // litellm reports Gemini's permission errors as bad requests (keeping the 403).
        return (ErrorKind::BadRequestError, 403);
    }
    if has("The response was blocked.") {
        return (ErrorKind::ContentPolicyViolationError, 400);
    }
    if has("429 Quota exceeded") || has("Quota exceeded for") || has("Resource exhausted") {
        return (ErrorKind::RateLimitError, 429);
    }
    if status >= 500 && body_code == Some(429) {
        return (ErrorKind::RateLimitError, 429);
    }
    if has("500 Internal Server Error") || has("The model is overloaded.") {
        return (ErrorKind::InternalServerError, 500);
    }
    match status {
        0 => {
            // An error inside a stream carries its code in the body.
            let (kind, s) = classify_status(body_code.unwrap_or(500), facts, raw);
            (kind, s)
        }
        502 => (ErrorKind::APIConnectionError, 500),
        _ => classify_status(status, facts, raw),
    }
}

/// An `{"error": ...}` event inside a stream: classified by its code, worded
/// "<STATUS> - <message>" as litellm words it.
pub fn error_in_stream(data: &str) -> LlmError {
    let facts = error_facts(data);
    let (kind, status) = classify(0, &facts, data);
    let message = match &facts.error_type {
        Some(s) => format!("{s} - {}", facts.message),
        None => facts.message.clone(),
    };
    LlmError::new(kind, message).with_status(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: u16, status: &str, message: &str) -> String {
        serde_json::json!({"error": {"code": code, "message": message, "status": status}})
            .to_string()
    }

    #[test]
    fn litellm_classes() {
        for (status, canonical, message, kind, reported) in [
            (
                400,
                "INVALID_ARGUMENT",
                "Request contains an invalid argument.",
                ErrorKind::BadRequestError,
                400,
            ),
            (
                400,
                "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key.",
                ErrorKind::AuthenticationError,
                401,
            ),
            (
                400,
                "INVALID_ARGUMENT",
                "The input token count (5) exceeds the maximum number of tokens allowed (4).",
                ErrorKind::ContextWindowExceededError,
                400,
            ),
            (
                401,
                "UNAUTHENTICATED",
                "x",
                ErrorKind::AuthenticationError,
                401,
            ),
            (
                403,
                "PERMISSION_DENIED",
                "The caller does not have permission",
                ErrorKind::BadRequestError,
                403,
            ),
            (
                404,
                "NOT_FOUND",
                "models/x is not found",
                ErrorKind::NotFoundError,
                404,
            ),
            (
                429,
                "RESOURCE_EXHAUSTED",
                "You exceeded your current quota",
                ErrorKind::RateLimitError,
                429,
            ),
            (
                500,
                "INTERNAL",
                "An internal error has occurred.",
                ErrorKind::InternalServerError,
                500,
            ),
            (
                503,
                "UNAVAILABLE",
                "The model is overloaded. Please try again later.",
                ErrorKind::InternalServerError,
                500,
            ),
            (
                503,
                "UNAVAILABLE",
                "Service unavailable",
                ErrorKind::ServiceUnavailableError,
                503,
            ),
        ] {
            let raw = body(status, canonical, message);
            assert_eq!(
                classify(status, &error_facts(&raw), &raw),
                (kind, reported),
                "{raw}"
            );
        }
    }

    #[test]
    fn stream_errors_are_worded_with_their_status() {
        let e = error_in_stream(&body(
            503,
            "UNAVAILABLE",
            "The model is overloaded. Please try again later.",
        ));
        assert_eq!((e.kind, e.status), (ErrorKind::InternalServerError, 500));
        assert_eq!(
            e.message,
            "UNAVAILABLE - The model is overloaded. Please try again later."
        );
    }
}
