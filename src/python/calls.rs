//! The module's entry points: `completion` (sync, blocking with the GIL released), the async
//! call object `acompletion` awaits, and the small lookups (`get_llm_provider`, ...).

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::{Py, PyAny};
use tokio::task::AbortHandle;

use crate::engine::call::internal_failure;
use crate::engine::runtime::{self, Engine};
use crate::engine::{self, PreparedCall};
use crate::error::LlmError;
use crate::providers::{self, registry, Api};
use crate::python::args;
use crate::python::bridge::{LoopBridge, Ready};
use crate::python::classes::classes;
use crate::python::errors::to_pyerr;
use crate::python::json::to_json;
use crate::python::log::{log_internal, CallLog};
use crate::python::settings::PySettings;
use crate::python::stream::NativeStream;
use crate::python::wait;

/// Run `f`, turning a Rust panic into litellm's APIError instead of pyo3's PanicException
/// (which `except Exception` would not catch).
fn guarded<T>(py: Python<'_>, what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => {
            let detail = crate::engine::guard::take_last_panic().unwrap_or_default();
            let e = LlmError::internal(format!("ferrolite internal error in {what}: {detail}"));
            log_internal(py, &e);
            Err(to_pyerr(py, &e))
        }
    }
}

fn llm_err(py: Python<'_>) -> impl Fn(LlmError) -> PyErr + '_ {
    move |e| to_pyerr(py, &e)
}

/// A prepared call and what the binding keeps beside it.
struct Prepared {
    call: Arc<PreparedCall>,
    /// `mock_response=<exception>` to raise instead of calling.
    mock_exception: Option<Py<PyAny>>,
    log: Option<Arc<CallLog>>,
}

/// Convert the arguments and prepare the call on the caller's thread: the one crossing down.
fn prepare_call(py: Python<'_>, a: &Bound<'_, PyDict>, api: Api) -> PyResult<Prepared> {
    let settings = PySettings::new(py)?;
    settings.warn_unused_sessions(py);
    let log = settings.call_log();
    let fail = |e: LlmError| {
        if let Some(l) = &log {
            l.flush(py);
        }
        to_pyerr(py, &e)
    };
    let parsed = args::parse(a, api).map_err(fail)?;
    let globals = settings.globals();
    let mut spec = parsed.spec;
    let mut headers = settings.module_headers();
    headers.append(&mut spec.credentials.headers);
    spec.credentials.headers = headers;
    spec.ctx.fail_point = settings.fail_point();
    if let Some(l) = &log {
        spec.ctx.observers.push(l.clone());
    }
    let call = engine::prepare(spec, &settings, &globals).map_err(|e| {
        if let Some(l) = &log {
            l.failure(&e);
        }
        fail(e)
    })?;
    Ok(Prepared {
        call: Arc::new(call),
        mock_exception: parsed.mock_exception,
        log,
    })
}

fn engine_for(py: Python<'_>) -> PyResult<Arc<Engine>> {
    let (engine, built_now) = runtime::get().map_err(llm_err(py))?;
    if built_now {
        // Stop the engine at interpreter exit so open streams cannot hold the process.
        let shutdown = py.import("litellm._litellm")?.getattr("shutdown")?;
        py.import("atexit")?.call_method1("register", (shutdown,))?;
    }
    Ok(engine)
}

/// The pooled client for a call that goes on the wire (mocks need none).
fn client_for(
    py: Python<'_>,
    engine: &Engine,
    call: &PreparedCall,
) -> PyResult<Option<reqwest::Client>> {
    if call.is_mock() {
        return Ok(None);
    }
    engine
        .pool
        .get(&call.transport)
        .map(Some)
        .map_err(llm_err(py))
}

/// Run one of the engine's entry points for a sync caller: a mock that does not wait is
/// answered on this thread (no runtime needed); anything else runs on this thread's own
/// runtime (`runtime::caller_thread`), GIL released. A stream's pump is spawned there too and
/// runs whenever the consumer waits for a chunk (`NativeStream`), so no chunk crosses threads.
fn run_sync<T, F>(
    py: Python<'_>,
    call: &Arc<PreparedCall>,
    entry: impl FnOnce(Option<reqwest::Client>) -> F,
) -> PyResult<Result<T, LlmError>>
where
    F: Future<Output = Result<T, LlmError>> + Send,
    T: Send,
{
    if call.answers_immediately() {
        return Ok(engine::ready_now(entry(None))
            .unwrap_or_else(|| Err(internal_failure(call, "a mock that had to wait"))));
    }
    let here = runtime::caller_thread().map_err(llm_err(py))?;
    let client = if call.is_mock() {
        None
    } else {
        Some(here.pool.get(&call.transport).map_err(llm_err(py))?)
    };
    wait::run_here(py, &here, entry(client))
}

/// Hand a finished call up: flush its log, then build the response or the exception.
fn finish<T>(
    py: Python<'_>,
    log: &Option<Arc<CallLog>>,
    r: Result<T, LlmError>,
    build: impl FnOnce(T) -> PyResult<Py<PyAny>>,
) -> PyResult<Py<PyAny>> {
    if let Some(l) = log {
        l.flush(py);
    }
    match r {
        Ok(v) => build(v),
        Err(e) => {
            log_internal(py, &e);
            Err(to_pyerr(py, &e))
        }
    }
}

/// `litellm.completion(...)`: takes the wrapper's `locals()`.
#[pyfunction]
pub fn completion(py: Python<'_>, args: Bound<'_, PyDict>) -> PyResult<Py<PyAny>> {
    guarded(py, "completion", || {
        let p = prepare_call(py, &args, Api::Chat)?;
        if let Some(exc) = p.mock_exception {
            return Err(PyErr::from_value(exc.into_bound(py)));
        }
        let call = p.call;
        if call.is_stream() {
            let r = run_sync(py, &call, |client| engine::stream(call.clone(), client))?;
            // The pump (if any) lives on this thread's runtime: the stream drives it.
            let driver = if call.answers_immediately() {
                None
            } else {
                Some(runtime::caller_thread().map_err(llm_err(py))?)
            };
            return finish(py, &p.log, r, |h| {
                Ok(NativeStream::wrap(py, h, p.log.clone(), driver)?.unbind())
            });
        }
        let r = run_sync(py, &call, |client| engine::complete(call.clone(), client))?;
        finish(py, &p.log, r, |c| Ok(response_object(py, &c)?.unbind()))
    })
}

/// `litellm.embedding(...)`: takes the wrapper's `locals()`.
#[pyfunction]
pub fn embedding(py: Python<'_>, args: Bound<'_, PyDict>) -> PyResult<Py<PyAny>> {
    guarded(py, "embedding", || {
        let p = prepare_call(py, &args, Api::Embeddings)?;
        if let Some(exc) = p.mock_exception {
            return Err(PyErr::from_value(exc.into_bound(py)));
        }
        let call = p.call;
        let r = run_sync(py, &call, |client| engine::complete(call.clone(), client))?;
        finish(py, &p.log, r, |c| Ok(response_object(py, &c)?.unbind()))
    })
}

/// The response object for a finished call of either endpoint.
pub fn response_object<'py>(
    py: Python<'py>,
    c: &crate::types::Completion,
) -> PyResult<Bound<'py, PyAny>> {
    match c.api {
        Api::Chat => classes(py)?.model_response(py, c),
        Api::Embeddings => embedding_response(py, c),
    }
}

static EMBEDDING_CLASSES: pyo3::sync::PyOnceLock<(Py<PyAny>, Py<PyAny>)> =
    pyo3::sync::PyOnceLock::new();

/// litellm's `EmbeddingResponse`: `data` stays the provider's list of plain dicts (as litellm
/// returns it from a real provider), `usage` a `Usage`, hidden params and `_response_ms` set.
/// Built through the classes' own constructors: embeddings are not the per-chunk hot path.
fn embedding_response<'py>(
    py: Python<'py>,
    c: &crate::types::Completion,
) -> PyResult<Bound<'py, PyAny>> {
    let (response_cls, usage_cls) =
        EMBEDDING_CLASSES.get_or_try_init(py, || -> PyResult<(Py<PyAny>, Py<PyAny>)> {
            let m = py.import("litellm.types.utils")?;
            Ok((
                m.getattr("EmbeddingResponse")?.unbind(),
                m.getattr("Usage")?.unbind(),
            ))
        })?;
    let kwargs = PyDict::new(py);
    let r = &c.response;
    kwargs.set_item("model", r.get("model").and_then(|m| m.as_str()))?;
    kwargs.set_item(
        "data",
        crate::python::json::to_py(py, r.get("data").unwrap_or(&serde_json::Value::Null))?,
    )?;
    if let Some(u) = r.get("usage").and_then(|u| u.as_object()) {
        let uk = PyDict::new(py);
        for (k, v) in u {
            uk.set_item(k, crate::python::json::to_py(py, v)?)?;
        }
        kwargs.set_item("usage", usage_cls.bind(py).call((), Some(&uk))?)?;
    }
    let obj = response_cls.bind(py).call((), Some(&kwargs))?;
    let hidden = crate::python::classes::hidden_dict(py, &c.hidden)?;
    hidden.set_item("_response_ms", c.response_ms)?;
    obj.setattr("_hidden_params", hidden)?;
    obj.setattr("_response_ms", c.response_ms)?;
    Ok(obj)
}

/// A prepared async call; `start` runs it and resolves an asyncio future via a LoopBridge.
#[pyclass(module = "litellm._litellm")]
pub struct AsyncCall {
    log: Option<Arc<CallLog>>,
    call: Arc<PreparedCall>,
    mock_exception: Mutex<Option<Py<PyAny>>>,
    abort: Mutex<Option<AbortHandle>>,
}

/// Validate an async call's arguments on the caller's thread (errors raise here).
#[pyfunction]
#[pyo3(signature = (args, embedding=false))]
pub fn prepare_async(
    py: Python<'_>,
    args: Bound<'_, PyDict>,
    embedding: bool,
) -> PyResult<AsyncCall> {
    let api = if embedding {
        Api::Embeddings
    } else {
        Api::Chat
    };
    guarded(py, "acompletion", || {
        let p = prepare_call(py, &args, api)?;
        Ok(AsyncCall {
            log: p.log,
            call: p.call,
            mock_exception: Mutex::new(p.mock_exception),
            abort: Mutex::new(None),
        })
    })
}

#[pymethods]
impl AsyncCall {
    /// Launch the call; `fut` (an asyncio future of `bridge`'s loop) gets the result.
    fn start(&self, py: Python<'_>, bridge: &LoopBridge, fut: Py<PyAny>) -> PyResult<()> {
        if let Some(exc) = self.mock_exception.lock().ok().and_then(|mut m| m.take()) {
            return Err(PyErr::from_value(exc.into_bound(py)));
        }
        let call = self.call.clone();
        let stream = call.is_stream();
        if call.answers_immediately() {
            let ready = if stream {
                Ready::Stream(
                    engine::ready_now(engine::stream(call.clone(), None))
                        .unwrap_or_else(|| Err(internal_failure(&call, "a mock that had to wait"))),
                )
            } else {
                Ready::Completion(
                    engine::ready_now(engine::complete(call.clone(), None))
                        .unwrap_or_else(|| Err(internal_failure(&call, "a mock that had to wait"))),
                )
            };
            let token = bridge.register(fut, self.log.clone());
            bridge.shared().post(token, ready);
            return Ok(());
        }
        let engine = engine_for(py)?;
        let client = client_for(py, &engine, &call)?;
        let token = bridge.register(fut, self.log.clone());
        let shared = bridge.shared();
        let handle = if stream {
            engine.runtime.spawn(async move {
                let r = engine::stream(call, client).await;
                shared.post(token, Ready::Stream(r));
            })
        } else {
            engine.runtime.spawn(async move {
                let r = engine::complete(call, client).await;
                shared.post(token, Ready::Completion(r));
            })
        };
        if let Ok(mut a) = self.abort.lock() {
            *a = Some(handle.abort_handle());
        }
        Ok(())
    }

    /// Cancel the call (the awaiting task was cancelled): the request is dropped.
    fn cancel(&self) {
        if let Ok(mut a) = self.abort.lock() {
            if let Some(h) = a.take() {
                h.abort();
            }
        }
    }
}

/// `litellm.get_llm_provider(model, custom_llm_provider, api_base, api_key)`.
#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider=None, api_base=None, api_key=None))]
pub fn get_llm_provider(
    py: Python<'_>,
    model: &str,
    custom_llm_provider: Option<&str>,
    api_base: Option<&str>,
    api_key: Option<&str>,
) -> PyResult<(String, String, Option<String>, Option<String>)> {
    let env = |v: &str| std::env::var(v).ok().filter(|s| !s.is_empty());
    let use_proxy = PySettings::new(py)?.use_litellm_proxy();
    let r = providers::resolve_routed(model, custom_llm_provider, api_base, use_proxy)
        .map_err(|e| to_pyerr(py, &e.with_context("", model)))?;
    let (key, base) = registry::reported_key_and_base(&r.provider, api_key, api_base, &env);
    Ok((r.model, r.provider, key, base))
}

/// `litellm.get_supported_openai_params(model, custom_llm_provider)`.
#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider=None))]
pub fn supported_openai_params(
    model: &str,
    custom_llm_provider: Option<&str>,
) -> Option<Vec<String>> {
    let r = providers::resolve(model, custom_llm_provider, None).ok()?;
    // litellm's recorded answer first; a provider it has none for answers from its adapter.
    if let Some(list) = providers::supported::litellm_supported_params(model, &r.provider, &r.model)
    {
        return Some(list.to_vec());
    }
    let p = registry::get(&r.provider)?;
    let mut v = vec!["stream".to_string()];
    v.extend(
        p.supported_params(Api::Chat)
            .into_iter()
            .map(str::to_string),
    );
    Some(v)
}

#[pyfunction]
pub fn provider_list() -> Vec<&'static str> {
    providers::PROVIDER_LIST.to_vec()
}

/// The providers the engine has an adapter for, with the endpoints each serves
/// (`(name, serves_embeddings, default_retries)`), for tests and diagnostics.
#[pyfunction]
pub fn engine_providers() -> Vec<(&'static str, bool, u32)> {
    registry::all()
        .map(|p| {
            (
                p.name(),
                p.supports_api(Api::Embeddings),
                p.default_max_retries(),
            )
        })
        .collect()
}

/// A chunk as JSON, with its `_hidden_params` (objects keep them out of their dumps).
fn chunk_json(c: &Bound<'_, PyAny>, i: usize) -> PyResult<serde_json::Value> {
    let mut v = to_json(c, &format!("chunks[{i}]"))?;
    if !c.is_instance_of::<PyDict>() {
        if let Ok(h) = c.getattr(pyo3::intern!(c.py(), "_hidden_params")) {
            if h.is_instance_of::<PyDict>() {
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("_hidden_params".into(), to_json(&h, "_hidden_params")?);
                }
            }
        }
    }
    Ok(v)
}

/// `litellm.stream_chunk_builder(chunks, messages)`: one response from a stream's chunks.
#[pyfunction]
#[pyo3(signature = (chunks, messages=None))]
pub fn stream_chunk_builder(
    py: Python<'_>,
    chunks: Bound<'_, PyList>,
    messages: Option<Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    if chunks.is_empty() {
        return Ok(py.None());
    }
    let raw: Vec<serde_json::Value> = chunks
        .iter()
        .enumerate()
        .map(|(i, c)| chunk_json(&c, i))
        .collect::<PyResult<_>>()?;
    let msgs = match messages {
        Some(m) if !m.is_none() => match to_json(&m, "messages")? {
            serde_json::Value::Array(a) => Some(a),
            _ => None,
        },
        _ => None,
    };
    let c = engine::assemble::assemble(&raw, msgs.as_deref());
    Ok(response_object(py, &c)?.unbind())
}

/// Stop the engine (registered with atexit on first use).
#[pyfunction]
pub fn shutdown(py: Python<'_>) {
    py.detach(|| runtime::shutdown(std::time::Duration::from_millis(500)));
}
