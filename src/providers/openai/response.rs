//! Parse an OpenAI-shaped chat.completion body and normalise what hosts vary on.

use serde_json::Value;

use crate::error::{ErrorKind, LlmError, Result};

/// Host-specific finish reasons in OpenAI's vocabulary (litellm's map_finish_reason).
pub fn map_finish_reason(reason: &str) -> &str {
    match reason {
        "eos" | "eos_token" | "stop_sequence" | "end_turn" | "COMPLETE" | "STOP_SEQUENCE" => "stop",
        "model_length" | "max_tokens" | "MAX_TOKENS" => "length",
        "tool_use" | "TOOL_CALL" => "tool_calls",
        "content_filtered" | "refusal" => "content_filter",
        other => other,
    }
}

/// Normalise `finish_reason` in every choice, keeping the native value when it changes.
pub fn normalise_choices(choices: &mut Value) {
    let Some(arr) = choices.as_array_mut() else {
        return;
    };
    for c in arr {
        let Some(obj) = c.as_object_mut() else {
            continue;
        };
        let native = match obj.get("finish_reason") {
            Some(Value::String(s)) => s.clone(),
            _ => continue,
        };
        let mapped = map_finish_reason(&native);
        if mapped != native {
            obj.insert("finish_reason".into(), Value::String(mapped.to_string()));
        }
    }
}

/// A body or stream event that is not the JSON it should be, reported as `kind` (each
/// provider's litellm path reports it differently; see `Provider::malformed_body_kind`).
pub fn invalid_json(what: &str, e: impl std::fmt::Display, kind: ErrorKind) -> LlmError {
    LlmError::new(
        kind,
        format!("The provider returned {what} that is not valid JSON: {e}"),
    )
    .with_status(500)
}

/// A `chat.completion` body; malformed JSON is reported as `malformed`.
pub fn parse(body: &[u8], malformed: ErrorKind) -> Result<Value> {
    let mut v: Value =
        serde_json::from_slice(body).map_err(|e| invalid_json("a response", e, malformed))?;
    let Some(obj) = v.as_object_mut() else {
        return Err(invalid_json("a response", "not an object", malformed));
    };
    match obj.get_mut("choices") {
        Some(choices) if choices.is_array() => normalise_choices(choices),
        _ => {
            return Err(LlmError::new(
                ErrorKind::APIError,
                "The provider's response has no `choices` list",
            )
            .with_status(500))
        }
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_maps_finish_reasons() {
        let v = parse(br#"{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"eos"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#, ErrorKind::APIError).unwrap();
        assert_eq!(v["choices"][0]["finish_reason"], "stop");
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(
            parse(b"{not json", ErrorKind::InternalServerError)
                .unwrap_err()
                .kind,
            ErrorKind::InternalServerError
        );
        assert!(parse(b"{}", ErrorKind::APIError).is_err());
        assert!(parse(b"", ErrorKind::APIError).is_err());
    }
}
