//! The native side of `CustomStreamWrapper`: pops shaped chunks from the engine's queue and
//! builds `ModelResponseStream` objects on the consuming thread. Closing or dropping it aborts
//! the task reading the provider, which closes the connection.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyStopAsyncIteration, PyStopIteration};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::{intern, Py, PyAny};
use tokio::task::AbortHandle;

use crate::engine::execute::Hidden;
use crate::engine::stream::{Next, StreamQueue, Wake};
use crate::python::bridge::{BridgeWake, LoopBridge};
use crate::python::classes::{classes, hidden_dict};
use crate::python::errors::to_pyerr;

static PENDING: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static WRAPPER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The object `try_next` returns when no chunk is buffered yet.
pub fn pending_sentinel(py: Python<'_>) -> PyResult<Py<PyAny>> {
    PENDING
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py.import("builtins")?.getattr("object")?.call0()?.unbind())
        })
        .map(|p| p.clone_ref(py))
}

struct ThreadWake(std::thread::Thread);

impl Wake for ThreadWake {
    fn wake(&self) {
        self.0.unpark();
    }
}

#[pyclass(module = "litellm._litellm")]
pub struct NativeStream {
    queue: Arc<StreamQueue>,
    abort: Mutex<Option<AbortHandle>>,
}

impl NativeStream {
    /// A `CustomStreamWrapper` around a running stream.
    pub fn wrap<'py>(
        py: Python<'py>,
        queue: Arc<StreamQueue>,
        hidden: Hidden,
        model: &str,
        abort: Option<AbortHandle>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let native = Bound::new(
            py,
            NativeStream {
                queue,
                abort: Mutex::new(abort),
            },
        )?;
        let cls = WRAPPER.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("litellm.litellm_core_utils.streaming_handler")?
                .getattr("CustomStreamWrapper")?
                .getattr("_from_native")?
                .unbind())
        })?;
        cls.bind(py)
            .call1((native, hidden_dict(py, &hidden)?, model))
    }

    pub fn set_abort(&self, h: AbortHandle) {
        if let Ok(mut a) = self.abort.lock() {
            *a = Some(h);
        }
    }

    fn convert(&self, py: Python<'_>, next: Next, is_async: bool) -> PyResult<Option<Py<PyAny>>> {
        match next {
            Next::Item(Ok(chunk)) => Ok(Some(classes(py)?.chunk(py, &chunk)?.unbind())),
            Next::Item(Err(e)) => {
                self.stop();
                Err(to_pyerr(py, &e))
            }
            Next::End => {
                self.stop();
                if is_async {
                    Err(PyStopAsyncIteration::new_err(()))
                } else {
                    Err(PyStopIteration::new_err(()))
                }
            }
            Next::Pending => Ok(None),
        }
    }

    fn stop(&self) {
        if let Ok(mut a) = self.abort.lock() {
            if let Some(h) = a.take() {
                h.abort();
            }
        }
    }
}

impl Drop for NativeStream {
    fn drop(&mut self) {
        self.stop();
    }
}

#[pymethods]
impl NativeStream {
    /// The next chunk, waiting for it with the GIL released (Ctrl-C still interrupts).
    fn next_blocking(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        if let Some(v) = self.convert(py, self.queue.poll(None), false)? {
            return Ok(v);
        }
        let waker: Arc<dyn Wake> = Arc::new(ThreadWake(std::thread::current()));
        loop {
            if let Some(v) = self.convert(py, self.queue.poll(Some(waker.clone())), false)? {
                return Ok(v);
            }
            py.detach(|| std::thread::park_timeout(Duration::from_millis(80)));
            if let Err(e) = py.check_signals() {
                self.close();
                return Err(e);
            }
        }
    }

    /// The next chunk if one is buffered, else the PENDING sentinel.
    fn try_next(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.convert(py, self.queue.poll(None), true)? {
            Some(v) => Ok(v),
            None => pending_sentinel(py),
        }
    }

    /// Resolve `fut` (with None) through `bridge` when something arrives.
    fn wait_async(&self, py: Python<'_>, bridge: &LoopBridge, fut: Py<PyAny>) -> PyResult<()> {
        let token = bridge.register(fut.clone_ref(py), None);
        let waker = Arc::new(BridgeWake {
            shared: bridge.shared(),
            token,
        });
        if self.queue.wait(waker) {
            bridge.forget(token);
            fut.bind(py)
                .call_method1(intern!(py, "set_result"), (py.None(),))?;
        }
        Ok(())
    }

    /// Stop reading: aborts the provider request and ends iteration.
    fn close(&self) {
        self.stop();
        self.queue.close();
    }

    fn is_finished(&self) -> bool {
        self.queue.is_ended()
    }
}
