//! Cohere's v2 chat API (`cohere/...` and `cohere_chat/...`, as litellm routes them): OpenAI chat
//! request -> `POST /v2/chat` (its parameter names: `p`, `num_generations`, `stop_sequences`),
//! and Cohere's replies, typed SSE events and `{"message": ...}` errors -> OpenAI shapes.

pub mod stream;

use serde_json::{json, Map, Value};

use crate::error::{classify_status, ErrorFacts, ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::http::sse::SseEvent;
use crate::providers::contract::{
    bearer, from_provider, json_post, raw_error_text, string_field_facts, Api, Credentials,
    EmbeddingRequest, KeySources, Provider, Request, StreamStep, StreamTranslator,
};
use crate::types::{ids, ChatRequest, ProviderChunk};

pub const DEFAULT_API_BASE: &str = "https://api.cohere.com/v2/chat";
const EMBED_URL: &str = "https://api.cohere.com/v1/embed";
const EMBEDDING_PARAMS: &[&str] = &["dimensions", "encoding_format"];

const SUPPORTED_PARAMS: &[&str] = &[
    "temperature",
    "max_tokens",
    "max_completion_tokens",
    "top_p",
    "frequency_penalty",
    "presence_penalty",
    "stop",
    "n",
    "tools",
    "tool_choice",
    "seed",
    "stream_options",
];

/// One of litellm's two names for Cohere's chat (they differ only in how errors are titled).
#[derive(Debug)]
pub struct Cohere {
    pub name: &'static str,
}

fn bad(msg: impl Into<String>) -> LlmError {
    LlmError::new(ErrorKind::BadRequestError, msg).with_status(400)
}

impl Provider for Cohere {
    fn name(&self) -> &'static str {
        self.name
    }

    fn key_sources(&self) -> KeySources {
        KeySources {
            generic_key_first: false,
            key_env: &["COHERE_API_KEY", "CO_API_KEY"],
            base_env: &["COHERE_API_BASE"],
            default_base: Some(DEFAULT_API_BASE),
            key_optional: false,
        }
    }

    fn default_max_retries(&self) -> u32 {
        0
    }

    fn supports_api(&self, api: Api) -> bool {
        matches!(api, Api::Chat | Api::Embeddings)
    }

    fn supported_params(&self, api: Api) -> Vec<&'static str> {
        match api {
            Api::Chat => SUPPORTED_PARAMS.to_vec(),
            Api::Embeddings => EMBEDDING_PARAMS.to_vec(),
        }
    }

    fn build_request(&self, req: &Request, creds: &Credentials) -> Result<HttpRequest> {
        match req {
            Request::Chat(r) => build_http(r, creds),
            Request::Embedding(r) => build_embed(r, creds),
        }
    }

    fn parse_response(&self, req: &Request, body: &[u8]) -> Result<Value> {
        match req {
            Request::Chat(r) => parse_response(r, body),
            Request::Embedding(r) => parse_embed(r, body),
        }
    }

    fn error_facts(&self, body: &str) -> ErrorFacts {
        string_field_facts(body, "message")
    }

    /// litellm maps Cohere's errors by status (an overflow is a bad request, a 503 a 500).
    fn classify(&self, status: u16, facts: &ErrorFacts, raw_body: &str) -> (ErrorKind, u16) {
        match (status, classify_status(status, facts, raw_body)) {
            (498, _) => (ErrorKind::AuthenticationError, 401),
            (503, _) => (ErrorKind::InternalServerError, 500),
            (_, (ErrorKind::ContextWindowExceededError, s)) => (ErrorKind::BadRequestError, s),
            (_, other) => other,
        }
    }

    fn exception_message(&self, e: &LlmError) -> String {
        if !from_provider(e) {
            return e.message.clone();
        }
        format!("{} - {}", self.exception_title(), raw_error_text(e))
    }

    fn empty_provider_fields_on_choices(&self) -> bool {
        false
    }

    fn stream_translator(&self, _req: &ChatRequest) -> Box<dyn StreamTranslator> {
        Box::new(Translator(stream::StreamState::default()))
    }
}

struct Translator(stream::StreamState);

impl StreamTranslator for Translator {
    fn on_event(&mut self, ev: &SseEvent) -> Result<StreamStep> {
        let (chunks, done) = self.0.on_event(ev)?;
        Ok(StreamStep {
            chunks: chunks.into_iter().map(ProviderChunk::from_value).collect(),
            done,
        })
    }
}

/// litellm posts to the base as given; a base without the endpoint's path gets it appended.
fn endpoint_url(base: &str, ends_with: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if base.ends_with(ends_with) {
        base.to_string()
    } else {
        format!("{base}{path}")
    }
}

fn http(url: String, body: &Value, creds: &Credentials) -> Result<HttpRequest> {
    let headers = vec![
        ("content-type".to_string(), "application/json".to_string()),
        ("accept".to_string(), "application/json".to_string()),
    ];
    json_post(url, body, headers, bearer(creds), creds)
}

fn build_http(req: &ChatRequest, creds: &Credentials) -> Result<HttpRequest> {
    let body = build_body(req)?;
    http(
        endpoint_url(&creds.api_base, "/chat", "/v2/chat"),
        &body,
        creds,
    )
}

/// `{"model", "texts", "input_type"}` (search_document unless the caller names one), the
/// dimensions as `output_dimension`, base64 as `embedding_types`.
fn build_embed(req: &EmbeddingRequest, creds: &Credentials) -> Result<HttpRequest> {
    let mut texts = Vec::with_capacity(req.input.len());
    for (i, t) in req.input.iter().enumerate() {
        match t {
            Value::String(_) => texts.push(t.clone()),
            _ => {
                return Err(bad(format!(
                    "input[{i}]: cohere embeds strings, not token ids"
                )))
            }
        }
    }
    let mut body = json!({
        "model": req.model,
        "texts": texts,
        "input_type": req.params.get("input_type").filter(|v| !v.is_null()).cloned()
            .unwrap_or_else(|| json!("search_document")),
    });
    if let Some(d) = req.params.get("dimensions").filter(|v| !v.is_null()) {
        body["output_dimension"] = d.clone();
    }
    match req.params.get("encoding_format").and_then(Value::as_str) {
        Some("base64") => body["embedding_types"] = json!(["base64"]),
        Some("float") | None => {}
        Some(other) => {
            return Err(bad(format!(
                "encoding_format {other:?}: use float or base64"
            )))
        }
    }
    for (k, v) in &req.extra_body {
        body[k] = v.clone();
    }
    // The embed endpoint has its own URL; a chat base is not reused for it.
    let base = if creds.api_base == DEFAULT_API_BASE {
        EMBED_URL
    } else {
        &creds.api_base
    };
    http(endpoint_url(base, "/embed", "/v1/embed"), &body, creds)
}

fn parse_embed(req: &EmbeddingRequest, raw: &[u8]) -> Result<Value> {
    let v: Value = serde_json::from_slice(raw).map_err(|e| {
        LlmError::new(ErrorKind::APIConnectionError, e.to_string()).with_status(500)
    })?;
    let wanted = if req.params.get("encoding_format").and_then(Value::as_str) == Some("base64") {
        "base64"
    } else {
        "float"
    };
    let vectors = match v.get("embeddings") {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Object(by_type)) => by_type
            .get(wanted)
            .or_else(|| by_type.get("float"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => {
            return Err(LlmError::new(
                ErrorKind::APIConnectionError,
                "Cohere's embed answer has no embeddings",
            )
            .with_status(500))
        }
    };
    let data: Vec<Value> = vectors
        .into_iter()
        .enumerate()
        .map(|(i, e)| json!({"object": "embedding", "index": i, "embedding": e}))
        .collect();
    let tokens = v
        .get("meta")
        .and_then(|m| m.get("billed_units"))
        .and_then(|b| b.get("input_tokens"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    Ok(json!({
        "model": req.model,
        "data": data,
        "object": "list",
        "usage": {
            "prompt_tokens": tokens,
            "total_tokens": tokens,
            "prompt_tokens_details": {"audio_tokens": null, "cached_tokens": null,
                "image_tokens": null, "text_tokens": tokens, "video_tokens": null,
                "initial_prompt_tokens": null},
        },
    }))
}

/// Messages keep OpenAI's shape with only the fields Cohere reads; parameters take Cohere's
/// names.
fn build_body(req: &ChatRequest) -> Result<Value> {
    let mut body = Map::new();
    body.insert("model".into(), json!(req.model));
    let messages: Vec<Value> = req.messages.iter().map(message).collect();
    body.insert("messages".into(), json!(messages));
    if req.stream {
        body.insert("stream".into(), json!(true));
    }
    if let Some(tools) = req
        .param("tools")
        .filter(|t| t.as_array().is_some_and(|a| !a.is_empty()))
    {
        body.insert("tools".into(), tools.clone());
    }
    match req.param("tool_choice") {
        Some(Value::String(s)) if s == "required" => {
            body.insert("tool_choice".into(), json!("REQUIRED"));
        }
        Some(Value::String(s)) if s == "none" => {
            body.insert("tool_choice".into(), json!("NONE"));
        }
        Some(Value::String(s)) if s == "auto" => {}
        Some(other) => {
            return Err(LlmError::new(
                ErrorKind::UnsupportedParamsError,
                format!("cohere takes tool_choice \"auto\", \"required\" or \"none\", not {other}"),
            )
            .with_status(400))
        }
        None => {}
    }
    for (openai, cohere) in [
        ("temperature", "temperature"),
        ("top_p", "p"),
        ("n", "num_generations"),
        ("presence_penalty", "presence_penalty"),
        ("frequency_penalty", "frequency_penalty"),
        ("seed", "seed"),
    ] {
        if let Some(v) = req.param(openai) {
            body.insert(cohere.into(), v.clone());
        }
    }
    match req.param("stop") {
        Some(Value::String(s)) => {
            body.insert("stop_sequences".into(), json!([s]));
        }
        Some(v @ Value::Array(_)) => {
            body.insert("stop_sequences".into(), v.clone());
        }
        _ => {}
    }
    if let Some(n) = req.max_output_tokens() {
        body.insert("max_tokens".into(), json!(n));
    }
    for (k, v) in &req.extra_body {
        body.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(body))
}

fn message(m: &Value) -> Value {
    let mut out = Map::new();
    for key in ["role", "content", "tool_call_id", "tool_plan"] {
        if let Some(v) = m.get(key).filter(|v| !v.is_null()) {
            out.insert(key.into(), v.clone());
        }
    }
    if let Some(calls) = m
        .get("tool_calls")
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty())
    {
        let calls: Vec<Value> = calls
            .iter()
            .map(|c| {
                let f = c.get("function").unwrap_or(&Value::Null);
                json!({"id": c.get("id"), "type": "function",
                       "function": {"name": f.get("name"), "arguments": f.get("arguments")}})
            })
            .collect();
        out.insert("tool_calls".into(), json!(calls));
    }
    Value::Object(out)
}

/// Cohere `finish_reason` -> OpenAI's.
pub fn map_finish_reason(reason: &str) -> &'static str {
    match reason {
        "MAX_TOKENS" => "length",
        "TOOL_CALL" => "tool_calls",
        _ => "stop",
    }
}

/// OpenAI usage from Cohere's: the tokens the model saw (not the billed units).
pub fn usage(u: Option<&Value>) -> Value {
    let n = |k: &str| {
        u.and_then(|u| u.get("tokens"))
            .and_then(|t| t.get(k))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    let (p, c) = (n("input_tokens"), n("output_tokens"));
    json!({"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c})
}

fn parse_response(req: &ChatRequest, raw: &[u8]) -> Result<Value> {
    let v: Value = serde_json::from_slice(raw).map_err(|e| {
        LlmError::new(ErrorKind::APIConnectionError, e.to_string()).with_status(500)
    })?;
    let msg = v.get("message").unwrap_or(&Value::Null);
    let text: String = msg
        .get("content")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("type").and_then(Value::as_str) == Some("text"))
        .filter_map(|c| c.get("text").and_then(Value::as_str))
        .collect();
    let calls: Vec<Value> = msg
        .get("tool_calls")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, c)| {
            let f = c.get("function").unwrap_or(&Value::Null);
            json!({"index": i, "function": {"arguments": f.get("arguments").cloned().unwrap_or(json!("{}")),
                   "name": f.get("name")}, "id": c.get("id"), "type": "function"})
        })
        .collect();
    let native = v
        .get("finish_reason")
        .and_then(Value::as_str)
        .unwrap_or("COMPLETE");
    Ok(json!({
        "id": ids::completion_id(),
        "created": ids::unix_now(),
        "model": req.model,
        "object": "chat.completion",
        "choices": [{
            "finish_reason": map_finish_reason(native),
            "index": 0,
            "message": {
                "content": if text.is_empty() { Value::Null } else { json!(text) },
                "role": "assistant",
                "tool_calls": if calls.is_empty() { Value::Null } else { json!(calls) },
                "function_call": null,
            },
        }],
        "usage": usage(v.get("usage")),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_and_reply() {
        let req = ChatRequest {
            model: "command-r".into(),
            messages: vec![
                json!({"role": "user", "content": "hi"}),
                json!({"role": "assistant", "content": null, "function_call": null,
                       "tool_calls": [{"id": "t1", "type": "function", "index": 0,
                                       "function": {"name": "f", "arguments": "{}"}}]}),
                json!({"role": "tool", "tool_call_id": "t1", "content": "ok", "name": "f"}),
            ],
            params: json!({"top_p": 0.5, "n": 1, "stop": "x", "max_tokens": 5, "tool_choice": "required"})
                .as_object()
                .cloned()
                .unwrap(),
            ..ChatRequest::default()
        };
        let b = build_body(&req).unwrap();
        assert_eq!(
            b["messages"][1],
            json!({"role": "assistant", "tool_calls": [
            {"id": "t1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]})
        );
        assert_eq!(
            b["messages"][2],
            json!({"role": "tool", "content": "ok", "tool_call_id": "t1"})
        );
        assert_eq!(
            (b["p"].clone(), b["num_generations"].clone()),
            (json!(0.5), json!(1))
        );
        assert_eq!(b["stop_sequences"], json!(["x"]));
        assert_eq!(b["tool_choice"], "REQUIRED");
        let v = parse_response(&req, br#"{"id":"c","finish_reason":"TOOL_CALL","message":{"role":"assistant",
            "tool_plan":"p","tool_calls":[{"id":"f_0","type":"function","function":{"name":"f","arguments":"{\"a\": 1}"}}]},
            "usage":{"billed_units":{"input_tokens":1,"output_tokens":2},"tokens":{"input_tokens":11,"output_tokens":2}}}"#).unwrap();
        let c = &v["choices"][0];
        assert_eq!(c["finish_reason"], "tool_calls");
        assert_eq!(c["message"]["tool_calls"][0]["id"], "f_0");
        assert_eq!(v["usage"]["prompt_tokens"], 11);
    }
}
