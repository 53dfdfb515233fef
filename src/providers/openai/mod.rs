//! OpenAI: the chat-completions and embeddings wire format shared by OpenAI, Azure and every
//! compatible host, and the `Provider` for api.openai.com itself.

pub mod embeddings;
pub mod error;
pub mod request;
pub mod response;
pub mod stream;

use serde_json::Value;

use crate::engine::credentials::{first_env, non_empty, CallCredentials, Settings};
use crate::error::{ErrorFacts, ErrorKind, LlmError, Result, TimeoutFacts};
use crate::http::client::HttpRequest;
use crate::providers::contract::{
    openai_style_message, sdk_timeout_message, Api, Credentials, KeySources, Provider, Request,
    StreamTranslator,
};
use crate::providers::params::OPENAI_PARAMS;
use crate::types::ChatRequest;

/// The OpenAI SDK's "Connection error.", keeping ferrolite's detail (which starts with the
/// same words) when the connection could not be made.
pub fn sdk_connection_text(e: &LlmError) -> &str {
    if e.message.starts_with("Connection error.") {
        &e.message
    } else {
        "Connection error."
    }
}

/// The embeddings parameters OpenAI's API takes.
pub static EMBEDDING_PARAMS: &[&str] = &["dimensions", "encoding_format", "user"];

#[derive(Debug)]
pub struct OpenAi;

impl Provider for OpenAi {
    fn name(&self) -> &'static str {
        "openai"
    }

    fn key_sources(&self) -> KeySources {
        KeySources {
            generic_key_first: true,
            key_env: &["OPENAI_API_KEY"],
            base_env: &["OPENAI_BASE_URL", "OPENAI_API_BASE"],
            default_base: Some("https://api.openai.com/v1"),
            key_optional: false,
        }
    }

    fn complete_credentials(&self, call: &CallCredentials, s: &dyn Settings, c: &mut Credentials) {
        c.organization = non_empty(call.organization.clone())
            .or_else(|| non_empty(s.module_str("organization")))
            .or_else(|| first_env(s, &["OPENAI_ORGANIZATION"]));
    }

    fn supports_api(&self, _api: Api) -> bool {
        true
    }

    fn supported_params(&self, api: Api) -> Vec<&'static str> {
        match api {
            Api::Chat => OPENAI_PARAMS.to_vec(),
            Api::Embeddings => EMBEDDING_PARAMS.to_vec(),
        }
    }

    fn build_request(&self, req: &Request, creds: &Credentials) -> Result<HttpRequest> {
        match req {
            Request::Chat(r) => request::build(r, creds, None),
            Request::Embedding(r) => embeddings::build(r, creds, None),
        }
    }

    fn parse_response(&self, req: &Request, body: &[u8]) -> Result<Value> {
        match req {
            Request::Chat(_) => response::parse(body, self.malformed_body_kind()),
            Request::Embedding(_) => embeddings::parse(body, self.malformed_body_kind()),
        }
    }

    fn error_facts(&self, body: &str) -> ErrorFacts {
        error::sdk_error_facts(body)
    }

    fn exception_title(&self) -> String {
        "OpenAIException".into()
    }

    /// The OpenAI SDK words every connection failure "Connection error.".
    fn exception_message(&self, e: &LlmError) -> String {
        if e.kind == ErrorKind::APIConnectionError && e.upstream_status == 0 && e.body.is_none() {
            return format!(
                "APIConnectionError: {} - {}",
                self.exception_title(),
                sdk_connection_text(e)
            );
        }
        openai_style_message(&self.exception_title(), e)
    }

    /// The OpenAI SDK fails to parse the body and litellm maps that to a server error.
    fn malformed_body_kind(&self) -> ErrorKind {
        ErrorKind::InternalServerError
    }

    fn wraps_mid_stream(&self, e: &LlmError) -> bool {
        e.kind != ErrorKind::Timeout
    }

    fn timeout_message(&self, t: &TimeoutFacts) -> String {
        sdk_timeout_message(t)
    }

    fn stream_translator(&self, _req: &ChatRequest) -> Box<dyn StreamTranslator> {
        Box::new(stream::OpenAiStream::SDK)
    }
}
