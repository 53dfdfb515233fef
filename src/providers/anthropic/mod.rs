//! Anthropic Messages API adapter (placeholder).
use serde_json::Value;

use crate::error::{ErrorFacts, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::http::sse::SseEvent;
use crate::providers::{Endpoint, StreamStep};
use crate::types::ChatRequest;

pub fn build_http(_req: &ChatRequest, _ep: &Endpoint) -> Result<HttpRequest> {
    Err(LlmError::internal("anthropic: not yet"))
}
pub fn parse_response(_req: &ChatRequest, _body: &[u8]) -> Result<Value> {
    Err(LlmError::internal("anthropic: not yet"))
}
pub fn error_facts(_text: &str) -> ErrorFacts {
    ErrorFacts::default()
}
pub struct StreamState;
impl StreamState {
    pub fn new(_req: &ChatRequest) -> Self {
        StreamState
    }
    pub fn on_event(&mut self, _ev: &SseEvent) -> Result<StreamStep> {
        Err(LlmError::internal("anthropic: not yet"))
    }
}
