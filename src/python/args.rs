//! Turns the arguments of `completion(...)` (its `locals()`, including `**kwargs`) into the
//! engine's `CallSpec`: None means "not given", litellm-only kwargs are consumed here, OpenAI
//! parameters and unknown kwargs are forwarded.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::{json, Value};

use crate::engine::{CallSpec, MockSpec, TimeoutSpec};
use crate::error::{ErrorKind, LlmError};
use crate::providers::params::is_litellm_only;
use crate::python::json::to_json;

/// A parsed call, plus an exception object to raise instead of calling (`mock_response=exc`).
pub struct ParsedCall {
    pub spec: CallSpec,
    pub mock_exception: Option<Py<PyAny>>,
}

fn bad(msg: impl Into<String>) -> LlmError {
    LlmError::bad_request(msg)
}

fn json_arg(v: &Bound<'_, PyAny>, name: &str) -> Result<Value, LlmError> {
    to_json(v, name).map_err(|e| bad(e.value(v.py()).to_string()))
}

fn str_arg(v: &Bound<'_, PyAny>, name: &str) -> Result<String, LlmError> {
    v.cast::<PyString>()
        .map_err(|_| bad(format!("{name} must be a string, got {}", type_name(v))))?
        .to_str()
        .map(str::to_owned)
        .map_err(|e| bad(format!("{name}: {e}")))
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

fn u32_arg(v: &Bound<'_, PyAny>, name: &str) -> Result<u32, LlmError> {
    if v.is_instance_of::<PyBool>() || !v.is_instance_of::<PyInt>() {
        return Err(bad(format!(
            "{name} must be a non-negative integer, got {}",
            type_name(v)
        )));
    }
    v.extract::<u32>()
        .map_err(|_| bad(format!("{name} must be a non-negative integer")))
}

fn f64_arg(v: &Bound<'_, PyAny>, name: &str) -> Result<f64, LlmError> {
    if v.is_instance_of::<PyBool>() {
        return Err(bad(format!("{name} must be a number of seconds")));
    }
    v.extract::<f64>().map_err(|_| {
        bad(format!(
            "{name} must be a number of seconds, got {}",
            type_name(v)
        ))
    })
}

fn cost_arg(v: &Bound<'_, PyAny>, name: &str) -> Result<f64, LlmError> {
    let x = if v.is_instance_of::<PyBool>() {
        None
    } else {
        v.extract::<f64>().ok()
    };
    x.filter(|c| c.is_finite() && *c >= 0.0).ok_or_else(|| {
        bad(format!(
            "{name} must be a non-negative number (USD per token)"
        ))
    })
}

fn headers_arg(v: &Bound<'_, PyAny>, name: &str) -> Result<Vec<(String, String)>, LlmError> {
    let d = v
        .cast::<PyDict>()
        .map_err(|_| bad(format!("{name} must be a dict of header names to values")))?;
    let mut out = Vec::with_capacity(d.len());
    for (k, val) in d.iter() {
        if val.is_none() {
            continue;
        }
        let key = k.str().map_err(|e| bad(e.to_string()))?.to_string();
        let value = val.str().map_err(|e| bad(e.to_string()))?.to_string();
        out.push((key, value));
    }
    Ok(out)
}

fn str_list_arg(v: &Bound<'_, PyAny>, name: &str) -> Result<Vec<String>, LlmError> {
    match json_arg(v, name)? {
        Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => Ok(s),
                _ => Err(bad(format!("{name} must be a list of strings"))),
            })
            .collect(),
        _ => Err(bad(format!("{name} must be a list of strings"))),
    }
}

/// `timeout=`: seconds, or an object with `.connect` / `.read` (httpx.Timeout).
fn timeout_arg(v: &Bound<'_, PyAny>) -> Result<TimeoutSpec, LlmError> {
    if v.is_instance_of::<PyFloat>() || v.is_instance_of::<PyInt>() {
        return Ok(TimeoutSpec::Uniform(f64_arg(v, "timeout")?));
    }
    let phase = |name: &str| -> Result<f64, LlmError> {
        match v.getattr(name) {
            Ok(x) if x.is_none() => Ok(f64::INFINITY),
            Ok(x) => f64_arg(&x, "timeout"),
            Err(_) => Err(bad(format!(
                "timeout must be seconds or an object with .connect and .read, got {}",
                type_name(v)
            ))),
        }
    };
    Ok(TimeoutSpec::Phases {
        connect: phase("connect")?,
        read: phase("read")?,
    })
}

/// `response_format=` may be a class with `model_json_schema()` (a pydantic model).
fn response_format_arg(v: &Bound<'_, PyAny>) -> Result<Value, LlmError> {
    if let Ok(cls) = v.cast::<PyType>() {
        let schema = cls.call_method0("model_json_schema").map_err(|e| {
            bad(format!(
                "response_format class {} has no usable model_json_schema(): {e}",
                cls.name().map(|n| n.to_string()).unwrap_or_default()
            ))
        })?;
        let mut schema = json_arg(&schema, "response_format")?;
        forbid_additional_properties(&mut schema);
        let name = cls
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "response".into());
        return Ok(json!({
            "type": "json_schema",
            "json_schema": {"name": name, "schema": schema, "strict": true}
        }));
    }
    json_arg(v, "response_format")
}

/// Strict structured outputs need `additionalProperties: false` on every object schema.
fn forbid_additional_properties(schema: &mut Value) {
    match schema {
        Value::Object(m) => {
            if m.get("type").and_then(Value::as_str) == Some("object") {
                m.entry("additionalProperties")
                    .or_insert(Value::Bool(false));
            }
            for v in m.values_mut() {
                forbid_additional_properties(v);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(forbid_additional_properties),
        _ => {}
    }
}

/// Is `v` an instance of one of litellm's exception classes (defined in litellm.exceptions)?
fn is_litellm_exception(v: &Bound<'_, PyAny>) -> bool {
    v.get_type()
        .getattr("__module__")
        .and_then(|m| m.extract::<String>())
        .is_ok_and(|m| m == "litellm.exceptions" || m == "litellm")
}

/// litellm's magic mock strings and plain text.
fn mock_from_str(s: &str) -> MockSpec {
    match s {
        "litellm.RateLimitError" => MockSpec::Raise(
            ErrorKind::RateLimitError,
            "This is a mock rate limit error".into(),
        ),
        "litellm.ContextWindowExceededError" => MockSpec::Raise(
            ErrorKind::ContextWindowExceededError,
            "This is a mock context window exceeded error".into(),
        ),
        "litellm.InternalServerError" => MockSpec::Raise(
            ErrorKind::InternalServerError,
            "This is a mock internal server error".into(),
        ),
        s if s.starts_with("Exception: content_filter_policy") => {
            MockSpec::Raise(ErrorKind::ContentPolicyViolationError, s.to_string())
        }
        s if s.starts_with("Exception: mock_streaming_error") => {
            MockSpec::StreamError(s.to_string())
        }
        s => MockSpec::Text(s.to_string()),
    }
}

fn apply(
    spec: &mut CallSpec,
    mock_exc: &mut Option<Py<PyAny>>,
    base_url_seen: &mut bool,
    key: &str,
    v: &Bound<'_, PyAny>,
) -> Result<(), LlmError> {
    match key {
        "model" => spec.model = str_arg(v, "model")?,
        "messages" => {
            if !(v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>()) {
                return Err(bad(format!(
                    "messages must be a list of message dicts, got {}",
                    type_name(v)
                )));
            }
            match json_arg(v, "messages")? {
                Value::Array(a) => spec.messages = a,
                _ => return Err(bad("messages must be a list")),
            }
        }
        "stream" => spec.stream = v.is_truthy().map_err(|e| bad(e.to_string()))?,
        "timeout" => spec.timeout = Some(timeout_arg(v)?),
        "input" if spec.api == Some(crate::providers::Api::Embeddings) => {
            spec.input = match json_arg(v, "input")? {
                Value::Array(items) if items.first().is_some_and(Value::is_number) => {
                    // One input given as token ids.
                    vec![Value::Array(items)]
                }
                Value::Array(items) => items,
                other => vec![other],
            }
        }
        "api_key" => spec.credentials.api_key = Some(str_arg(v, key)?),
        "api_base" => {
            // litellm lets base_url win when both are given.
            if !*base_url_seen {
                spec.credentials.api_base = Some(str_arg(v, key)?);
            }
        }
        "base_url" => {
            spec.credentials.api_base = Some(str_arg(v, key)?);
            *base_url_seen = true;
        }
        "api_version" => spec.credentials.api_version = Some(str_arg(v, key)?),
        "organization" => spec.credentials.organization = Some(str_arg(v, key)?),
        "custom_llm_provider" => spec.custom_llm_provider = Some(str_arg(v, key)?),
        "azure_ad_token" => spec.credentials.bearer_token = Some(str_arg(v, key)?),
        "azure_ad_token_provider" => {
            if spec.credentials.bearer_token.is_none() {
                spec.credentials.bearer_token = Some(crate::python::auth::azure_token(v)?);
            }
        }
        "headers" | "extra_headers" => spec.credentials.headers.extend(headers_arg(v, key)?),
        "metadata" => {
            let m = json_arg(v, key)?;
            if let Some(tags) = m.get("tags").and_then(Value::as_array) {
                spec.ctx
                    .tags
                    .extend(tags.iter().filter_map(Value::as_str).map(str::to_string));
            }
            spec.ctx.metadata = Some(m);
        }
        "tags" => spec.ctx.tags.extend(str_list_arg(v, key)?),
        "litellm_call_id" => spec.ctx.call_id = str_arg(v, key)?,
        "input_cost_per_token" => {
            spec.ctx
                .price_override
                .get_or_insert_with(Default::default)
                .input_cost_per_token = cost_arg(v, key)?
        }
        "output_cost_per_token" => {
            spec.ctx
                .price_override
                .get_or_insert_with(Default::default)
                .output_cost_per_token = cost_arg(v, key)?
        }
        "extra_body" => match json_arg(v, key)? {
            Value::Object(m) => spec.extra_body.extend(m),
            _ => return Err(bad("extra_body must be a dict")),
        },
        "num_retries" => spec.num_retries = Some(u32_arg(v, key)?),
        "max_retries" => spec.max_retries = Some(u32_arg(v, key)?),
        "drop_params" => spec.drop_params = Some(v.is_truthy().map_err(|e| bad(e.to_string()))?),
        "allowed_openai_params" => spec.allowed_openai_params = str_list_arg(v, key)?,
        "additional_drop_params" => spec.additional_drop_params = str_list_arg(v, key)?,
        "mock_response" => {
            if let Ok(s) = v.cast::<PyString>() {
                spec.mock = Some(mock_from_str(s.to_str().map_err(|e| bad(e.to_string()))?));
            } else if v.is_instance_of::<pyo3::exceptions::PyBaseException>() {
                if is_litellm_exception(v) {
                    // One of litellm's own exceptions is raised as it is.
                    *mock_exc = Some(v.clone().unbind());
                    spec.mock = Some(MockSpec::Text(String::new()));
                } else {
                    // Any other exception is mapped like a provider failure with its status.
                    let status = v
                        .getattr("status_code")
                        .ok()
                        .and_then(|s| s.extract::<u16>().ok())
                        .unwrap_or(500);
                    let message = v.str().map(|s| s.to_string()).unwrap_or_default();
                    spec.mock = Some(MockSpec::Fail { status, message });
                }
            } else if v.is_instance_of::<PyDict>() {
                // litellm returns ModelResponse(**mock_response): its defaults fill the gaps.
                let built = v
                    .py()
                    .import("litellm.types.utils")
                    .and_then(|m| m.getattr("ModelResponse"))
                    .and_then(|cls| cls.call((), Some(&v.cast::<PyDict>()?.clone())))
                    .map_err(|e| bad(format!("mock_response dict is not a valid response: {e}")))?;
                spec.mock = Some(MockSpec::Response(json_arg(&built, key)?));
            } else {
                spec.mock = Some(MockSpec::Response(json_arg(v, key)?));
            }
        }
        "mock_tool_calls" => spec.mock_tool_calls = Some(json_arg(v, key)?),
        "mock_delay" => spec.mock_delay = Some(f64_arg(v, key)?),
        "mock_timeout" => spec.mock_timeout = v.is_truthy().map_err(|e| bad(e.to_string()))?,
        "response_format" => {
            spec.params.insert(key.to_string(), response_format_arg(v)?);
        }
        k if is_litellm_only(k) => {}
        k => {
            spec.params.insert(k.to_string(), json_arg(v, k)?);
        }
    }
    Ok(())
}

/// Parse `completion`'s locals. Errors are litellm errors (raised as BadRequestError).
pub fn parse(args: &Bound<'_, PyDict>, api: crate::providers::Api) -> Result<ParsedCall, LlmError> {
    let mut spec = CallSpec {
        api: Some(api),
        ..CallSpec::default()
    };
    let mut mock_exc = None;
    let mut base_url_seen = false;
    let mut kwargs = None;
    for (k, v) in args.iter() {
        let key = k
            .cast::<PyString>()
            .map_err(|_| bad("argument names must be strings"))?;
        let key = key.to_str().map_err(|e| bad(e.to_string()))?;
        if key == "kwargs" {
            kwargs = Some(v);
            continue;
        }
        if v.is_none() {
            continue;
        }
        apply(&mut spec, &mut mock_exc, &mut base_url_seen, key, &v)?;
    }
    if let Some(kw) = kwargs {
        if let Ok(d) = kw.cast::<PyDict>() {
            for (k, v) in d.iter() {
                if v.is_none() {
                    continue;
                }
                let key = k.str().map_err(|e| bad(e.to_string()))?.to_string();
                apply(&mut spec, &mut mock_exc, &mut base_url_seen, &key, &v)?;
            }
        }
    }
    Ok(ParsedCall {
        spec,
        mock_exception: mock_exc,
    })
}
