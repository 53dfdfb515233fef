//! OpenAI's `POST /embeddings`: the request body and the response, for OpenAI, Azure and the
//! compatible hosts that serve embeddings.

use bytes::Bytes;
use reqwest::Method;
use serde_json::{Map, Value};

use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::providers::contract::{Credentials, EmbeddingRequest};
use crate::providers::openai::request::{bearer_headers, join_url};
use crate::providers::openai::response::invalid_json;
use crate::providers::openai_compat::CompatHost;

/// The JSON body: model, input, parameters in call order, then extra_body.
pub fn body(req: &EmbeddingRequest, host: Option<&CompatHost>) -> Result<Vec<u8>> {
    let mut m = Map::with_capacity(req.params.len() + 2);
    let model = match host.and_then(|h| h.quirks.model_prefix) {
        Some(prefix) if !req.model.contains('/') => format!("{prefix}{}", req.model),
        _ => req.model.clone(),
    };
    m.insert("model".into(), Value::String(model));
    m.insert("input".into(), Value::Array(req.input.clone()));
    for (k, v) in &req.params {
        m.insert(k.clone(), v.clone());
    }
    for (k, v) in &req.extra_body {
        m.insert(k.clone(), v.clone());
    }
    serde_json::to_vec(&Value::Object(m))
        .map_err(|e| LlmError::bad_request(format!("Cannot serialise the request: {e}")))
}

pub fn build(
    req: &EmbeddingRequest,
    creds: &Credentials,
    host: Option<&CompatHost>,
) -> Result<HttpRequest> {
    Ok(HttpRequest {
        method: Method::POST,
        url: join_url(&creds.api_base, "embeddings"),
        headers: bearer_headers(creds, host),
        body: Bytes::from(body(req, host)?),
    })
}

/// An OpenAI `list` of embeddings; `data` must be a list. Malformed JSON is `malformed`.
pub fn parse(body: &[u8], malformed: ErrorKind) -> Result<Value> {
    let v: Value =
        serde_json::from_slice(body).map_err(|e| invalid_json("a response", e, malformed))?;
    if !v.get("data").is_some_and(Value::is_array) {
        return Err(LlmError::new(
            ErrorKind::APIError,
            "The provider's embeddings response has no `data` list",
        )
        .with_status(500));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn body_keeps_parameters_in_order() {
        let mut r = EmbeddingRequest {
            model: "text-embedding-3-small".into(),
            input: vec![json!("a"), json!("b")],
            ..Default::default()
        };
        r.params.insert("dimensions".into(), json!(8));
        r.params.insert("encoding_format".into(), json!("base64"));
        let b: Value = serde_json::from_slice(&body(&r, None).unwrap()).unwrap();
        assert_eq!(
            b,
            json!({"model": "text-embedding-3-small", "input": ["a", "b"], "dimensions": 8,
                   "encoding_format": "base64"})
        );
        assert!(parse(br#"{"object":"list"}"#, ErrorKind::APIError).is_err());
        assert!(parse(br#"{"object":"list","data":[]}"#, ErrorKind::APIError).is_ok());
    }
}
