//! Google Gemini API adapter (`gemini/...`, generativelanguage.googleapis.com): OpenAI chat
//! request -> `models/{model}:generateContent` / `:streamGenerateContent?alt=sse`, and Gemini
//! responses, stream events and Google RPC errors -> OpenAI shapes. Pure functions; sends
//! nothing.

pub mod embeddings;
pub mod error;
pub mod request;
pub mod response;
pub mod stream;

use serde_json::Value;

use crate::error::{ErrorFacts, ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::http::sse::SseEvent;
use crate::providers::contract::{
    from_provider, raw_error_text, Api, Credentials, KeySources, Provider, Request, StreamStep,
    StreamTranslator,
};
use crate::types::{ChatRequest, ProviderChunk};

/// The Gemini API (Google AI Studio keys).
#[derive(Debug)]
pub struct Gemini;

impl Provider for Gemini {
    fn name(&self) -> &'static str {
        "gemini"
    }

    fn key_sources(&self) -> KeySources {
        KeySources {
            generic_key_first: false,
            // litellm reads GOOGLE_API_KEY before GEMINI_API_KEY.
            key_env: &["GOOGLE_API_KEY", "GEMINI_API_KEY"],
            base_env: &["GEMINI_API_BASE"],
            default_base: Some(request::DEFAULT_API_BASE),
            key_optional: false,
        }
    }

    /// litellm's Gemini path does not retry unless asked to.
    fn default_max_retries(&self) -> u32 {
        0
    }

    fn supports_api(&self, api: Api) -> bool {
        matches!(api, Api::Chat | Api::Embeddings)
    }

    fn supported_params(&self, api: Api) -> Vec<&'static str> {
        match api {
            Api::Chat => request::SUPPORTED_PARAMS.to_vec(),
            Api::Embeddings => embeddings::SUPPORTED_PARAMS.to_vec(),
        }
    }

    fn build_request(&self, req: &Request, creds: &Credentials) -> Result<HttpRequest> {
        match req {
            Request::Chat(r) => request::build_http(r, creds),
            Request::Embedding(r) => embeddings::build_http(r, creds),
        }
    }

    fn parse_response(&self, req: &Request, body: &[u8]) -> Result<Value> {
        match req {
            Request::Chat(r) => response::parse_response(r, body),
            Request::Embedding(r) => embeddings::parse_response(r, body),
        }
    }

    fn error_facts(&self, body: &str) -> ErrorFacts {
        error::error_facts(body)
    }

    fn classify(&self, status: u16, facts: &ErrorFacts, raw_body: &str) -> (ErrorKind, u16) {
        error::classify(status, facts, raw_body)
    }

    /// litellm shows Gemini's raw body, with its own prefixes per class ("GeminiException
    /// BadRequestError - ", "litellm.RateLimitError: GeminiException - ", ...).
    fn exception_message(&self, e: &LlmError) -> String {
        if !from_provider(e) {
            return e.message.clone();
        }
        let raw = raw_error_text(e);
        let overloaded = raw.contains("The model is overloaded.");
        match e.kind {
            ErrorKind::BadRequestError if e.status == 422 => format!("GeminiException - {raw}"),
            ErrorKind::BadRequestError => format!("GeminiException BadRequestError - {raw}"),
            ErrorKind::ContextWindowExceededError => format!(
                "litellm.BadRequestError: ContextWindowExceededError: GeminiException - {raw}"
            ),
            ErrorKind::RateLimitError => {
                format!("litellm.RateLimitError: GeminiException - {raw}")
            }
            ErrorKind::InternalServerError if overloaded => {
                format!("litellm.InternalServerError: geminiException - {raw}")
            }
            ErrorKind::InternalServerError => {
                format!("GeminiException InternalServerError - {raw}")
            }
            ErrorKind::ContentPolicyViolationError => {
                format!("GeminiException ContentPolicyViolationError - {raw}")
            }
            ErrorKind::APIConnectionError => format!("GeminiException - {raw}"),
            _ => format!("GeminiException - {raw}"),
        }
    }

    /// Gemini's choices carry their own fields (`native_finish_reason`); a blocked reply none.
    fn empty_provider_fields_on_choices(&self) -> bool {
        false
    }

    /// A 200 body that is not a response is a 422 bad request in litellm's Gemini path.
    fn malformed_body_kind(&self) -> ErrorKind {
        ErrorKind::BadRequestError
    }

    fn stream_translator(&self, _req: &ChatRequest) -> Box<dyn StreamTranslator> {
        Box::new(Translator(stream::StreamState::default()))
    }
}

struct Translator(stream::StreamState);

impl StreamTranslator for Translator {
    fn on_event(&mut self, ev: &SseEvent) -> Result<StreamStep> {
        let (chunks, metadata) = self.0.on_event(ev)?;
        Ok(StreamStep {
            chunks: chunks
                .into_iter()
                .map(|c| ProviderChunk {
                    extra: Some(metadata.clone()),
                    ..ProviderChunk::from_value(c)
                })
                .collect(),
            done: false,
        })
    }
}
