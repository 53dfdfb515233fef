//! Build the chat-completions HTTP request for OpenAI and the compatible hosts (with the
//! host's quirks from the table in `openai_compat`).

use bytes::Bytes;
use reqwest::Method;
use serde_json::{Map, Value};

use crate::error::{LlmError, Result};
use crate::http::client::HttpRequest;
use crate::providers::contract::Credentials;
use crate::providers::openai_compat::CompatHost;
use crate::types::ChatRequest;

/// Reasoning models take `max_completion_tokens` only.
fn is_reasoning_model(model: &str) -> bool {
    let m = model.rsplit('/').next().unwrap_or(model);
    m.starts_with("o1") || m.starts_with("o3") || m.starts_with("o4") || m.starts_with("gpt-5")
}

/// The JSON body: model, messages, parameters in call order, stream flags, then extra_body.
pub fn body(req: &ChatRequest, host: Option<&CompatHost>) -> Result<Vec<u8>> {
    let mut m = Map::with_capacity(req.params.len() + 4);
    let model = match host.and_then(|h| h.quirks.model_prefix) {
        Some(prefix) if !req.model.contains('/') => format!("{prefix}{}", req.model),
        _ => req.model.clone(),
    };
    m.insert("model".into(), Value::String(model));
    m.insert(
        "messages".into(),
        Value::Array(req.messages.iter().map(wire_message).collect()),
    );
    for (k, v) in &req.params {
        let mut key = k.as_str();
        let mut value = v.clone();
        match (key, host) {
            ("max_completion_tokens", Some(h)) if h.quirks.max_tokens_only => key = "max_tokens",
            ("max_tokens", None) if is_reasoning_model(&req.model) => key = "max_completion_tokens",
            ("seed", Some(h)) if h.quirks.seed_is_random_seed => key = "random_seed",
            ("tool_choice", Some(h))
                if h.quirks.required_tool_choice_is_any && value == "required" =>
            {
                value = Value::String("any".into())
            }
            _ => {}
        }
        m.insert(key.to_string(), value);
    }
    if req.stream {
        m.insert("stream".into(), Value::Bool(true));
    } else {
        m.shift_remove("stream_options");
    }
    for (k, v) in &req.extra_body {
        m.insert(k.clone(), v.clone());
    }
    serde_json::to_vec(&Value::Object(m))
        .map_err(|e| LlmError::bad_request(format!("Cannot serialise the request: {e}")))
}

/// Keys ferrolite's own response objects carry that are not part of a request message; strict
/// hosts (Groq, Fireworks) reject them, and DeepSeek forbids sending reasoning back.
const RESPONSE_ONLY_KEYS: &[&str] = &[
    "provider_specific_fields",
    "reasoning_content",
    "thinking_blocks",
    "reasoning_items",
    "annotations",
    "images",
];

/// A message as it goes on the wire: response-only keys and null optionals removed.
fn wire_message(msg: &Value) -> Value {
    let Some(obj) = msg.as_object() else {
        return msg.clone();
    };
    let needs_cleaning = obj
        .iter()
        .any(|(k, v)| RESPONSE_ONLY_KEYS.contains(&k.as_str()) || (v.is_null() && k != "content"));
    if !needs_cleaning {
        return msg.clone();
    }
    Value::Object(
        obj.iter()
            .filter(|(k, v)| {
                !RESPONSE_ONLY_KEYS.contains(&k.as_str()) && (!v.is_null() || *k == "content")
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// Join a base URL and a path without doubling or dropping the slash.
pub fn join_url(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    format!("{base}/{}", path.trim_start_matches('/'))
}

pub fn json_headers(extra: usize) -> Vec<(String, String)> {
    let mut h = Vec::with_capacity(4 + extra);
    h.push(("content-type".into(), "application/json".into()));
    h.push(("accept".into(), "application/json".into()));
    h
}

/// JSON headers plus the bearer key (a placeholder for self-hosted servers that need none),
/// the OpenAI organization, then the caller's headers.
pub fn bearer_headers(creds: &Credentials, host: Option<&CompatHost>) -> Vec<(String, String)> {
    let mut headers = json_headers(creds.extra_headers.len());
    let key = creds.api_key.as_deref().or_else(|| {
        host.filter(|h| h.quirks.key_optional)
            .map(|_| "fake-api-key")
    });
    if let Some(k) = key {
        headers.push(("authorization".into(), format!("Bearer {k}")));
    }
    if let Some(org) = &creds.organization {
        headers.push(("openai-organization".into(), org.clone()));
    }
    headers.extend(creds.extra_headers.iter().cloned());
    headers
}

pub fn build(
    req: &ChatRequest,
    creds: &Credentials,
    host: Option<&CompatHost>,
) -> Result<HttpRequest> {
    Ok(HttpRequest {
        method: Method::POST,
        url: join_url(&creds.api_base, "chat/completions"),
        headers: bearer_headers(creds, host),
        body: Bytes::from(body(req, host)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::openai_compat::host;
    use serde_json::json;

    fn req() -> ChatRequest {
        let mut r = ChatRequest {
            model: "gpt-4o".into(),
            messages: vec![json!({"role": "user", "content": "hi"})],
            ..Default::default()
        };
        r.params.insert("temperature".into(), json!(0.2));
        r.params.insert("max_completion_tokens".into(), json!(5));
        r.params
            .insert("stream_options".into(), json!({"include_usage": true}));
        r
    }

    #[test]
    fn openai_body_keeps_params_and_drops_stream_options_without_stream() {
        let b: Value = serde_json::from_slice(&body(&req(), None).unwrap()).unwrap();
        assert_eq!(b["model"], "gpt-4o");
        assert_eq!(b["temperature"], 0.2);
        assert_eq!(b["max_completion_tokens"], 5);
        assert!(b.get("stream_options").is_none());
        assert!(b.get("stream").is_none());
    }

    #[test]
    fn stream_and_extra_body() {
        let mut r = req();
        r.stream = true;
        r.extra_body.insert("top_k".into(), json!(4));
        let b: Value = serde_json::from_slice(&body(&r, None).unwrap()).unwrap();
        assert_eq!(b["stream"], true);
        assert_eq!(b["stream_options"]["include_usage"], true);
        assert_eq!(b["top_k"], 4);
    }

    #[test]
    fn host_quirks() {
        let mut r = req();
        r.model = "mistral-large-latest".into();
        r.params.insert("seed".into(), json!(7));
        r.params.insert("tool_choice".into(), json!("required"));
        let b: Value = serde_json::from_slice(&body(&r, host("mistral")).unwrap()).unwrap();
        assert_eq!(b["random_seed"], 7);
        assert_eq!(b["tool_choice"], "any");
        assert_eq!(b["max_tokens"], 5);
        assert!(b.get("max_completion_tokens").is_none());
        r.model = "llama-v3-70b".into();
        let b: Value = serde_json::from_slice(&body(&r, host("fireworks_ai")).unwrap()).unwrap();
        assert_eq!(b["model"], "accounts/fireworks/models/llama-v3-70b");
    }

    #[test]
    fn reasoning_models_get_max_completion_tokens() {
        let mut r = req();
        r.model = "o3-mini".into();
        r.params.shift_remove("max_completion_tokens");
        r.params.insert("max_tokens".into(), json!(9));
        let b: Value = serde_json::from_slice(&body(&r, None).unwrap()).unwrap();
        assert_eq!(b["max_completion_tokens"], 9);
    }

    #[test]
    fn response_objects_sent_back_lose_response_only_keys() {
        let mut r = req();
        r.messages.push(json!({"content": null, "role": "assistant", "tool_calls": [{"id": "c"}],
            "function_call": null, "refusal": null, "annotations": [], "provider_specific_fields": null,
            "reasoning_content": "hmm"}));
        let b: Value = serde_json::from_slice(&body(&r, None).unwrap()).unwrap();
        assert_eq!(
            b["messages"][1],
            json!({"content": null, "role": "assistant", "tool_calls": [{"id": "c"}]})
        );
    }

    #[test]
    fn url_and_headers() {
        let ep = Credentials {
            api_base: "https://api.openai.com/v1/".into(),
            api_key: Some("sk-1".into()),
            organization: Some("org-1".into()),
            extra_headers: vec![("x-extra".into(), "1".into())],
            ..Default::default()
        };
        let h = build(&req(), &ep, None).unwrap();
        assert_eq!(h.url, "https://api.openai.com/v1/chat/completions");
        assert!(h
            .headers
            .contains(&("authorization".into(), "Bearer sk-1".into())));
        assert!(h
            .headers
            .contains(&("openai-organization".into(), "org-1".into())));
        assert_eq!(h.headers.last().unwrap().0, "x-extra");
        let vllm = Credentials {
            api_base: "http://127.0.0.1:8000/v1".into(),
            ..Default::default()
        };
        let h = build(&req(), &vllm, host("hosted_vllm")).unwrap();
        assert!(h
            .headers
            .contains(&("authorization".into(), "Bearer fake-api-key".into())));
    }
}
