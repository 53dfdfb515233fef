//! Sending a prepared call: the provider's auth step and the retry loop around one HTTP
//! exchange, until a 2xx response's headers arrive. Error bodies are read (bounded) and
//! classified by the provider's error facts.

use reqwest::Client;

use crate::engine::{retry, PreparedCall};
use crate::error::{LlmError, Result};
use crate::http::client::{self, HttpResponse};
use crate::providers::{self, Provider};

/// The provider of a call that goes on the wire (mocks never get here).
pub fn provider_of(call: &PreparedCall) -> Result<&'static dyn Provider> {
    call.provider
        .ok_or_else(|| LlmError::internal("a call without a provider reached the network"))
}

/// Send the call's request, retrying per policy, until a 2xx response's headers arrive.
pub async fn send_with_retries(call: &PreparedCall, client: &Client) -> Result<HttpResponse> {
    let provider = provider_of(call)?;
    let Some(http) = call.http.as_ref() else {
        return Err(LlmError::internal("no request to send"));
    };
    let mut attempt = 0u32;
    loop {
        let outcome = match provider.authorize(http.clone(), &call.credentials).await {
            Ok(signed) => client::send(client, signed, call.timeouts).await,
            Err(e) => Err(e),
        };
        let outcome = match outcome {
            Ok(mut resp) if resp.status >= 400 => {
                // Error bodies are small; read them whole (bounded by the read timeout and
                // the body cap).
                let body = resp
                    .body(call.timeouts.read, call.limits.max_body_bytes)
                    .await
                    .unwrap_or_default();
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
                    call.ctx.count_retry();
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
