//! The module's entry points: `completion` (sync, blocking with the GIL released), the async
//! call object `acompletion` awaits, and the small lookups (`get_llm_provider`, ...).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::{Py, PyAny};
use tokio::task::AbortHandle;

use crate::engine::chunks::TokenCounter;
use crate::engine::runtime::{self, Engine};
use crate::engine::stream::{self as engine_stream, StreamQueue};
use crate::engine::{self, execute, mock, PreparedCall};
use crate::error::LlmError;
use crate::providers::{self, params, Provider};
use crate::python::args;
use crate::python::bridge::{LoopBridge, Ready};
use crate::python::classes::classes;
use crate::python::errors::to_pyerr;
use crate::python::json::to_json;
use crate::python::log::{self, log_failure, log_success, CallLog};
use crate::python::settings::PySettings;
use crate::python::stream::NativeStream;
use crate::python::wait;

/// Run `f`, turning a Rust panic into litellm's APIError instead of pyo3's PanicException
/// (which `except Exception` would not catch).
fn guarded<T>(py: Python<'_>, what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(to_pyerr(
            py,
            &LlmError::internal(format!("ferrolite internal error in {what}")),
        )),
    }
}

fn llm_err(py: Python<'_>) -> impl Fn(LlmError) -> PyErr + '_ {
    move |e| to_pyerr(py, &e)
}

/// Parse, resolve and validate a call on the caller's thread.
fn prepare_call(
    py: Python<'_>,
    a: &Bound<'_, PyDict>,
) -> PyResult<(PreparedCall, Option<Py<PyAny>>, CallLog)> {
    let settings = PySettings::new(py)?;
    let log = settings.call_log();
    let parsed = args::parse(a).map_err(|e| fail(py, &log, e))?;
    let globals = settings.globals();
    let mut spec = parsed.spec;
    let mut headers = settings.module_headers();
    headers.append(&mut spec.headers);
    spec.headers = headers;
    let call = engine::prepare(spec, &settings, &globals).map_err(|e| fail(py, &log, e))?;
    log.emit(py, log::DEBUG, || {
        format!(
            "litellm.completion(model={:?}) -> provider={} url={} stream={} max_retries={}",
            call.model,
            call.provider_name,
            call.http.as_ref().map_or("<mock>", |h| h.url.as_str()),
            call.request.stream,
            call.max_retries
        )
    });
    Ok((call, parsed.mock_exception, log))
}

/// Log a failed call and turn it into the Python exception.
fn fail(py: Python<'_>, log: &CallLog, e: LlmError) -> PyErr {
    log_failure(py, log, &e);
    to_pyerr(py, &e)
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

/// Counts tokens locally when a provider streams no usage.
struct LocalCounter {
    model: String,
    messages: Vec<serde_json::Value>,
}

impl TokenCounter for LocalCounter {
    fn prompt_tokens(&self) -> u64 {
        crate::cost::count_message_tokens(&self.model, &self.messages)
    }
    fn completion_tokens(&self, generated: &str) -> u64 {
        crate::cost::count_text_tokens(&self.model, generated)
    }
}

fn counter(call: &PreparedCall) -> Box<dyn TokenCounter + Send> {
    Box::new(LocalCounter {
        model: call.model.clone(),
        messages: if call.request.include_usage {
            call.request.messages.clone()
        } else {
            Vec::new()
        },
    })
}

/// A mock stream that does not wait, filled on the caller's thread.
fn mock_stream_now(py: Python<'_>, call: &PreparedCall) -> Result<Py<PyAny>, LlmError> {
    let queue = Arc::new(StreamQueue::default());
    mock::before_reply_now(call)?;
    let (items, hidden) = mock::stream_items(call, counter(call).as_ref());
    for it in items {
        queue.push(it);
    }
    queue.end();
    NativeStream::wrap(py, queue, hidden, &call.model, None)
        .map(Bound::unbind)
        .map_err(|e| LlmError::internal(e.to_string()))
}

/// Start (or mock) a stream: returns its queue once the provider accepted the request.
async fn open_stream(
    call: Arc<PreparedCall>,
    client: Option<reqwest::Client>,
) -> crate::error::Result<(
    Arc<StreamQueue>,
    execute::Hidden,
    Option<tokio::task::JoinHandle<()>>,
)> {
    let queue = Arc::new(StreamQueue::default());
    if mock::is_mock(&call) {
        mock::before_reply(&call).await?;
        let (items, hidden) = mock::stream_items(&call, counter(&call).as_ref());
        for it in items {
            queue.push(it);
        }
        queue.end();
        return Ok((queue, hidden, None));
    }
    let client = client.ok_or_else(|| LlmError::internal("no HTTP client"))?;
    let (resp, hidden) = execute::open_stream(&call, &client).await?;
    let task = tokio::spawn(engine_stream::pump(
        call.clone(),
        resp,
        queue.clone(),
        counter(&call),
    ));
    Ok((queue, hidden, Some(task)))
}

fn client_for(
    py: Python<'_>,
    engine: &Engine,
    call: &PreparedCall,
) -> PyResult<Option<reqwest::Client>> {
    if mock::is_mock(call) {
        return Ok(None);
    }
    engine
        .pool
        .get(&call.transport)
        .map(Some)
        .map_err(llm_err(py))
}

/// `litellm.completion(...)`: takes the wrapper's `locals()`.
#[pyfunction]
pub fn completion(py: Python<'_>, args: Bound<'_, PyDict>) -> PyResult<Py<PyAny>> {
    guarded(py, "completion", || {
        let (call, mock_exc, log) = prepare_call(py, &args)?;
        if let Some(exc) = mock_exc {
            return Err(PyErr::from_value(exc.into_bound(py)));
        }
        let call = Arc::new(call);
        // A mock that does not wait needs no engine thread: answer on this one.
        if mock::is_mock(&call) && !mock::waits(&call) {
            if call.request.stream {
                return mock_stream_now(py, &call).map_err(|e| fail(py, &log, e));
            }
            return match mock::complete_now(&call, std::time::Instant::now()) {
                Ok(c) => {
                    log_success(py, &log, &c);
                    Ok(classes(py)?.model_response(py, &c)?.unbind())
                }
                Err(e) => Err(fail(py, &log, e)),
            };
        }
        let engine = engine_for(py)?;
        let client = client_for(py, &engine, &call)?;
        if call.request.stream {
            let fut = open_stream(call.clone(), client);
            let (queue, hidden, task) =
                wait::run(py, &engine, fut)?.map_err(|e| fail(py, &log, e))?;
            let abort = task.map(|t| t.abort_handle());
            return Ok(NativeStream::wrap(py, queue, hidden, &call.model, abort)?.unbind());
        }
        let result = wait::run(py, &engine, execute::complete(call, client))?;
        match result {
            Ok(c) => {
                log_success(py, &log, &c);
                Ok(classes(py)?.model_response(py, &c)?.unbind())
            }
            Err(e) => Err(fail(py, &log, e)),
        }
    })
}

/// Aborts a spawned task when dropped, so cancelling the task awaiting it cancels it too.
struct AbortOnDrop(AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A prepared async call; `start` runs it and resolves an asyncio future via a LoopBridge.
#[pyclass(module = "litellm._litellm")]
pub struct AsyncCall {
    log: CallLog,
    call: Arc<PreparedCall>,
    mock_exception: Mutex<Option<Py<PyAny>>>,
    abort: Mutex<Option<AbortHandle>>,
}

/// Validate an async call's arguments on the caller's thread (errors raise here).
#[pyfunction]
pub fn prepare_async(py: Python<'_>, args: Bound<'_, PyDict>) -> PyResult<AsyncCall> {
    guarded(py, "acompletion", || {
        let (call, mock_exc, log) = prepare_call(py, &args)?;
        Ok(AsyncCall {
            log,
            call: Arc::new(call),
            mock_exception: Mutex::new(mock_exc),
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
        let engine = engine_for(py)?;
        let client = client_for(py, &engine, &self.call)?;
        let token = bridge.register(fut, Some(self.log));
        let shared = bridge.shared();
        let call = self.call.clone();
        let handle = if call.request.stream {
            engine.runtime.spawn(async move {
                let task_call = call.clone();
                let model = call.model.clone();
                let inner = tokio::spawn(open_stream(call, client));
                let _guard = AbortOnDrop(inner.abort_handle());
                let r = inner.await;
                let ready = match r {
                    Ok(Ok((queue, hidden, task))) => {
                        Ready::Stream(Ok((queue, hidden, model, task.map(|t| t.abort_handle()))))
                    }
                    Ok(Err(e)) => Ready::Stream(Err(e)),
                    Err(_) => Ready::Stream(Err(execute::task_failure(&task_call, "stream task"))),
                };
                shared.post(token, ready);
            })
        } else {
            engine.runtime.spawn(async move {
                let task_call = call.clone();
                let inner = tokio::spawn(execute::complete(call, client));
                let _guard = AbortOnDrop(inner.abort_handle());
                let r = inner.await;
                let ready = match r {
                    Ok(r) => Ready::Completion(r),
                    Err(_) => Ready::Completion(Err(execute::task_failure(&task_call, "task"))),
                };
                shared.post(token, ready);
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
    let r = providers::resolve(model, custom_llm_provider, api_base)
        .map_err(|e| to_pyerr(py, &e.with_context("", model)))?;
    let env = |v: &str| std::env::var(v).ok().filter(|s| !s.is_empty());
    let (default_key, default_base) = providers::default_key_and_base(&r.provider, env);
    let key = api_key.map(str::to_string).or(default_key);
    let base = api_base.map(str::to_string).or(default_base);
    Ok((r.model, r.provider, key, base))
}

/// `litellm.get_supported_openai_params(model, custom_llm_provider)`.
#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider=None))]
pub fn supported_openai_params(
    model: &str,
    custom_llm_provider: Option<&str>,
) -> Option<Vec<&'static str>> {
    let r = providers::resolve(model, custom_llm_provider, None).ok()?;
    let p = Provider::from_name(&r.provider)?;
    let mut v = vec!["stream"];
    v.extend(params::supported_params(p));
    Some(v)
}

#[pyfunction]
pub fn provider_list() -> Vec<&'static str> {
    providers::PROVIDER_LIST.to_vec()
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
        .map(|(i, c)| to_json(&c, &format!("chunks[{i}]")))
        .collect::<PyResult<_>>()?;
    let msgs = match messages {
        Some(m) if !m.is_none() => match to_json(&m, "messages")? {
            serde_json::Value::Array(a) => Some(a),
            _ => None,
        },
        _ => None,
    };
    let c = engine::assemble::assemble(&raw, msgs.as_deref());
    Ok(classes(py)?.model_response(py, &c)?.unbind())
}

/// Stop the engine (registered with atexit on first use).
#[pyfunction]
pub fn shutdown(py: Python<'_>) {
    py.detach(|| runtime::shutdown(std::time::Duration::from_millis(500)));
}
