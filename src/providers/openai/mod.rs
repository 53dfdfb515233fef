//! OpenAI: the chat-completions and embeddings wire format shared by OpenAI, Azure and every
//! compatible host, and the `Provider` for api.openai.com itself.

pub mod embeddings;
pub mod error;
pub mod request;
pub mod response;
pub mod stream;

use serde_json::Value;

use crate::engine::credentials::{first_env, non_empty, CallCredentials, Settings};
use crate::error::{ErrorFacts, Result};
use crate::http::client::HttpRequest;
use crate::providers::contract::{
    Api, Credentials, KeySources, Provider, Request, StreamTranslator,
};
use crate::providers::params::OPENAI_PARAMS;
use crate::types::ChatRequest;

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
            Request::Chat(_) => response::parse(body),
            Request::Embedding(_) => embeddings::parse(body),
        }
    }

    fn error_facts(&self, body: &str) -> ErrorFacts {
        error::error_facts(body)
    }

    fn exception_title(&self) -> String {
        "OpenAIException".into()
    }

    fn stream_translator(&self, _req: &ChatRequest) -> Box<dyn StreamTranslator> {
        Box::new(stream::OpenAiStream)
    }
}
