//! Turn OpenAI-style SSE events into chunk objects; `[DONE]` ends the stream and an `error`
//! payload mid-stream becomes a mapped error.

use crate::error::{LlmError, Result};
use crate::http::sse::SseEvent;
use crate::providers::contract::{StreamStep, StreamTranslator};
use crate::providers::openai::{error::error_facts, response};
use crate::types::chunk::WireChunk;

#[derive(Debug, Default)]
pub struct OpenAiStream;

impl StreamTranslator for OpenAiStream {
    fn on_event(&mut self, ev: &SseEvent) -> Result<StreamStep> {
        let data = ev.data.trim();
        if data == "[DONE]" {
            return Ok(StreamStep {
                chunks: Vec::new(),
                done: true,
            });
        }
        if data.is_empty() {
            return Ok(StreamStep::default());
        }
        let wire: WireChunk =
            serde_json::from_str(data).map_err(|e| response::invalid_json("a stream chunk", e))?;
        if wire.error.is_some() {
            return Err(mid_stream_error(data));
        }
        Ok(StreamStep {
            chunks: vec![wire.into_chunk(response::map_finish_reason)],
            done: false,
        })
    }
}

/// An error the provider sent after the stream started (status 200 already received).
pub fn mid_stream_error(data: &str) -> LlmError {
    let facts = error_facts(data);
    let (kind, status) = crate::error::classify_status(0, &facts, data);
    let kind = match kind {
        // "unknown status" classifies as APIError; mid-stream that means the provider failed.
        crate::error::ErrorKind::APIError => crate::error::ErrorKind::InternalServerError,
        k => k,
    };
    let status = if status == 0 { 500 } else { status };
    let mut e = LlmError::new(kind, facts.message).with_status(status);
    e.body = Some(data.as_bytes().to_vec());
    e
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
    fn chunks_done_and_errors() {
        let mut s = OpenAiStream;
        let step = s
            .on_event(&ev(r#"{"id":"c","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}"#))
            .unwrap();
        assert_eq!(step.chunks.len(), 1);
        assert!(s.on_event(&ev("[DONE]")).unwrap().done);
        let e = s
            .on_event(&ev(
                r#"{"error":{"message":"overloaded","type":"server_error"}}"#,
            ))
            .unwrap_err();
        assert_eq!(e.message, "overloaded");
        assert!(s.on_event(&ev("{bad")).is_err());
    }
}
