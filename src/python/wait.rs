//! Waiting for the engine from a Python thread: the GIL is released, and every 80 ms the
//! thread re-attaches to run signal handlers so Ctrl-C interrupts a call within half a second.

use std::future::Future;
use std::time::Duration;

use pyo3::prelude::*;

use crate::engine::runtime::Engine;

const SIGNAL_CHECK: Duration = Duration::from_millis(80);

/// Drive `fut` to completion on the engine's runtime from the calling thread. A pending
/// signal's exception (KeyboardInterrupt) aborts the wait; dropping `fut` cancels the request.
pub fn block_on<F>(py: Python<'_>, engine: &Engine, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(pyo3::exceptions::PyRuntimeError::new_err(
            "litellm: a synchronous call was made from inside the engine's runtime",
        ));
    }
    py.detach(|| {
        engine.runtime.block_on(async {
            tokio::pin!(fut);
            loop {
                tokio::select! {
                    out = &mut fut => return Ok(out),
                    _ = tokio::time::sleep(SIGNAL_CHECK) => {
                        Python::attach(|py| py.check_signals())?;
                    }
                }
            }
        })
    })
}
