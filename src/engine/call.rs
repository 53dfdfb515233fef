//! The engine's two entry points, `complete` and `stream`: everything from a prepared call to a
//! finished response or a running stream — mocks, the auth step, retries, reading the body
//! (bounded), the stream pump, local token counting, pricing and litellm's shaping — with the
//! call's observers told at each milestone. The Python binding, the Router and the proxy call
//! these and nothing below them.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use reqwest::Client;
use serde_json::Value;
use tokio::task::AbortHandle;

use crate::engine::guard::catch_panic;
use crate::engine::send::{provider_of, send_with_retries};
use crate::engine::stream::{pump, StreamQueue};
use crate::engine::{mock, PreparedCall};
use crate::error::{ErrorKind, LlmError, Result};
use crate::providers::Provider;
use crate::types::{ids, Completion, Hidden};

/// The hidden parameters every answer to `call` starts from.
pub fn hidden_for(call: &PreparedCall) -> Hidden {
    Hidden {
        custom_llm_provider: call.provider_name.clone(),
        api_base: call.credentials.api_base.clone(),
        litellm_model_name: call.requested_model.clone(),
        litellm_call_id: if call.ctx.call_id.is_empty() {
            ids::uuid4()
        } else {
            call.ctx.call_id.clone()
        },
        model_id: call.ctx.deployment_id.clone(),
        ..Hidden::default()
    }
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

/// The cost of a response: the caller's per-token prices, else the catalog's.
pub fn price(call: &PreparedCall, models: &[&str], usage: Option<&Value>) -> Option<f64> {
    match (call.ctx.price_override, usage) {
        (Some(p), Some(u)) => p.cost(u),
        _ => crate::cost::call_cost(&call.provider_name, models, usage),
    }
}

/// litellm's generic error for a panic or a failed task, naming provider and model.
pub fn internal_failure(call: &PreparedCall, what: &str) -> LlmError {
    LlmError::new(
        ErrorKind::APIError,
        format!("ferrolite internal error ({what}) calling {}", call.model),
    )
    .with_status(500)
    .with_context(&call.provider_name, &call.model)
}

/// litellm's `litellm_debug_info` for an error of `call`, where the provider's litellm path
/// gives one: model, API base (when one was in play) and the messages as Python shows them.
fn with_debug_info(call: &PreparedCall, mut e: LlmError) -> LlmError {
    let wanted = call.provider.is_some_and(|p| p.debug_info_in_errors());
    let Some(chat) = call.chat().filter(|_| wanted && e.debug_info.is_none()) else {
        return e;
    };
    let mut info = format!("\nModel: {}", call.model);
    if !call.is_mock() && !call.credentials.api_base.is_empty() {
        info.push_str(&format!("\nAPI Base: `{}`", call.credentials.api_base));
    }
    info.push_str(&format!(
        "\nMessages: `{}`",
        crate::types::pyrepr::repr(&Value::Array(chat.messages.clone()))
    ));
    e.debug_info = Some(info);
    e
}

/// Run a non-streaming call to completion.
pub async fn complete(call: Arc<PreparedCall>, client: Option<Client>) -> Result<Completion> {
    call.ctx.notify(|o| o.pre_call(&call));
    let result = catch_panic(run_complete(&call, client))
        .await
        .unwrap_or_else(|panic| Err(internal_failure(&call, &panic)))
        .map_err(|e| with_debug_info(&call, e));
    match &result {
        Ok(c) => call.ctx.notify(|o| o.on_success(&call, c)),
        Err(e) => call.ctx.notify(|o| o.on_failure(&call, e)),
    }
    result
}

async fn run_complete(call: &PreparedCall, client: Option<Client>) -> Result<Completion> {
    let started = Instant::now();
    if call.is_mock() {
        return mock::complete(call, started).await;
    }
    let provider = provider_of(call)?;
    let client = client.ok_or_else(|| LlmError::internal("no HTTP client for a real call"))?;
    let mut resp = send_with_retries(call, &client).await?;
    let body = resp
        .body(call.timeouts.read, call.limits.max_body_bytes)
        .await
        .map_err(|e| e.with_context(provider.name(), &call.model))?;
    let response = provider
        .parse_response(&call.request, &body)
        .map_err(|mut e| {
            // The provider answered (with something unusable): keep its status and body.
            e.upstream_status = resp.status;
            e.body.get_or_insert_with(|| body.clone());
            e.headers = resp.headers.clone();
            e.with_context(provider.name(), &call.model)
        })?;
    Ok(finalize(call, provider, response, &resp.headers, started))
}

/// litellm's touches on a provider response: model naming, object, ids, cost, hidden params.
pub fn finalize(
    call: &PreparedCall,
    provider: &dyn Provider,
    mut response: Value,
    headers: &[(String, String)],
    started: Instant,
) -> Completion {
    let provider_model = response
        .get("model")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .map(str::to_string);
    let cost = price(
        call,
        &[
            call.model.as_str(),
            provider_model.as_deref().unwrap_or(call.model.as_str()),
        ],
        response.get("usage"),
    );
    let is_chat = call.chat().is_some();
    if let Some(obj) = response.as_object_mut() {
        let shown = provider_model.as_deref().unwrap_or(call.model.as_str());
        let shown = if is_chat {
            provider.response_model(shown)
        } else {
            shown.to_string()
        };
        obj.insert("model".into(), Value::String(shown));
        if is_chat {
            obj.insert("object".into(), Value::String("chat.completion".into()));
            if !obj.get("id").is_some_and(Value::is_string) {
                obj.insert("id".into(), Value::String(ids::completion_id()));
            }
            if !obj.get("created").is_some_and(Value::is_number) {
                obj.insert("created".into(), ids::unix_now().into());
            }
            // litellm gives every choice of a real response provider_specific_fields ({}).
            let empty_fields = provider.empty_provider_fields_on_choices();
            if let Some(Value::Array(choices)) = obj.get_mut("choices").filter(|_| empty_fields) {
                for c in choices.iter_mut().filter_map(Value::as_object_mut) {
                    c.entry("provider_specific_fields")
                        .or_insert_with(|| Value::Object(Default::default()));
                }
            }
        }
    }
    Completion {
        api: call.request.api(),
        response,
        hidden: Hidden {
            response_cost: cost,
            additional_headers: additional_headers(headers),
            provider_response_model: provider_model,
            ..hidden_for(call)
        },
        response_ms: started.elapsed().as_secs_f64() * 1000.0,
        assembled: false,
    }
}

/// A running (or fully buffered) stream. Dropping it stops the pump, which closes the
/// provider's connection.
pub struct StreamHandle {
    pub queue: Arc<StreamQueue>,
    pub hidden: Hidden,
    /// The requested model, which litellm shows on every chunk.
    pub model: String,
    pump: Option<AbortHandle>,
}

impl StreamHandle {
    /// Stop reading from the provider.
    pub fn stop(&mut self) {
        if let Some(h) = self.pump.take() {
            h.abort();
        }
    }
}

impl Drop for StreamHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Open a streaming call: send (with retries) and wait for a 2xx status, so HTTP errors raise
/// from the call itself; then a pump task reads the body into the handle's queue.
pub async fn stream(call: Arc<PreparedCall>, client: Option<Client>) -> Result<StreamHandle> {
    call.ctx.notify(|o| o.pre_call(&call));
    let result = catch_panic(open_stream(&call, client))
        .await
        .unwrap_or_else(|panic| Err(internal_failure(&call, &panic)))
        .map_err(|e| with_debug_info(&call, e));
    if let Err(e) = &result {
        call.ctx.notify(|o| o.on_failure(&call, e));
    }
    result
}

async fn open_stream(call: &Arc<PreparedCall>, client: Option<Client>) -> Result<StreamHandle> {
    let queue = Arc::new(StreamQueue::default());
    if call.is_mock() {
        mock::before_reply(call).await?;
        let hidden = mock::stream_into(call, &queue);
        return Ok(StreamHandle {
            queue,
            hidden,
            model: call.model.clone(),
            pump: None,
        });
    }
    let client = client.ok_or_else(|| LlmError::internal("no HTTP client for a real call"))?;
    let resp = send_with_retries(call, &client).await?;
    let hidden = Hidden {
        additional_headers: additional_headers(&resp.headers),
        ..hidden_for(call)
    };
    let task = tokio::spawn(pump(call.clone(), resp, queue.clone(), hidden.clone()));
    Ok(StreamHandle {
        queue,
        hidden,
        model: call.model.clone(),
        pump: Some(task.abort_handle()),
    })
}

/// Poll `fut` once, without a runtime: the answer of a call that `answers_immediately()`.
pub fn ready_now<F: Future>(fut: F) -> Option<F::Output> {
    let mut fut = std::pin::pin!(fut);
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
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
