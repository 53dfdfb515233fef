//! Waiting for the engine from a Python thread: the work runs on the calling thread's own
//! runtime (where its connections live) with the GIL released, coming back every 80 ms to run
//! signal handlers so Ctrl-C interrupts a call within half a second. An interrupted wait drops
//! the work, closing its connection.

use std::future::Future;
use std::sync::Arc;
use std::task::{Poll, Waker};
use std::time::Duration;

use pyo3::prelude::*;

use crate::engine::runtime::CallerThread;
use crate::engine::stream::{StreamQueue, Wake};
use crate::error::LlmError;

const SIGNAL_CHECK: Duration = Duration::from_millis(80);

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

/// Drive `here`'s runtime (a sync stream's pump runs there) until `queue` has an item or has
/// ended, GIL released, coming back every 80 ms for signal handlers.
pub fn until_ready(py: Python<'_>, here: &CallerThread, queue: &Arc<StreamQueue>) -> PyResult<()> {
    run_here(py, here, async {
        std::future::poll_fn(|cx| {
            let waker: Arc<dyn Wake> = Arc::new(TaskWake(cx.waker().clone()));
            if queue.wait(waker) {
                Poll::Ready(Ok::<(), LlmError>(()))
            } else {
                Poll::Pending
            }
        })
        .await
    })
    .map(|_| ())
}

/// Let `here`'s runtime run what is ready (a stopped pump is dropped, closing its connection).
pub fn settle(here: &CallerThread) {
    if tokio::runtime::Handle::try_current().is_ok() {
        return;
    }
    here.runtime.block_on(async {
        for _ in 0..2 {
            tokio::task::yield_now().await;
        }
    });
}

/// A task's waker as the stream queue's `Wake`.
struct TaskWake(Waker);

impl Wake for TaskWake {
    fn wake(&self) {
        self.0.wake_by_ref();
    }
}
