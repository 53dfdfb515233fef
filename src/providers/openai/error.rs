//! Read the facts out of an OpenAI-style error body (and the variants compatible hosts send).

use serde_json::Value;

use crate::error::ErrorFacts;

fn as_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// What the OpenAI SDK reads from an error body: a body that is not JSON has no message (the
/// SDK then says "Error code: <status>").
pub fn sdk_error_facts(text: &str) -> ErrorFacts {
    if serde_json::from_str::<Value>(text).is_err() {
        return ErrorFacts::default();
    }
    error_facts(text)
}

/// `{"error":{"message","type","code"}}`, `{"error":"text"}`, `{"message":..}` (Mistral, vLLM),
/// FastAPI `{"detail":..}`, or plain text / HTML.
pub fn error_facts(text: &str) -> ErrorFacts {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return ErrorFacts {
            message: text.trim().chars().take(2000).collect(),
            ..Default::default()
        };
    };
    let err = v.get("error").unwrap_or(&v);
    match err {
        Value::String(s) => ErrorFacts {
            message: s.clone(),
            ..Default::default()
        },
        Value::Object(o) => {
            let message = as_text(o.get("message"))
                .or_else(|| as_text(o.get("detail")))
                .unwrap_or_else(|| text.to_string());
            // Azure nests the real code in innererror / inner_error.
            let inner_code = o
                .get("innererror")
                .or_else(|| o.get("inner_error"))
                .and_then(|i| as_text(i.get("code")));
            let code = as_text(o.get("code"));
            let code = match (code.as_deref(), inner_code.as_deref()) {
                (_, Some("ResponsibleAIPolicyViolation")) => Some("content_filter".to_string()),
                _ => code,
            };
            ErrorFacts {
                message,
                error_type: as_text(o.get("type")),
                code,
            }
        }
        _ => ErrorFacts {
            message: text.to_string(),
            ..Default::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes() {
        let f = error_facts(
            r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#,
        );
        assert_eq!(f.message, "Incorrect API key provided");
        assert_eq!(f.code.as_deref(), Some("invalid_api_key"));
        let f = error_facts(
            r#"{"object":"error","message":"bad","type":"BadRequestError","code":400}"#,
        );
        assert_eq!(f.message, "bad");
        assert_eq!(f.code.as_deref(), Some("400"));
        let f = error_facts(r#"{"detail":[{"msg":"field required"}]}"#);
        assert!(f.message.contains("field required"));
        let f = error_facts("<html>Bad gateway</html>");
        assert_eq!(f.message, "<html>Bad gateway</html>");
        let f = error_facts(
            r#"{"error":{"message":"filtered","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation"}}}"#,
        );
        assert_eq!(f.code.as_deref(), Some("content_filter"));
    }
}
