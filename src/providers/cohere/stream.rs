//! Cohere v2 stream events (`message-start`, `content-delta`, `tool-call-start` /
//! `-delta`, `message-end`, then `data: [DONE]`) -> OpenAI chunk objects. Tool calls are
//! numbered from 0 in the order they start (Cohere's `index` is a block position).

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{map_finish_reason, usage};
use crate::error::{ErrorKind, LlmError, Result};
use crate::http::sse::SseEvent;

#[derive(Default)]
pub struct StreamState {
    id: Option<String>,
    /// Cohere block index -> OpenAI tool call index.
    tools: HashMap<u64, u64>,
}

impl StreamState {
    /// The chunks of one event, and whether the stream is complete.
    pub fn on_event(&mut self, ev: &SseEvent) -> Result<(Vec<Value>, bool)> {
        let data = ev.data.trim();
        if data == "[DONE]" {
            return Ok((Vec::new(), true));
        }
        let v: Value = serde_json::from_str(data).map_err(|e| {
            LlmError::new(
                ErrorKind::APIConnectionError,
                format!("Cohere sent a stream event that is not JSON ({e}): {data}"),
            )
            .with_status(500)
        })?;
        let kind = v
            .get("type")
            .and_then(Value::as_str)
            .or(ev.event.as_deref())
            .unwrap_or("");
        let msg = v.get("delta").and_then(|d| d.get("message"));
        let block = v.get("index").and_then(Value::as_u64).unwrap_or(0);
        let delta = match kind {
            "message-start" => {
                self.id = v.get("id").and_then(Value::as_str).map(str::to_string);
                json!({"role": "assistant"})
            }
            "content-delta" => {
                let text = msg
                    .and_then(|m| m.get("content"))
                    .and_then(|c| c.get("text"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                json!({ "content": text })
            }
            "tool-call-start" => {
                let k = self.tools.len() as u64;
                self.tools.insert(block, k);
                let call = msg
                    .and_then(|m| m.get("tool_calls"))
                    .unwrap_or(&Value::Null);
                let f = call.get("function").unwrap_or(&Value::Null);
                json!({"tool_calls": [{"index": k, "id": call.get("id"), "type": "function",
                        "function": {"name": f.get("name"), "arguments": ""}}]})
            }
            "tool-call-delta" => {
                let k = self.tools.get(&block).copied().unwrap_or(0);
                let args = msg
                    .and_then(|m| m.get("tool_calls"))
                    .and_then(|c| c.get("function"))
                    .and_then(|f| f.get("arguments"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                json!({"tool_calls": [{"index": k, "function": {"arguments": args}}]})
            }
            "message-end" => {
                let d = v.get("delta").unwrap_or(&Value::Null);
                if let Some(err) = d.get("error").filter(|e| !e.is_null()) {
                    let message = err.as_str().map_or_else(|| err.to_string(), str::to_string);
                    return Err(
                        LlmError::new(ErrorKind::InternalServerError, message).with_status(500)
                    );
                }
                let native = d
                    .get("finish_reason")
                    .and_then(Value::as_str)
                    .unwrap_or("COMPLETE");
                let finish = match map_finish_reason(native) {
                    "stop" if !self.tools.is_empty() => "tool_calls",
                    other => other,
                };
                let chunk = json!({"id": self.id, "choices": [{"index": 0, "delta": {},
                    "finish_reason": finish}], "usage": usage(d.get("usage"))});
                return Ok((vec![chunk], false));
            }
            // content-start / -end, tool-plan-delta, tool-call-end, citations, debug: nothing
            // to show.
            _ => return Ok((Vec::new(), false)),
        };
        Ok((
            vec![
                json!({"id": self.id, "choices": [{"index": 0, "delta": delta, "finish_reason": null}]}),
            ],
            false,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(name: &str, data: &str) -> SseEvent {
        SseEvent {
            event: Some(name.into()),
            data: data.into(),
        }
    }

    #[test]
    fn text_tools_end_and_done() {
        let mut s = StreamState::default();
        s.on_event(&ev(
            "message-start",
            r#"{"id":"r1","type":"message-start","delta":{"message":{"role":"assistant"}}}"#,
        ))
        .unwrap();
        let (c, _) = s.on_event(&ev("content-delta", r#"{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}"#)).unwrap();
        assert_eq!(c[0]["choices"][0]["delta"]["content"], "Hi");
        assert_eq!(c[0]["id"], "r1");
        let (c, _) = s.on_event(&ev("tool-call-start", r#"{"type":"tool-call-start","index":3,"delta":{"message":{"tool_calls":{"id":"f_0","type":"function","function":{"name":"f","arguments":""}}}}}"#)).unwrap();
        assert_eq!(c[0]["choices"][0]["delta"]["tool_calls"][0]["index"], 0);
        let (c, _) = s.on_event(&ev("tool-call-delta", r#"{"type":"tool-call-delta","index":3,"delta":{"message":{"tool_calls":{"function":{"arguments":"{}"}}}}}"#)).unwrap();
        assert_eq!(
            c[0]["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"],
            "{}"
        );
        let (c, _) = s.on_event(&ev("message-end", r#"{"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"tokens":{"input_tokens":3,"output_tokens":4}}}}"#)).unwrap();
        assert_eq!(c[0]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(c[0]["usage"]["total_tokens"], 7);
        assert!(
            s.on_event(&SseEvent {
                event: None,
                data: "[DONE]".into()
            })
            .unwrap()
            .1
        );
        assert!(s
            .on_event(&ev(
                "message-end",
                r#"{"type":"message-end","delta":{"error":"boom"}}"#
            ))
            .is_err());
    }
}
