//! Gemini's `streamGenerateContent?alt=sse` events -> OpenAI chunk objects. Each event holds
//! only new parts; a function call arrives whole; `finishReason` and the final usage come on
//! the last event; the stream ends when the body does (no end marker).

use serde_json::{json, Value};

use super::error::error_in_stream;
use super::response::{map_finish_reason, read_parts, usage};
use crate::error::Result;
use crate::http::sse::SseEvent;

/// The metadata lists litellm puts on each chunk of a Gemini stream, in its order: one entry
/// per candidate that carries that metadata (empty lists when none does).
pub fn metadata_lists(v: &Value) -> serde_json::Map<String, Value> {
    let candidates = v.get("candidates").and_then(Value::as_array);
    let collect = |key: &str| -> Value {
        Value::Array(
            candidates
                .into_iter()
                .flatten()
                .filter_map(|c| c.get(key).cloned())
                .collect(),
        )
    };
    let mut m = serde_json::Map::new();
    m.insert(
        "vertex_ai_grounding_metadata".into(),
        collect("groundingMetadata"),
    );
    m.insert(
        "vertex_ai_url_context_metadata".into(),
        collect("urlContextMetadata"),
    );
    m.insert("vertex_ai_safety_ratings".into(), collect("safetyRatings"));
    m.insert("vertex_ai_safety_results".into(), collect("safetyRatings"));
    m.insert(
        "vertex_ai_citation_metadata".into(),
        collect("citationMetadata"),
    );
    m
}

#[derive(Default)]
pub struct StreamState {
    /// Tool calls numbered across the whole stream.
    next_tool_index: u64,
    saw_tool_call: bool,
}

impl StreamState {
    /// The chunks of one event (none for an event without candidates), and the metadata
    /// lists litellm adds to them.
    pub fn on_event(
        &mut self,
        ev: &SseEvent,
    ) -> Result<(Vec<Value>, serde_json::Map<String, Value>)> {
        let data = ev.data.trim();
        if data.is_empty() {
            return Ok((Vec::new(), serde_json::Map::new()));
        }
        let v: Value = serde_json::from_str(data).map_err(|e| {
            let mut err = super::response::conversion_error(e);
            err.kind = crate::error::ErrorKind::APIConnectionError;
            err.status = 500;
            err
        })?;
        if v.get("error").is_some_and(Value::is_object) {
            return Err(error_in_stream(data));
        }
        let id = v.get("responseId").cloned().unwrap_or(Value::Null);
        if v.get("promptFeedback")
            .and_then(|f| f.get("blockReason"))
            .is_some()
        {
            let blocked = json!({
                "id": id,
                "choices": [{"index": 0, "delta": {"role": "assistant", "content": null},
                             "finish_reason": "content_filter"}],
            });
            return Ok((vec![blocked], metadata_lists(&v)));
        }
        let mut choices = Vec::new();
        let mut finished = false;
        for (i, c) in v
            .get("candidates")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let parts = read_parts(c, &mut self.next_tool_index)?;
            let mut delta = json!({});
            if let Some(t) = parts.content {
                delta["content"] = json!(t);
            }
            if let Some(r) = parts.reasoning {
                delta["reasoning_content"] = json!(r);
            }
            if !parts.tool_calls.is_empty() {
                self.saw_tool_call = true;
                delta["tool_calls"] = json!(parts.tool_calls);
            }
            let finish = c.get("finishReason").and_then(Value::as_str).map(|f| {
                finished = true;
                match map_finish_reason(f) {
                    "stop" if self.saw_tool_call => "tool_calls",
                    other => other,
                }
            });
            choices.push(json!({
                "index": c.get("index").and_then(Value::as_u64).unwrap_or(i as u64),
                "delta": delta,
                "finish_reason": finish,
            }));
        }
        let mut chunk = json!({"id": id, "choices": choices});
        // Usage is cumulative; the event that finishes carries the final counts.
        if finished {
            if let Some(u) = v.get("usageMetadata") {
                let mut u = usage(u);
                // A stream's usage carries no cache counters unless there are some.
                if let Some(m) = u.as_object_mut() {
                    m.retain(|k, v| !(k.starts_with("cache_") && v.is_null()));
                }
                // ... and counts reasoning tokens, zero included.
                if let Some(d) = u
                    .get_mut("completion_tokens_details")
                    .and_then(Value::as_object_mut)
                {
                    d.entry("reasoning_tokens").or_insert(json!(0));
                }
                chunk["usage"] = u;
            }
        }
        Ok((vec![chunk], metadata_lists(&v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(data: &str) -> SseEvent {
        SseEvent {
            event: None,
            data: data.into(),
        }
    }

    #[test]
    fn text_then_a_function_call_then_the_finish() {
        let mut s = StreamState::default();
        let (a, _) = s
            .on_event(&ev(r#"{"candidates":[{"content":{"parts":[{"text":"Checking"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":4,"totalTokenCount":4},"responseId":"r1"}"#))
            .unwrap();
        assert_eq!(a[0]["choices"][0]["delta"]["content"], "Checking");
        assert!(a[0].get("usage").is_none());
        let (b, _) = s
            .on_event(&ev(r#"{"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"city":"Paris"}}}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":3,"totalTokenCount":7},"responseId":"r1"}"#))
            .unwrap();
        let c = &b[0]["choices"][0];
        assert_eq!(c["finish_reason"], "tool_calls");
        assert_eq!(
            c["delta"]["tool_calls"][0]["function"]["arguments"],
            "{\"city\": \"Paris\"}"
        );
        assert_eq!(b[0]["usage"]["total_tokens"], 7);
    }

    #[test]
    fn an_error_event_and_garbage_fail() {
        let mut s = StreamState::default();
        let e = s
            .on_event(&ev(r#"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#))
            .unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::InternalServerError);
        assert!(s.on_event(&ev("{\"candidates\":[{\"content")).is_err());
    }
}
