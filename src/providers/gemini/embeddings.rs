//! Gemini embeddings as litellm 1.109.1 calls them: `POST {base}/models/{model}:batchEmbedContents`
//! with one request per input, and the vectors back as an OpenAI `list`. Gemini reports no
//! token counts, so usage is counted locally, as litellm does.

use serde_json::{json, Map, Value};

use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::HttpRequest;
use crate::providers::contract::{json_post, Credentials, EmbeddingRequest};

pub const SUPPORTED_PARAMS: &[&str] = &["dimensions", "encoding_format"];

fn bad(msg: impl Into<String>) -> LlmError {
    LlmError::new(ErrorKind::BadRequestError, msg).with_status(400)
}

pub fn build_http(req: &EmbeddingRequest, creds: &Credentials) -> Result<HttpRequest> {
    let mut requests = Vec::with_capacity(req.input.len());
    let dims = req.params.get("dimensions").filter(|v| !v.is_null());
    let task = req.params.get("input_type").filter(|v| !v.is_null());
    if let Some(f) = req.params.get("encoding_format").and_then(Value::as_str) {
        if f != "float" {
            return Err(bad(format!(
                "gemini embeddings come as floats; encoding_format={f:?} is not supported"
            )));
        }
    }
    for (i, input) in req.input.iter().enumerate() {
        let parts: Vec<Value> = match input {
            Value::String(s) => vec![json!({ "text": s })],
            // A nested list is one embedding of several parts.
            Value::Array(items) if items.iter().all(Value::is_string) => {
                items.iter().map(|s| json!({ "text": s })).collect()
            }
            _ => {
                return Err(bad(format!(
                    "input[{i}]: gemini embeds text (a string or a list of strings), not token ids"
                )))
            }
        };
        let mut r = Map::new();
        r.insert("model".into(), json!(format!("models/{}", req.model)));
        r.insert("content".into(), json!({ "parts": parts }));
        if let Some(d) = dims {
            r.insert("outputDimensionality".into(), d.clone());
        }
        if let Some(t) = task {
            r.insert("taskType".into(), t.clone());
        }
        requests.push(Value::Object(r));
    }
    let mut body = json!({ "requests": requests });
    for (k, v) in &req.extra_body {
        body[k] = v.clone();
    }
    let headers = vec![(
        "content-type".to_string(),
        "application/json; charset=utf-8".to_string(),
    )];
    let base = creds.api_base.trim_end_matches('/');
    let url = format!("{base}/models/{}:batchEmbedContents", req.model);
    json_post(
        url,
        &body,
        headers,
        super::request::key_header(creds),
        creds,
    )
}

pub fn parse_response(req: &EmbeddingRequest, raw: &[u8]) -> Result<Value> {
    // litellm's embedding path reports an unreadable answer as a connection error.
    let unreadable =
        |detail: String| LlmError::new(ErrorKind::APIConnectionError, detail).with_status(500);
    let body: Value = serde_json::from_slice(raw).map_err(|e| unreadable(e.to_string()))?;
    let embeddings = body
        .get("embeddings")
        .and_then(Value::as_array)
        .ok_or_else(|| unreadable("'embeddings' missing from the response".into()))?;
    let data: Vec<Value> = embeddings
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({"embedding": e.get("values").cloned().unwrap_or(json!([])),
                   "index": i, "object": "embedding"})
        })
        .collect();
    let text: String = req
        .input
        .iter()
        .flat_map(|i| match i {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        })
        .collect::<Vec<_>>()
        .join("");
    let tokens = crate::cost::count_text_tokens(&req.model, &text);
    Ok(json!({
        "object": "list",
        "data": data,
        "model": req.model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_request_per_input() {
        let mut req = EmbeddingRequest {
            model: "text-embedding-004".into(),
            input: vec![json!("a b"), json!(["c", "d"])],
            ..Default::default()
        };
        req.params.insert("dimensions".into(), json!(4));
        req.params
            .insert("input_type".into(), json!("RETRIEVAL_QUERY"));
        let creds = Credentials {
            api_base: "http://h/v1beta".into(),
            api_key: Some("k".into()),
            ..Default::default()
        };
        let http = build_http(&req, &creds).unwrap();
        assert_eq!(
            http.url,
            "http://h/v1beta/models/text-embedding-004:batchEmbedContents"
        );
        let body: Value = serde_json::from_slice(&http.body).unwrap();
        assert_eq!(
            body["requests"][1],
            json!({"model": "models/text-embedding-004",
                   "content": {"parts": [{"text": "c"}, {"text": "d"}]},
                   "outputDimensionality": 4, "taskType": "RETRIEVAL_QUERY"})
        );
        let v = parse_response(
            &req,
            br#"{"embeddings":[{"values":[0.1]},{"values":[0.2]}]}"#,
        )
        .unwrap();
        assert_eq!(v["data"][1]["embedding"], json!([0.2]));
        assert!(v["usage"]["prompt_tokens"].as_u64().unwrap() > 0);
        req.input = vec![json!([1, 2])];
        assert!(build_http(&req, &creds).is_err());
    }
}
