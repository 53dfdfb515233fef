//! Ollama's native chat API (`ollama_chat/...` -> `POST {base}/api/chat`): OpenAI chat request
//! -> Ollama's body (options, format, images as raw base64, tool arguments as objects), and
//! Ollama's replies and NDJSON stream lines -> OpenAI shapes, as litellm 1.109.1 maps them.

pub mod request;
pub mod stream;

use serde_json::{json, Value};

use crate::error::{classify_status, ErrorFacts, ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::http::sse::SseEvent;
use crate::providers::contract::{
    from_provider, raw_error_text, string_field_facts, unsupported_api, Api, Credentials, Framing,
    KeySources, Provider, Request, StreamStep, StreamTranslator,
};
use crate::types::{ids, pyrepr, ChatRequest, ProviderChunk};

pub const DEFAULT_API_BASE: &str = "http://localhost:11434";

/// Ollama through its native `/api/chat`.
#[derive(Debug)]
pub struct OllamaChat;

impl Provider for OllamaChat {
    fn name(&self) -> &'static str {
        "ollama_chat"
    }

    fn key_sources(&self) -> KeySources {
        KeySources {
            generic_key_first: false,
            key_env: &["OLLAMA_API_KEY"],
            base_env: &["OLLAMA_API_BASE"],
            default_base: Some(DEFAULT_API_BASE),
            // A local server takes no key; ollama.com takes a bearer token.
            key_optional: true,
        }
    }

    fn default_max_retries(&self) -> u32 {
        0
    }

    fn supported_params(&self, api: Api) -> Vec<&'static str> {
        match api {
            Api::Chat => request::SUPPORTED_PARAMS.to_vec(),
            Api::Embeddings => Vec::new(),
        }
    }

    fn build_request(&self, req: &Request, creds: &Credentials) -> Result<HttpRequest> {
        match req {
            Request::Chat(r) => request::build_http(r, creds),
            other => Err(unsupported_api(self, other.api())),
        }
    }

    fn parse_response(&self, req: &Request, body: &[u8]) -> Result<Value> {
        match req {
            Request::Chat(r) => parse_response(r, body),
            other => Err(unsupported_api(self, other.api())),
        }
    }

    fn error_facts(&self, body: &str) -> ErrorFacts {
        string_field_facts(body, "error")
    }

    /// litellm maps Ollama's errors by status alone (a context overflow is a bad request).
    fn classify(&self, status: u16, facts: &ErrorFacts, raw_body: &str) -> (ErrorKind, u16) {
        match classify_status(status, facts, raw_body) {
            (ErrorKind::ContextWindowExceededError, s) => (ErrorKind::BadRequestError, s),
            other => other,
        }
    }

    /// "Ollama_chatException - <body>" for every class.
    fn exception_message(&self, e: &LlmError) -> String {
        if !from_provider(e) {
            return e.message.clone();
        }
        let raw = raw_error_text(e);
        format!("{} - {raw}", self.exception_title())
    }

    fn framing(&self) -> Framing {
        Framing::Ndjson
    }

    fn stream_translator(&self, _req: &ChatRequest) -> Box<dyn StreamTranslator> {
        Box::new(Translator(stream::StreamState::default()))
    }

    fn empty_provider_fields_on_choices(&self) -> bool {
        false
    }

    /// litellm reports the model with its `ollama_chat/` prefix.
    fn response_model(&self, provider_model: &str) -> String {
        format!("ollama_chat/{provider_model}")
    }
}

struct Translator(stream::StreamState);

impl StreamTranslator for Translator {
    fn on_event(&mut self, ev: &SseEvent) -> Result<StreamStep> {
        let (chunks, done) = self.0.on_line(&ev.data)?;
        Ok(StreamStep {
            chunks: chunks.into_iter().map(ProviderChunk::from_value).collect(),
            done,
        })
    }
}

/// Ollama `done_reason` -> OpenAI `finish_reason`.
pub fn map_done_reason(reason: &str) -> &'static str {
    match reason {
        "length" => "length",
        _ => "stop",
    }
}

/// Ollama's tool calls (arguments as objects) as OpenAI's (arguments as JSON text, ids minted
/// when Ollama gives none); `index` numbers them when `indexed` (stream deltas).
pub fn tool_calls(calls: &[Value], first_index: u64, indexed: bool) -> Vec<Value> {
    calls
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let f = c.get("function").unwrap_or(&Value::Null);
            let args = match f.get("arguments") {
                Some(Value::String(s)) => s.clone(),
                Some(v) => pyrepr::json_dumps(v),
                None => "{}".into(),
            };
            let id = c
                .get("id")
                .and_then(Value::as_str)
                .map_or_else(ids::uuid4, str::to_string);
            let mut out = json!({
                "id": id,
                "function": {"arguments": args, "name": f.get("name").cloned().unwrap_or(Value::Null)},
                "type": "function",
            });
            if indexed {
                out["index"] = json!(first_index + i as u64);
            }
            out
        })
        .collect()
}

pub fn usage(v: &Value) -> Value {
    let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    let (p, c) = (n("prompt_eval_count"), n("eval_count"));
    json!({"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c})
}

fn parse_response(req: &ChatRequest, raw: &[u8]) -> Result<Value> {
    let v: Value = serde_json::from_slice(raw).map_err(|e| {
        LlmError::new(ErrorKind::APIConnectionError, e.to_string()).with_status(500)
    })?;
    let msg = v.get("message").ok_or_else(|| {
        LlmError::new(
            ErrorKind::APIConnectionError,
            format!("Got unexpected response from Ollama (no message): {v}"),
        )
        .with_status(500)
    })?;
    let calls = msg
        .get("tool_calls")
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty());
    let finish = match calls {
        Some(_) => "tool_calls",
        None => map_done_reason(
            v.get("done_reason")
                .and_then(Value::as_str)
                .unwrap_or("stop"),
        ),
    };
    let mut message = json!({
        "content": msg.get("content").and_then(Value::as_str).unwrap_or(""),
        "role": "assistant",
        "tool_calls": calls.map_or(Value::Null, |c| json!(tool_calls(c, 0, false))),
        "function_call": null,
    });
    if let Some(t) = msg
        .get("thinking")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    {
        message["reasoning_content"] = json!(t);
    }
    Ok(json!({
        "id": ids::completion_id(),
        "created": ids::unix_now(),
        "model": v.get("model").and_then(Value::as_str).unwrap_or(&req.model),
        "object": "chat.completion",
        "choices": [{"finish_reason": finish, "index": 0, "message": message}],
        "usage": usage(&v),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_with_tools_and_thinking() {
        let req = ChatRequest {
            model: "llama3.2".into(),
            ..ChatRequest::default()
        };
        let v = parse_response(
            &req,
            br#"{"model":"llama3.2","message":{"role":"assistant","content":"","thinking":"hm",
                "tool_calls":[{"function":{"name":"f","arguments":{"city":"Paris"}}}]},
                "done":true,"done_reason":"stop","prompt_eval_count":4,"eval_count":3}"#,
        )
        .unwrap();
        let m = &v["choices"][0]["message"];
        assert_eq!(v["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(m["content"], "");
        assert_eq!(m["reasoning_content"], "hm");
        assert_eq!(
            m["tool_calls"][0]["function"]["arguments"],
            "{\"city\": \"Paris\"}"
        );
        assert_eq!(v["usage"]["total_tokens"], 7);
        let e = parse_response(&req, b"{\"model\":").unwrap_err();
        assert_eq!(e.kind, ErrorKind::APIConnectionError);
    }
}
