//! Credentials that come from Python callables: Azure's `azure_ad_token_provider`, called on the
//! caller's thread (it may be azure-identity's `get_bearer_token_provider`). A token is reused
//! until shortly before the `exp` its JWT payload names; one without a readable expiry is not
//! cached.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::engine::credentials::jwt_expiry;

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::error::{ErrorKind, LlmError};

/// Refresh this long before the token says it expires.
const EARLY: Duration = Duration::from_secs(60);
/// Token providers cached at once (each entry keeps its callable alive).
const MAX_PROVIDERS: usize = 16;

struct Cached {
    provider: Py<PyAny>,
    token: String,
    expires: SystemTime,
}

static CACHE: Mutex<Vec<Cached>> = Mutex::new(Vec::new());

fn auth_error(msg: String) -> LlmError {
    LlmError::new(ErrorKind::AuthenticationError, msg)
}

/// The bearer token from `provider`, cached until shortly before it expires.
pub fn azure_token(provider: &Bound<'_, PyAny>) -> Result<String, LlmError> {
    if !provider.is_callable() {
        return Err(LlmError::bad_request(
            "azure_ad_token_provider must be a callable returning a token string",
        ));
    }
    let now = SystemTime::now();
    if let Ok(cache) = CACHE.lock() {
        if let Some(c) = cache
            .iter()
            .find(|c| c.provider.bind(provider.py()).is(provider) && c.expires > now)
        {
            return Ok(c.token.clone());
        }
    }
    let out = provider
        .call0()
        .map_err(|e| auth_error(format!("azure_ad_token_provider raised: {e}")))?;
    let token = out
        .cast::<PyString>()
        .map_err(|_| {
            auth_error("azure_ad_token_provider must return the token as a string".to_string())
        })?
        .to_string();
    if token.trim().is_empty() {
        return Err(auth_error(
            "azure_ad_token_provider returned an empty token".to_string(),
        ));
    }
    if let Some(exp) = jwt_expiry(&token) {
        if let Ok(mut cache) = CACHE.lock() {
            cache.retain(|c| !c.provider.bind(provider.py()).is(provider) && c.expires > now);
            if cache.len() >= MAX_PROVIDERS {
                cache.remove(0);
            }
            cache.push(Cached {
                provider: provider.clone().unbind(),
                token: token.clone(),
                expires: exp.checked_sub(EARLY).unwrap_or(UNIX_EPOCH),
            });
        }
    }
    Ok(token)
}
