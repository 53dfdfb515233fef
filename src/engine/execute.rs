//! Sending a prepared call: the retry loop around one HTTP exchange, and turning the provider's
//! answer into the final OpenAI-shaped response with litellm's hidden parameters.

use std::sync::Arc;
use std::time::Instant;

use reqwest::Client;
use serde_json::Value;

use crate::engine::{mock, retry, PreparedCall};
use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::{self, HttpResponse};
use crate::providers::{self, Provider};
use crate::types::{ids, UsageCounts, UsageJson};

/// litellm's `_hidden_params` of a response.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hidden {
    pub custom_llm_provider: String,
    pub api_base: String,
    pub response_cost: Option<f64>,
    /// Provider headers: `llm_provider-<name>` for all, plus `x-ratelimit-*` as sent.
    pub additional_headers: Vec<(String, String)>,
    /// The model string the caller passed (`litellm_model_name`).
    pub litellm_model_name: String,
    /// The model the provider says answered (`provider_response_model`).
    pub provider_response_model: Option<String>,
    /// A fresh id per call (`litellm_call_id`).
    pub litellm_call_id: String,
}

impl Hidden {
    /// The hidden parameters every answer to `call` starts from.
    pub fn for_call(call: &PreparedCall) -> Hidden {
        Hidden {
            custom_llm_provider: call.provider_name.clone(),
            api_base: call.endpoint.api_base.clone(),
            litellm_model_name: call.requested_model.clone(),
            litellm_call_id: ids::uuid4(),
            ..Hidden::default()
        }
    }
}

/// A finished non-streaming call.
#[derive(Debug, Clone)]
pub struct Completion {
    pub response: Value,
    pub hidden: Hidden,
    pub response_ms: f64,
}

/// Re-key provider headers as litellm reports them.
pub fn additional_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(headers.len() * 2);
    for (k, v) in headers {
        let lk = k.to_ascii_lowercase();
        if lk.starts_with("x-ratelimit-") {
            out.push((lk.clone(), v.clone()));
        }
        out.push((format!("llm_provider-{lk}"), v.clone()));
    }
    out
}

/// Price a call from its usage; `None` when the model is not in the catalog.
pub fn response_cost(provider: &str, models: &[&str], usage: Option<&Value>) -> Option<f64> {
    let counts = UsageCounts::from_usage(usage?)?;
    models
        .iter()
        .find_map(|m| crate::cost::response_cost(provider, m, &counts))
}

/// Send the call's request, retrying per policy, until a 2xx response's headers arrive.
pub async fn send_with_retries(call: &PreparedCall, client: &Client) -> Result<HttpResponse> {
    let (Some(provider), Some(http)) = (call.provider, call.http.as_ref()) else {
        return Err(LlmError::internal("no request to send"));
    };
    let mut attempt = 0u32;
    loop {
        let outcome = match client::send(client, http.clone(), call.timeouts).await {
            Ok(mut resp) if resp.status >= 400 => {
                // Error bodies are small; read them whole (bounded by the read timeout).
                let body = resp.body(call.timeouts.read).await.unwrap_or_default();
                Err(providers::error_from_response(
                    provider,
                    resp.status,
                    &resp.headers,
                    &body,
                ))
            }
            other => other,
        };
        match outcome {
            Ok(resp) => return Ok(resp),
            Err(mut e) => {
                e.url = Some(http.url.clone());
                if retry::should_retry(&e, attempt, call.max_retries) {
                    tokio::time::sleep(retry::delay(&e, attempt)).await;
                    attempt += 1;
                    continue;
                }
                if attempt > 0 {
                    e.num_retries = Some(attempt);
                }
                if call.max_retries > 0 {
                    e.max_retries = Some(call.max_retries);
                }
                return Err(e.with_context(provider.name(), &call.model));
            }
        }
    }
}

/// Run a non-streaming call to completion.
pub async fn complete(call: Arc<PreparedCall>, client: Option<Client>) -> Result<Completion> {
    let started = Instant::now();
    if mock::is_mock(&call) {
        return mock::complete(&call, started).await;
    }
    let (Some(provider), Some(client)) = (call.provider, client) else {
        return Err(LlmError::internal("no client for a real call"));
    };
    let mut resp = send_with_retries(&call, &client).await?;
    let body = resp
        .body(call.timeouts.read)
        .await
        .map_err(|e| e.with_context(provider.name(), &call.model))?;
    let response = providers::parse_response(provider, &call.request, &body).map_err(|mut e| {
        // The provider answered (with something unusable): keep its status and body.
        e.upstream_status = resp.status;
        e.body.get_or_insert_with(|| body.clone());
        e.headers = resp.headers.clone();
        e.with_context(provider.name(), &call.model)
    })?;
    Ok(finalize(&call, provider, response, &resp.headers, started))
}

/// litellm's touches on a provider response: model naming, object, cost, hidden params.
pub fn finalize(
    call: &PreparedCall,
    provider: Provider,
    mut response: Value,
    headers: &[(String, String)],
    started: Instant,
) -> Completion {
    let provider_model = response
        .get("model")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .map(str::to_string);
    let cost = response_cost(
        provider.name(),
        &[
            call.model.as_str(),
            provider_model.as_deref().unwrap_or(call.model.as_str()),
        ],
        response.get("usage"),
    );
    let provider_response_model = provider_model.clone();
    if let Some(obj) = response.as_object_mut() {
        let shown = provider_model.unwrap_or_else(|| call.model.clone());
        let shown = match provider {
            Provider::Compat(h) if h.quirks.prefix_response_model => {
                format!("{}/{}", h.name, shown)
            }
            _ => shown,
        };
        obj.insert("model".into(), Value::String(shown));
        obj.insert("object".into(), Value::String("chat.completion".into()));
        if !obj.get("id").is_some_and(Value::is_string) {
            obj.insert("id".into(), Value::String(ids::completion_id()));
        }
        if !obj.get("created").is_some_and(Value::is_number) {
            obj.insert("created".into(), ids::unix_now().into());
        }
        // litellm gives every choice of a real response provider_specific_fields ({}).
        if let Some(Value::Array(choices)) = obj.get_mut("choices") {
            for c in choices.iter_mut().filter_map(Value::as_object_mut) {
                c.entry("provider_specific_fields")
                    .or_insert_with(|| Value::Object(Default::default()));
            }
        }
    }
    Completion {
        response,
        hidden: Hidden {
            response_cost: cost,
            additional_headers: additional_headers(headers),
            provider_response_model,
            ..Hidden::for_call(call)
        },
        response_ms: started.elapsed().as_secs_f64() * 1000.0,
    }
}

/// Open a streaming call: send (with retries) and wait for a 2xx status, so HTTP errors raise
/// from the call itself. Returns the response to pump.
pub async fn open_stream(call: &PreparedCall, client: &Client) -> Result<(HttpResponse, Hidden)> {
    let resp = send_with_retries(call, client).await?;
    let hidden = Hidden {
        additional_headers: additional_headers(&resp.headers),
        ..Hidden::for_call(call)
    };
    Ok((resp, hidden))
}

/// Map a panic or task failure to litellm's generic error, naming provider and model.
pub fn task_failure(call: &PreparedCall, what: &str) -> LlmError {
    LlmError::new(
        ErrorKind::APIError,
        format!("ferrolite internal error ({what}) calling {}", call.model),
    )
    .with_status(500)
    .with_context(&call.provider_name, &call.model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_rekeyed() {
        let h = vec![
            ("x-request-id".to_string(), "r".to_string()),
            (
                "x-ratelimit-remaining-requests".to_string(),
                "9".to_string(),
            ),
        ];
        let out = additional_headers(&h);
        assert!(out.contains(&("llm_provider-x-request-id".into(), "r".into())));
        assert!(out.contains(&("x-ratelimit-remaining-requests".into(), "9".into())));
        assert!(out.contains(&(
            "llm_provider-x-ratelimit-remaining-requests".into(),
            "9".into()
        )));
    }
}
