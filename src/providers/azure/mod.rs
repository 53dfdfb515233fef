//! Azure OpenAI: OpenAI's wire format at a deployment URL with `api-version`, authenticated by
//! `api-key` or an Entra ID bearer token.

use bytes::Bytes;
use reqwest::Method;
use serde_json::Value;

use crate::engine::credentials::{first_env, non_empty, CallCredentials, Settings};
use crate::error::{ErrorFacts, ErrorKind, LlmError, Result, TimeoutFacts};
use crate::http::client::HttpRequest;
use crate::providers::contract::{
    class_is_repeated, from_provider, sdk_timeout_message, Api, Credentials, KeySources, Provider,
    Request, StreamTranslator,
};
use crate::providers::openai::request::{body, join_url, json_headers};
use crate::providers::openai::{
    embeddings, error, response, sdk_connection_text, stream, EMBEDDING_PARAMS,
};
use crate::providers::params::OPENAI_PARAMS;
use crate::types::ChatRequest;

/// litellm's AZURE_DEFAULT_API_VERSION.
pub const DEFAULT_API_VERSION: &str = "2025-02-01-preview";

/// The URL of `operation` (`chat/completions`, `embeddings`): the v1 surface
/// (`.../openai/v1`) takes the deployment in the body; the classic surface puts it in the path
/// and needs `api-version`.
pub fn operation_url(base: &str, deployment: &str, api_version: &str, operation: &str) -> String {
    let trimmed = base.trim_end_matches('/');
    if trimmed.ends_with("/openai/v1") {
        return join_url(trimmed, operation);
    }
    if trimmed.contains("/openai/deployments/") {
        // A full deployment URL was given as the base.
        let url = if trimmed.ends_with(&format!("/{operation}")) {
            trimmed.to_string()
        } else {
            join_url(trimmed, operation)
        };
        return format!("{url}?api-version={api_version}");
    }
    let root = trimmed.trim_end_matches("/openai");
    format!("{root}/openai/deployments/{deployment}/{operation}?api-version={api_version}")
}

pub fn chat_url(base: &str, deployment: &str, api_version: &str) -> String {
    operation_url(base, deployment, api_version, "chat/completions")
}

fn headers(creds: &Credentials) -> Vec<(String, String)> {
    let mut headers = json_headers(creds.extra_headers.len());
    match (&creds.bearer_token, &creds.api_key) {
        (Some(token), _) => headers.push(("authorization".into(), format!("Bearer {token}"))),
        (None, Some(key)) => headers.push(("api-key".into(), key.clone())),
        (None, None) => {}
    }
    headers.extend(creds.extra_headers.iter().cloned());
    headers
}

pub fn build(req: &Request, creds: &Credentials) -> Result<HttpRequest> {
    if creds.api_base.is_empty() {
        return Err(LlmError::new(
            ErrorKind::AuthenticationError,
            "Missing Azure API base: pass api_base= or set AZURE_API_BASE (e.g. \
             https://<resource>.openai.azure.com)",
        ));
    }
    let version = creds.api_version.as_deref().unwrap_or(DEFAULT_API_VERSION);
    let (operation, body) = match req {
        Request::Chat(r) => ("chat/completions", body(r, None)?),
        Request::Embedding(r) => ("embeddings", embeddings::body(r, None)?),
    };
    Ok(HttpRequest {
        method: Method::POST,
        url: operation_url(&creds.api_base, req.model(), version, operation),
        headers: headers(creds),
        body: Bytes::from(body),
    })
}

/// Azure OpenAI: OpenAI's wire format at a deployment URL.
#[derive(Debug)]
pub struct Azure;

impl Provider for Azure {
    fn name(&self) -> &'static str {
        "azure"
    }

    fn key_sources(&self) -> KeySources {
        KeySources {
            generic_key_first: true,
            key_env: &["AZURE_API_KEY", "AZURE_OPENAI_API_KEY"],
            base_env: &["AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT"],
            default_base: None,
            key_optional: false,
        }
    }

    fn complete_credentials(&self, call: &CallCredentials, s: &dyn Settings, c: &mut Credentials) {
        c.bearer_token = non_empty(call.bearer_token.clone())
            .or_else(|| first_env(s, &["AZURE_AD_TOKEN", "AZURE_OPENAI_AD_TOKEN"]));
        c.api_version = non_empty(call.api_version.clone())
            .or_else(|| non_empty(s.module_str("api_version")))
            .or_else(|| first_env(s, &["AZURE_API_VERSION", "OPENAI_API_VERSION"]))
            .or_else(|| Some(DEFAULT_API_VERSION.to_string()));
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
        build(req, creds)
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

    /// litellm's Azure path reports a 500 as APIError, not InternalServerError.
    fn classify(&self, status: u16, facts: &ErrorFacts, raw_body: &str) -> (ErrorKind, u16) {
        match crate::error::classify_status(status, facts, raw_body) {
            (ErrorKind::InternalServerError, s) => (ErrorKind::APIError, s),
            other => other,
        }
    }

    fn exception_title(&self) -> String {
        "AzureException".into()
    }

    /// litellm's Azure wording puts the class after the title: "AzureException RateLimitError
    /// - <message>"; connection failures are the SDK's "Connection error.".
    fn exception_message(&self, e: &LlmError) -> String {
        if !from_provider(e) {
            return e.message.clone();
        }
        let text = if e.kind == ErrorKind::APIConnectionError
            && e.upstream_status == 0
            && e.body.is_none()
        {
            sdk_connection_text(e)
        } else {
            e.message.as_str()
        };
        if e.kind == ErrorKind::ContentPolicyViolationError {
            // litellm shows Azure's content-filter message alone.
            return text.to_string();
        }
        if class_is_repeated(e.kind) {
            format!("AzureException {} - {text}", e.kind.class_name())
        } else {
            format!("AzureException - {text}")
        }
    }

    fn malformed_body_kind(&self) -> ErrorKind {
        ErrorKind::APIError
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            chat_url("https://r.openai.azure.com/", "dep", "2024-10-21"),
            "https://r.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2024-10-21"
        );
        assert_eq!(
            chat_url("https://r.openai.azure.com/openai/v1", "dep", "x"),
            "https://r.openai.azure.com/openai/v1/chat/completions"
        );
        assert_eq!(
            chat_url("https://r.openai.azure.com/openai", "dep", "v"),
            "https://r.openai.azure.com/openai/deployments/dep/chat/completions?api-version=v"
        );
    }

    #[test]
    fn auth_headers() {
        let req = ChatRequest {
            model: "dep".into(),
            ..Default::default()
        };
        let ep = Credentials {
            api_base: "https://r.openai.azure.com".into(),
            api_key: Some("k".into()),
            ..Default::default()
        };
        let h = build(&Request::Chat(req.clone()), &ep).unwrap();
        assert!(h.headers.contains(&("api-key".into(), "k".into())));
        let ep = Credentials {
            bearer_token: Some("t".into()),
            ..ep
        };
        let h = build(&Request::Chat(req.clone()), &ep).unwrap();
        assert!(h
            .headers
            .contains(&("authorization".into(), "Bearer t".into())));
        assert!(!h.headers.iter().any(|(k, _)| k == "api-key"));
    }
}
