//! Waiting for the engine from a Python thread: the work runs on the engine's runtime (where
//! its connections live, so it moves between as few threads as possible) while this thread
//! waits with the GIL released, waking every 80 ms to run signal handlers so Ctrl-C interrupts
//! a call within half a second. An interrupted wait aborts the task, closing its connection.

use std::future::Future;
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::time::Duration;

use pyo3::prelude::*;

use crate::engine::runtime::{CallerThread, Engine};
use crate::error::LlmError;

const SIGNAL_CHECK: Duration = Duration::from_millis(80);

/// Run `fut` on the engine's runtime and wait for its output on this thread.
pub fn run<F, T>(py: Python<'_>, engine: &Engine, fut: F) -> PyResult<Result<T, LlmError>>
where
    F: Future<Output = Result<T, LlmError>> + Send + 'static,
    T: Send + 'static,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(pyo3::exceptions::PyRuntimeError::new_err(
            "litellm: a synchronous call was made from inside the engine's runtime",
        ));
    }
    let (tx, rx) = sync_channel(1);
    let task = engine.runtime.spawn(async move {
        let _ = tx.send(fut.await);
    });
    let mut rx = rx;
    loop {
        // The receiver moves into the detached closure and back (it is Send, not Sync).
        let (got, back) = py.detach(move || (rx.recv_timeout(SIGNAL_CHECK), rx));
        rx = back;
        match got {
            Ok(out) => return Ok(out),
            Err(RecvTimeoutError::Timeout) => {
                if let Err(e) = py.check_signals() {
                    task.abort();
                    return Err(e);
                }
            }
            // The task ended without sending: it panicked (or the runtime shut down).
            Err(RecvTimeoutError::Disconnected) => {
                return Ok(Err(LlmError::internal(
                    "ferrolite internal error: the call's task failed",
                )))
            }
        }
    }
}

/// Run `fut` on this thread's own runtime with the GIL released, coming back every 80 ms for
/// signal handlers. An interrupted wait drops the future, which closes its connection.
pub fn run_here<F, T>(py: Python<'_>, here: &CallerThread, fut: F) -> PyResult<Result<T, LlmError>>
where
    F: Future<Output = Result<T, LlmError>> + Send,
    T: Send,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(pyo3::exceptions::PyRuntimeError::new_err(
            "litellm: a synchronous call was made from inside the engine's runtime",
        ));
    }
    let mut fut = Box::pin(fut);
    loop {
        let (got, back) = py.detach(|| {
            let got = here
                .runtime
                .block_on(async { tokio::time::timeout(SIGNAL_CHECK, &mut fut).await });
            (got, fut)
        });
        fut = back;
        match got {
            Ok(out) => return Ok(out),
            Err(_) => py.check_signals()?,
        }
    }
}
