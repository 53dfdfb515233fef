//! The one conversion from `LlmError` to a litellm exception instance. The classes live in
//! `litellm/exceptions.py`; this only picks the class by kind and hands over the facts.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyTuple};

use crate::error::{ErrorKind, LlmError};

static FROM_ENGINE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// "OpenAIException", "AnthropicException", "GroqException", ... as litellm names them.
fn provider_title(provider: &str) -> String {
    match provider {
        "openai" => "OpenAIException".into(),
        "azure" => "AzureException".into(),
        "" => "LiteLLMException".into(),
        p => {
            let mut c = p.chars();
            match c.next() {
                Some(f) => format!("{}{}Exception", f.to_uppercase(), c.as_str()),
                None => "Exception".into(),
            }
        }
    }
}

/// The message of an error that came from the provider, worded as litellm words it:
/// "<Class>: OpenAIException - <message>" for OpenAI-style providers (the class repeated for
/// the kinds litellm repeats it for), "AnthropicException - <raw body>" for Anthropic
/// ("AnthropicError" for overloads and context-window errors). Local errors keep their text.
fn provider_message(e: &LlmError) -> String {
    if e.upstream_status == 0 && e.body.is_none() {
        return e.message.clone();
    }
    if e.provider == "anthropic" {
        let raw = e
            .body
            .as_deref()
            .map(|b| String::from_utf8_lossy(b).trim().to_string())
            .filter(|b| !b.is_empty())
            .unwrap_or_else(|| e.message.clone());
        let overloaded = e.upstream_status == 529 || raw.contains("overloaded_error");
        let title = if overloaded || e.kind == ErrorKind::ContextWindowExceededError {
            "AnthropicError"
        } else {
            "AnthropicException"
        };
        return format!("{title} - {raw}");
    }
    let repeated = matches!(
        e.kind,
        ErrorKind::AuthenticationError
            | ErrorKind::NotFoundError
            | ErrorKind::RateLimitError
            | ErrorKind::InternalServerError
            | ErrorKind::ServiceUnavailableError
            | ErrorKind::ContextWindowExceededError
    );
    let class = if repeated {
        format!("{}: ", e.kind.class_name())
    } else {
        String::new()
    };
    format!("{class}{} - {}", provider_title(&e.provider), e.message)
}

/// Build the Python exception for `e`.
pub fn to_pyerr(py: Python<'_>, e: &LlmError) -> PyErr {
    match build(py, e) {
        Ok(err) => err,
        // The exception module itself failed: surface that rather than hiding the original.
        Err(inner) => inner,
    }
}

fn build(py: Python<'_>, e: &LlmError) -> PyResult<PyErr> {
    let f = FROM_ENGINE.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py
            .import("litellm.exceptions")?
            .getattr("_from_engine")?
            .unbind())
    })?;
    let message = provider_message(e);
    let headers = PyList::empty(py);
    for (k, v) in &e.headers {
        headers.append(PyTuple::new(py, [k.as_str(), v.as_str()])?)?;
    }
    let body = e.body.as_deref().map(|b| PyBytes::new(py, b));
    let status = if e.upstream_status != 0 {
        e.upstream_status
    } else {
        e.status
    };
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("kind", e.kind.class_name())?;
    kwargs.set_item("status", e.status)?;
    kwargs.set_item("message", message)?;
    kwargs.set_item("provider", &e.provider)?;
    kwargs.set_item("model", &e.model)?;
    kwargs.set_item("body", body)?;
    kwargs.set_item("headers", headers)?;
    kwargs.set_item("url", e.url.as_deref())?;
    kwargs.set_item("method", if e.url.is_some() { Some("POST") } else { None })?;
    kwargs.set_item("num_retries", e.num_retries)?;
    kwargs.set_item("max_retries", e.max_retries)?;
    kwargs.set_item("debug_info", Option::<&str>::None)?;
    kwargs.set_item("response_status", status)?;
    let exc = f.bind(py).call((), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}
