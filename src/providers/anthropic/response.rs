//! Anthropic Messages response body -> OpenAI `chat.completion` object (content, tool calls,
//! thinking, JSON-mode unwrap, finish reason, usage with cache counts). Also the helpers the
//! stream translator shares: usage and Python-style JSON text. Does not classify HTTP errors (see error.rs).

use std::io;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::{map_stop_reason, request::json_mode, JSON_TOOL_NAME};
use crate::error::{ErrorKind, LlmError, Result};
use crate::providers::openai::response::invalid_json;
use crate::types::{ids, ChatRequest};

/// Serialise like Python's `json.dumps` (", " and ": " separators, non-ASCII as `\uXXXX`),
/// which is how litellm renders tool arguments and JSON-mode content for Anthropic.
pub fn python_json(v: &Value) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PyFormatter);
    match v.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| v.to_string()),
        Err(_) => v.to_string(),
    }
}

struct PyFormatter;

impl serde_json::ser::Formatter for PyFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, ch) in fragment.char_indices() {
            if ch.is_ascii() {
                continue;
            }
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for u in ch.encode_utf16(&mut units) {
                write!(w, "\\u{u:04x}")?;
            }
            start = i + ch.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

/// Anthropic's token counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NativeUsage {
    pub input: u64,
    pub output: u64,
    pub cache_creation: u64,
    pub cache_read: u64,
    pub server_tool_use: Option<Value>,
    /// `cache_creation` (per-TTL write counts), passed on as litellm does.
    pub cache_creation_detail: Option<Value>,
    pub service_tier: Option<Value>,
}

impl NativeUsage {
    /// Read the counts present in an Anthropic `usage` object, keeping the others.
    pub fn update(&mut self, usage: &Value) {
        let n = |k: &str| usage.get(k).and_then(Value::as_u64);
        if let Some(v) = n("input_tokens") {
            self.input = v;
        }
        if let Some(v) = n("output_tokens") {
            self.output = v;
        }
        if let Some(v) = n("cache_creation_input_tokens") {
            self.cache_creation = v;
        }
        if let Some(v) = n("cache_read_input_tokens") {
            self.cache_read = v;
        }
        if let Some(s) = usage.get("server_tool_use").filter(|s| s.is_object()) {
            self.server_tool_use = Some(s.clone());
        }
        if let Some(c) = usage.get("cache_creation").filter(|c| c.is_object()) {
            self.cache_creation_detail = Some(c.clone());
        }
        if let Some(t) = usage.get("service_tier").filter(|t| !t.is_null()) {
            self.service_tier = Some(t.clone());
        }
    }

    /// OpenAI usage: prompt = input + cache writes + cache reads (input excludes the cache).
    pub fn to_openai(&self) -> Value {
        let prompt = self
            .input
            .saturating_add(self.cache_creation)
            .saturating_add(self.cache_read);
        let mut m = Map::new();
        m.insert("prompt_tokens".into(), prompt.into());
        m.insert("completion_tokens".into(), self.output.into());
        m.insert(
            "total_tokens".into(),
            prompt.saturating_add(self.output).into(),
        );
        // litellm's details: text tokens are the uncached input; writes appear under both of
        // litellm's names; the per-TTL breakdown rides along.
        let mut details = json!({
            "cached_tokens": self.cache_read,
            "cache_write_tokens": self.cache_creation,
            "text_tokens": self.input,
            "cache_creation_tokens": self.cache_creation,
        });
        if let (Some(d), Some(obj)) = (&self.cache_creation_detail, details.as_object_mut()) {
            obj.insert("cache_creation_token_details".into(), d.clone());
        }
        m.insert("prompt_tokens_details".into(), details);
        m.insert(
            "completion_tokens_details".into(),
            json!({"reasoning_tokens": 0, "text_tokens": self.output}),
        );
        m.insert(
            "cache_creation_input_tokens".into(),
            self.cache_creation.into(),
        );
        m.insert("cache_read_input_tokens".into(), self.cache_read.into());
        if let Some(s) = &self.server_tool_use {
            m.insert("server_tool_use".into(), s.clone());
        }
        if let Some(t) = &self.service_tier {
            m.insert("service_tier".into(), t.clone());
        }
        Value::Object(m)
    }
}

pub fn parse_response(req: &ChatRequest, body: &[u8]) -> Result<Value> {
    let malformed = ErrorKind::APIConnectionError;
    let v: Value =
        serde_json::from_slice(body).map_err(|e| invalid_json("a response", e, malformed))?;
    let Some(obj) = v.as_object() else {
        return Err(invalid_json("a response", "not an object", malformed));
    };
    if obj.get("type").and_then(Value::as_str) == Some("error") {
        return Err(super::error::error_in_body(&String::from_utf8_lossy(body)));
    }
    let Some(blocks) = obj.get("content").and_then(Value::as_array) else {
        return Err(LlmError::new(
            ErrorKind::APIError,
            "The provider's response has no `content` list",
        )
        .with_status(500));
    };
    let json_mode = json_mode(req);

    let mut text: Option<String> = None;
    let mut tool_calls: Vec<Value> = Vec::new();
    let mut json_content: Option<String> = None;
    let mut reasoning: Option<String> = None;
    let mut thinking_blocks: Vec<Value> = Vec::new();
    let mut citations: Vec<Value> = Vec::new();
    let mut web_results: Vec<Value> = Vec::new();
    for block in blocks {
        match block.get("type").and_then(Value::as_str) {
            Some("text") => {
                let t = block.get("text").and_then(Value::as_str).unwrap_or("");
                text.get_or_insert_with(String::new).push_str(t);
                if let Some(Value::Array(c)) = block.get("citations") {
                    citations.extend(c.iter().cloned());
                }
            }
            Some("tool_use") => {
                let name = block.get("name").and_then(Value::as_str).unwrap_or("");
                let input = block.get("input").cloned().unwrap_or_else(|| json!({}));
                if json_mode && name == JSON_TOOL_NAME && json_content.is_none() {
                    json_content = Some(python_json(&input));
                    continue;
                }
                tool_calls.push(json!({
                    "id": block.get("id").cloned().unwrap_or(Value::Null),
                    "type": "function",
                    "function": {"name": name, "arguments": python_json(&input)},
                }));
            }
            Some("thinking") => {
                let t = block.get("thinking").and_then(Value::as_str).unwrap_or("");
                reasoning.get_or_insert_with(String::new).push_str(t);
                thinking_blocks.push(block.clone());
            }
            Some("redacted_thinking") => thinking_blocks.push(block.clone()),
            Some("web_search_tool_result") => web_results.push(block.clone()),
            _ => {}
        }
    }

    let native = obj.get("stop_reason").and_then(Value::as_str);
    let finish = match native {
        // The JSON-mode tool is the answer, not a call the caller must run.
        Some("tool_use") if json_content.is_some() && tool_calls.is_empty() => "stop",
        Some(r) => map_stop_reason(r),
        None => "stop",
    };

    let mut message = Map::new();
    message.insert("role".into(), "assistant".into());
    let content = json_content.or(text);
    message.insert("content".into(), content.map_or(Value::Null, Value::String));
    message.insert(
        "tool_calls".into(),
        if tool_calls.is_empty() {
            Value::Null
        } else {
            Value::Array(tool_calls)
        },
    );
    message.insert("function_call".into(), Value::Null);
    if let Some(r) = reasoning {
        message.insert("reasoning_content".into(), r.into());
    }
    // litellm always reports citations and thinking blocks here (None when absent).
    let mut psf = Map::new();
    psf.insert(
        "citations".into(),
        if citations.is_empty() {
            Value::Null
        } else {
            Value::Array(citations)
        },
    );
    psf.insert(
        "thinking_blocks".into(),
        if thinking_blocks.is_empty() {
            Value::Null
        } else {
            Value::Array(thinking_blocks.clone())
        },
    );
    if !thinking_blocks.is_empty() {
        message.insert("thinking_blocks".into(), Value::Array(thinking_blocks));
    }
    if !web_results.is_empty() {
        psf.insert("web_search_results".into(), Value::Array(web_results));
    }
    message.insert("provider_specific_fields".into(), Value::Object(psf));

    let mut choice = Map::new();
    choice.insert("index".into(), 0.into());
    choice.insert("finish_reason".into(), finish.into());
    choice.insert("message".into(), Value::Object(message));
    if let Some(n) = native.filter(|n| *n != finish) {
        choice.insert(
            "provider_specific_fields".into(),
            json!({"native_finish_reason": n}),
        );
    }

    let mut usage = NativeUsage::default();
    if let Some(u) = obj.get("usage") {
        usage.update(u);
    }
    let model = obj
        .get("model")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .unwrap_or(&req.model);

    let mut out = Map::new();
    out.insert("id".into(), ids::completion_id().into());
    out.insert("object".into(), "chat.completion".into());
    out.insert("created".into(), ids::unix_now().into());
    out.insert("model".into(), model.into());
    out.insert("choices".into(), json!([Value::Object(choice)]));
    out.insert("usage".into(), usage.to_openai());
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req() -> ChatRequest {
        ChatRequest {
            model: "claude-sonnet-4-5".into(),
            messages: vec![json!({"role": "user", "content": "hi"})],
            ..Default::default()
        }
    }

    fn json_req() -> ChatRequest {
        let mut r = req();
        r.params
            .insert("response_format".into(), json!({"type": "json_object"}));
        r
    }

    fn parse(r: &ChatRequest, body: Value) -> Value {
        parse_response(r, &serde_json::to_vec(&body).unwrap()).unwrap()
    }

    fn msg(content: Value, stop: &str) -> Value {
        json!({"id": "msg_01X", "type": "message", "role": "assistant",
               "model": "claude-sonnet-4-5-20250929", "content": content,
               "stop_reason": stop, "stop_sequence": null,
               "usage": {"input_tokens": 11, "output_tokens": 5,
                         "cache_creation_input_tokens": 2, "cache_read_input_tokens": 3,
                         "cache_creation": {"ephemeral_5m_input_tokens": 2, "ephemeral_1h_input_tokens": 0},
                         "service_tier": "standard"}})
    }

    #[test]
    fn text_response() {
        let v = parse(
            &req(),
            msg(
                json!([{"type": "text", "text": "Hello"}, {"type": "text", "text": " there"}]),
                "end_turn",
            ),
        );
        let id = v["id"].as_str().unwrap();
        assert!(id.starts_with("chatcmpl-") && id.len() == 45, "{id}");
        assert_eq!(&id[23..24], "4");
        assert_eq!(v["object"], "chat.completion");
        assert!(v["created"].as_u64().unwrap() > 1_700_000_000);
        assert_eq!(v["model"], "claude-sonnet-4-5-20250929");
        let c = &v["choices"][0];
        assert_eq!(c["index"], 0);
        assert_eq!(c["finish_reason"], "stop");
        assert_eq!(
            c["provider_specific_fields"],
            json!({"native_finish_reason": "end_turn"})
        );
        assert_eq!(
            c["message"],
            json!({"role": "assistant", "content": "Hello there", "tool_calls": null, "function_call": null,
                   "provider_specific_fields": {"citations": null, "thinking_blocks": null}})
        );
        assert_ne!(v["id"], parse(&req(), msg(json!([]), "end_turn"))["id"]);
    }

    #[test]
    fn usage_with_cache_fields() {
        let v = parse(
            &req(),
            msg(json!([{"type": "text", "text": "x"}]), "end_turn"),
        );
        assert_eq!(
            v["usage"],
            json!({"prompt_tokens": 16, "completion_tokens": 5, "total_tokens": 21,
                   "prompt_tokens_details": {"cached_tokens": 3, "cache_write_tokens": 2, "text_tokens": 11,
                       "cache_creation_tokens": 2,
                       "cache_creation_token_details": {"ephemeral_5m_input_tokens": 2, "ephemeral_1h_input_tokens": 0}},
                   "completion_tokens_details": {"reasoning_tokens": 0, "text_tokens": 5},
                   "cache_creation_input_tokens": 2, "cache_read_input_tokens": 3, "service_tier": "standard"})
        );
    }

    #[test]
    fn tool_use_response() {
        let v = parse(
            &req(),
            msg(
                json!([{"type": "text", "text": "Checking."},
                       {"type": "tool_use", "id": "toolu_02", "name": "get_weather",
                        "input": {"city": "Paris", "note": "café", "n": [1, 2]}}]),
                "tool_use",
            ),
        );
        let c = &v["choices"][0];
        assert_eq!(c["finish_reason"], "tool_calls");
        assert_eq!(c["message"]["content"], "Checking.");
        assert_eq!(
            c["message"]["tool_calls"],
            json!([{"id": "toolu_02", "type": "function", "function": {
                "name": "get_weather",
                "arguments": "{\"city\": \"Paris\", \"note\": \"caf\\u00e9\", \"n\": [1, 2]}"}}])
        );
        let only_tool = parse(
            &req(),
            msg(
                json!([{"type": "tool_use", "id": "t", "name": "f", "input": {}}]),
                "tool_use",
            ),
        );
        assert_eq!(only_tool["choices"][0]["message"]["content"], Value::Null);
        assert_eq!(
            only_tool["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"],
            "{}"
        );
    }

    #[test]
    fn json_mode_unwraps_the_forced_tool() {
        let body = msg(
            json!([{"type": "tool_use", "id": "toolu_9", "name": JSON_TOOL_NAME,
                    "input": {"answer": 42, "ok": true}}]),
            "tool_use",
        );
        let v = parse(&json_req(), body.clone());
        let c = &v["choices"][0];
        assert_eq!(c["finish_reason"], "stop");
        assert_eq!(c["message"]["content"], "{\"answer\": 42, \"ok\": true}");
        assert_eq!(c["message"]["tool_calls"], Value::Null);
        assert_eq!(
            c["provider_specific_fields"]["native_finish_reason"],
            "tool_use"
        );
        // Without JSON mode a tool of that name is an ordinary tool call.
        let v = parse(&req(), body);
        assert_eq!(v["choices"][0]["finish_reason"], "tool_calls");
        // Truncated JSON output stays `length`.
        let v = parse(
            &json_req(),
            msg(
                json!([{"type": "tool_use", "id": "t", "name": JSON_TOOL_NAME, "input": {}}]),
                "max_tokens",
            ),
        );
        assert_eq!(v["choices"][0]["finish_reason"], "length");
    }

    #[test]
    fn each_stop_reason() {
        for (native, mapped) in [
            ("end_turn", "stop"),
            ("stop_sequence", "stop"),
            ("max_tokens", "length"),
            ("model_context_window_exceeded", "length"),
            ("pause_turn", "length"),
            ("tool_use", "tool_calls"),
            ("refusal", "content_filter"),
        ] {
            let v = parse(&req(), msg(json!([{"type": "text", "text": "x"}]), native));
            assert_eq!(v["choices"][0]["finish_reason"], mapped, "{native}");
            assert_eq!(
                v["choices"][0]["provider_specific_fields"]["native_finish_reason"],
                native
            );
        }
        let mut body = msg(json!([]), "end_turn");
        body["stop_reason"] = Value::Null;
        let v = parse(&req(), body);
        assert_eq!(v["choices"][0]["finish_reason"], "stop");
        assert!(v["choices"][0].get("provider_specific_fields").is_none());
        assert_eq!(v["choices"][0]["message"]["content"], Value::Null);
    }

    #[test]
    fn thinking_blocks_and_citations() {
        let v = parse(
            &req(),
            msg(
                json!([{"type": "thinking", "thinking": "Let me think.", "signature": "sig"},
                       {"type": "redacted_thinking", "data": "xyz"},
                       {"type": "text", "text": "Answer", "citations": [{"type": "char_location", "cited_text": "a"}]}]),
                "end_turn",
            ),
        );
        let m = &v["choices"][0]["message"];
        assert_eq!(m["content"], "Answer");
        assert_eq!(m["reasoning_content"], "Let me think.");
        assert_eq!(
            m["thinking_blocks"],
            json!([{"type": "thinking", "thinking": "Let me think.", "signature": "sig"},
                   {"type": "redacted_thinking", "data": "xyz"}])
        );
        assert_eq!(
            m["provider_specific_fields"]["citations"][0]["cited_text"],
            "a"
        );
    }

    #[test]
    fn malformed_bodies() {
        use crate::error::ErrorKind;
        // litellm's Anthropic path reports a body it cannot read as a connection error.
        for body in [&b"{not json"[..], b"", b"[]"] {
            let e = parse_response(&req(), body).unwrap_err();
            assert_eq!(e.kind, ErrorKind::APIConnectionError, "{body:?}");
        }
        assert!(parse_response(&req(), b"{\"type\":\"message\"}").is_err());
        let e = parse_response(
            &req(),
            br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::InternalServerError);
        assert_eq!(e.message, "Overloaded");
        // Missing model and usage fall back gracefully.
        let v = parse(&req(), json!({"content": [{"type": "text", "text": "x"}]}));
        assert_eq!(v["model"], "claude-sonnet-4-5");
        assert_eq!(v["usage"]["total_tokens"], 0);
    }

    #[test]
    fn python_json_matches_json_dumps() {
        let v = json!({"a": [1, 2.5, null, true], "b": {"c": "é😀\n\"q\""}, "d": {}, "e": []});
        assert_eq!(
            python_json(&v),
            r#"{"a": [1, 2.5, null, true], "b": {"c": "\u00e9\ud83d\ude00\n\"q\""}, "d": {}, "e": []}"#
        );
    }
}
