//! Turn OpenAI-style SSE events into chunk objects; `[DONE]` ends the stream and an `error`
//! payload mid-stream becomes a mapped error.

use crate::error::{ErrorKind, LlmError, Result};
use crate::http::sse::SseEvent;
use crate::providers::contract::{StreamStep, StreamTranslator};
use crate::providers::openai::{error::error_facts, response};
use crate::types::chunk::WireChunk;

/// How one provider's litellm path treats stream trouble.
#[derive(Debug, Clone, Copy)]
pub struct OpenAiStream {
    /// Lines that are not JSON are skipped (litellm's own OpenAI-compatible handler) rather
    /// than failing the stream (the OpenAI SDK).
    pub skip_malformed: bool,
    /// What an `error` payload inside the stream is reported as (kind, status).
    pub error_as: (ErrorKind, u16),
}

impl OpenAiStream {
    /// The OpenAI SDK's behaviour (OpenAI, Azure).
    pub const SDK: OpenAiStream = OpenAiStream {
        skip_malformed: false,
        error_as: (ErrorKind::APIConnectionError, 500),
    };
    /// litellm's handler for OpenAI-compatible hosts.
    pub const COMPATIBLE: OpenAiStream = OpenAiStream {
        skip_malformed: true,
        error_as: (ErrorKind::APIError, 503),
    };
}

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
        let wire: WireChunk = match serde_json::from_str(data) {
            Ok(w) => w,
            Err(_) if self.skip_malformed => return Ok(StreamStep::default()),
            Err(e) => {
                // Python's json module words it "<what> at: line L column C"; the provider's
                // text travels with the error.
                let mut err =
                    LlmError::new(ErrorKind::APIConnectionError, e.to_string()).with_status(500);
                err.body = Some(data.as_bytes().to_vec());
                return Err(err);
            }
        };
        if wire.error.is_some() {
            let mut e = mid_stream_error(data);
            // Context-window and similar errors keep their class; anything else is reported
            // as this provider's litellm path reports a failed stream.
            if matches!(e.kind, ErrorKind::InternalServerError | ErrorKind::APIError) {
                e.kind = self.error_as.0;
                e.status = self.error_as.1;
            }
            return Err(e);
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
        let mut s = OpenAiStream::SDK;
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
        assert_eq!(e.kind, ErrorKind::APIConnectionError);
        assert!(s.on_event(&ev("{bad")).is_err());
        let mut c = OpenAiStream::COMPATIBLE;
        assert!(c.on_event(&ev("{bad")).unwrap().chunks.is_empty());
    }
}
