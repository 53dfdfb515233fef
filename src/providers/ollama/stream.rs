//! Ollama's NDJSON stream lines -> OpenAI chunk objects: content and thinking fragments, tool
//! calls whole in one line, and the `done` line with the finish reason and the counts.

use serde_json::{json, Value};

use super::{map_done_reason, tool_calls, usage};
use crate::error::{ErrorKind, LlmError, Result};

#[derive(Default)]
pub struct StreamState {
    next_tool_index: u64,
    saw_tool_call: bool,
    /// Ollama sends no id; litellm's chunks carry a bare uuid.
    id: Option<String>,
}

impl StreamState {
    /// The chunks of one line, and whether it ended the stream.
    pub fn on_line(&mut self, line: &str) -> Result<(Vec<Value>, bool)> {
        let v: Value = serde_json::from_str(line).map_err(|e| {
            LlmError::new(
                ErrorKind::APIConnectionError,
                format!("Ollama sent a stream line that is not JSON ({e}): {line}"),
            )
            .with_status(500)
        })?;
        if let Some(err) = v.get("error") {
            let message = err.as_str().map_or_else(|| err.to_string(), str::to_string);
            let mut e = LlmError::new(ErrorKind::APIConnectionError, message).with_status(500);
            e.body = Some(line.as_bytes().to_vec());
            return Err(e);
        }
        let msg = v.get("message").unwrap_or(&Value::Null);
        let mut delta = json!({});
        if let Some(c) = msg
            .get("content")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
        {
            delta["content"] = json!(c);
        }
        if let Some(t) = msg
            .get("thinking")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            delta["reasoning_content"] = json!(t);
        }
        if let Some(calls) = msg
            .get("tool_calls")
            .and_then(Value::as_array)
            .filter(|c| !c.is_empty())
        {
            delta["tool_calls"] = json!(tool_calls(calls, self.next_tool_index, true));
            self.next_tool_index += calls.len() as u64;
            self.saw_tool_call = true;
        }
        let done = v.get("done").and_then(Value::as_bool) == Some(true);
        let finish = done.then(|| {
            if self.saw_tool_call {
                "tool_calls"
            } else {
                map_done_reason(
                    v.get("done_reason")
                        .and_then(Value::as_str)
                        .unwrap_or("stop"),
                )
            }
        });
        let id = self.id.get_or_insert_with(crate::types::ids::uuid4).clone();
        let mut chunk =
            json!({"id": id, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
        if done {
            let mut u = usage(&v);
            // A stream's usage counts reasoning tokens, zero included, as litellm's does.
            u["completion_tokens_details"] =
                json!({"reasoning_tokens": 0, "text_tokens": u["completion_tokens"]});
            chunk["usage"] = u;
        }
        Ok((vec![chunk], done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_tools_and_the_done_line() {
        let mut s = StreamState::default();
        let (a, done) = s
            .on_line(r#"{"message":{"role":"assistant","content":"Hel"},"done":false}"#)
            .unwrap();
        assert!(!done);
        assert_eq!(a[0]["choices"][0]["delta"]["content"], "Hel");
        let (b, _) = s
            .on_line(r#"{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{}}}]},"done":false}"#)
            .unwrap();
        assert_eq!(b[0]["choices"][0]["delta"]["tool_calls"][0]["index"], 0);
        let (c, done) = s
            .on_line(r#"{"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":2,"eval_count":5}"#)
            .unwrap();
        assert!(done);
        assert_eq!(c[0]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(c[0]["usage"]["total_tokens"], 7);
        assert!(s.on_line(r#"{"error":"boom"}"#).is_err());
        assert!(s.on_line("{not json").is_err());
    }
}
