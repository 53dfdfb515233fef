//! The one conversion from `LlmError` to a litellm exception instance. The classes live in
//! `litellm/exceptions.py`; this only picks the class by kind and hands over the facts.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyTuple};

use crate::error::LlmError;
use crate::providers::contract::{openai_style_message, title_exception};
use crate::providers::registry;

static FROM_ENGINE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The message litellm shows: the provider's own wording for errors it answered with (see
/// `Provider::exception_message`), the engine's text for local errors.
fn provider_message(e: &LlmError) -> String {
    match (registry::get(&e.provider), &e.timeout) {
        (Some(p), Some(t)) => p.timeout_message(t),
        (Some(p), None) => p.exception_message(e),
        (None, _) => openai_style_message(&title_exception(&e.provider), e),
    }
}

fn from_engine(py: Python<'_>) -> PyResult<&Py<PyAny>> {
    FROM_ENGINE.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py
            .import("litellm.exceptions")?
            .getattr("_from_engine")?
            .unbind())
    })
}

/// Build the Python exception for `e`.
pub fn to_pyerr(py: Python<'_>, e: &LlmError) -> PyErr {
    match build(py, e) {
        Ok(err) => err,
        // The exception module itself failed: surface that rather than hiding the original.
        Err(inner) => inner,
    }
}

/// Does litellm report `e` as a MidStreamFallbackError around the original?
fn wrapped_mid_stream(e: &LlmError) -> bool {
    e.mid_stream && registry::get(&e.provider).is_none_or(|p| p.wraps_mid_stream(e))
}

fn build(py: Python<'_>, e: &LlmError) -> PyResult<PyErr> {
    if wrapped_mid_stream(e) {
        // litellm reports a failure inside a stream as MidStreamFallbackError around the
        // original error, with the original's status.
        let original = build_plain(py, e)?.into_value(py);
        let message = original
            .bind(py)
            .getattr("message")
            .and_then(|m| m.extract::<String>())
            .unwrap_or_else(|_| e.message.clone());
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("kind", "MidStreamFallbackError")?;
        kwargs.set_item("status", e.status)?;
        kwargs.set_item("message", message)?;
        kwargs.set_item("provider", &e.provider)?;
        kwargs.set_item("model", &e.model)?;
        kwargs.set_item("original_exception", original)?;
        let exc = from_engine(py)?.bind(py).call((), Some(&kwargs))?;
        return Ok(PyErr::from_value(exc));
    }
    build_plain(py, e)
}

/// The exception of `e`'s own kind.
fn build_plain(py: Python<'_>, e: &LlmError) -> PyResult<PyErr> {
    let f = from_engine(py)?;
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
    kwargs.set_item("debug_info", e.debug_info.as_deref())?;
    kwargs.set_item("response_status", status)?;
    let exc = f.bind(py).call((), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}
