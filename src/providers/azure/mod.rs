//! Azure OpenAI: OpenAI's wire format at a deployment URL with `api-version`, authenticated by
//! `api-key` or an Entra ID bearer token.

use bytes::Bytes;
use reqwest::Method;

use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::providers::openai::request::{body, join_url, json_headers};
use crate::providers::Endpoint;
use crate::types::ChatRequest;

/// litellm's AZURE_DEFAULT_API_VERSION.
pub const DEFAULT_API_VERSION: &str = "2025-02-01-preview";

/// The chat URL: the v1 surface (`.../openai/v1`) takes the deployment in the body; the
/// classic surface puts it in the path and needs `api-version`.
pub fn chat_url(base: &str, deployment: &str, api_version: &str) -> String {
    let trimmed = base.trim_end_matches('/');
    if trimmed.ends_with("/openai/v1") {
        return join_url(trimmed, "chat/completions");
    }
    if trimmed.contains("/openai/deployments/") {
        // A full deployment URL was given as the base.
        let url = if trimmed.ends_with("/chat/completions") {
            trimmed.to_string()
        } else {
            join_url(trimmed, "chat/completions")
        };
        return format!("{url}?api-version={api_version}");
    }
    let root = trimmed.trim_end_matches("/openai");
    format!("{root}/openai/deployments/{deployment}/chat/completions?api-version={api_version}")
}

pub fn build(req: &ChatRequest, ep: &Endpoint) -> Result<HttpRequest> {
    if ep.api_base.is_empty() {
        return Err(LlmError::new(
            ErrorKind::AuthenticationError,
            "Missing Azure API base: pass api_base= or set AZURE_API_BASE (e.g. \
             https://<resource>.openai.azure.com)",
        ));
    }
    let version = ep.api_version.as_deref().unwrap_or(DEFAULT_API_VERSION);
    let mut headers = json_headers(ep.extra_headers.len());
    match (&ep.azure_ad_token, &ep.api_key) {
        (Some(token), _) => headers.push(("authorization".into(), format!("Bearer {token}"))),
        (None, Some(key)) => headers.push(("api-key".into(), key.clone())),
        (None, None) => {}
    }
    headers.extend(ep.extra_headers.iter().cloned());
    Ok(HttpRequest {
        method: Method::POST,
        url: chat_url(&ep.api_base, &req.model, version),
        headers,
        body: Bytes::from(body(req, None)?),
    })
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
        let ep = Endpoint {
            api_base: "https://r.openai.azure.com".into(),
            api_key: Some("k".into()),
            ..Default::default()
        };
        let h = build(&req, &ep).unwrap();
        assert!(h.headers.contains(&("api-key".into(), "k".into())));
        let ep = Endpoint {
            azure_ad_token: Some("t".into()),
            ..ep
        };
        let h = build(&req, &ep).unwrap();
        assert!(h
            .headers
            .contains(&("authorization".into(), "Bearer t".into())));
        assert!(!h.headers.iter().any(|(k, _)| k == "api-key"));
    }
}
