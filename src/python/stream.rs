//! The native side of `CustomStreamWrapper`: pops shaped chunks from the engine's queue and
//! builds `ModelResponseStream` objects on the consuming thread. Closing or dropping it aborts
//! the task reading the provider, which closes the connection.
//!
//! A stream opened by a sync call has its pump on the calling thread's runtime (`driver`):
//! waiting for a chunk runs that runtime, so the chunk is read, shaped and built into an object
//! on one thread. A stream opened by an async call has its pump on the engine's runtime and is
//! waited for through a thread park or the event loop.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyStopAsyncIteration, PyStopIteration};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::{intern, Py, PyAny};

use crate::engine::runtime::CallerThread;
use crate::engine::stream::{Next, StreamQueue, Wake};
use crate::engine::StreamHandle;
use crate::python::bridge::{BridgeWake, LoopBridge};
use crate::python::classes::{classes, hidden_dict};
use crate::python::errors::to_pyerr;
use crate::python::log::{log_internal, CallLog};
use crate::python::wait;

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
    /// The engine's handle; dropping or stopping it stops the pump.
    handle: Mutex<Option<StreamHandle>>,
    log: Option<Arc<CallLog>>,
    /// The runtime the pump runs on when this thread drives it (sync calls).
    driver: Option<Arc<CallerThread>>,
}

impl NativeStream {
    /// A `CustomStreamWrapper` around a running stream.
    pub fn wrap<'py>(
        py: Python<'py>,
        handle: StreamHandle,
        log: Option<Arc<CallLog>>,
        driver: Option<Arc<CallerThread>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let hidden = hidden_dict(py, &handle.hidden)?;
        let model = handle.model.clone();
        let native = Bound::new(
            py,
            NativeStream {
                queue: handle.queue.clone(),
                handle: Mutex::new(Some(handle)),
                log,
                driver,
            },
        )?;
        let cls = WRAPPER.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("litellm.litellm_core_utils.streaming_handler")?
                .getattr("CustomStreamWrapper")?
                .getattr("_from_native")?
                .unbind())
        })?;
        cls.bind(py).call1((native, hidden, model))
    }

    fn flush_log(&self, py: Python<'_>) {
        if let Some(l) = &self.log {
            l.flush(py);
        }
    }

    fn convert(&self, py: Python<'_>, next: Next, is_async: bool) -> PyResult<Option<Py<PyAny>>> {
        match next {
            Next::Item(Ok(chunk)) => Ok(Some(classes(py)?.chunk(py, &chunk)?.unbind())),
            Next::Item(Err(e)) => {
                self.stop();
                self.flush_log(py);
                log_internal(py, &e);
                Err(to_pyerr(py, &e))
            }
            Next::End => {
                self.stop();
                self.flush_log(py);
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
        let stopped = self
            .handle
            .lock()
            .ok()
            .and_then(|mut h| h.take())
            .map(|mut h| h.stop())
            .is_some();
        if stopped {
            if let Some(d) = &self.driver {
                // Nobody else runs this runtime: let it drop the aborted pump now.
                wait::settle(d);
            }
        }
    }

    /// The next item, driving this thread's runtime until there is one (sync-call streams).
    fn next_driven(
        &self,
        py: Python<'_>,
        driver: &CallerThread,
        is_async: bool,
    ) -> PyResult<Py<PyAny>> {
        loop {
            if let Some(v) = self.convert(py, self.queue.poll(None), is_async)? {
                return Ok(v);
            }
            if let Err(e) = wait::until_ready(py, driver, &self.queue) {
                self.close();
                return Err(e);
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
        if let Some(d) = &self.driver {
            return self.next_driven(py, d, false);
        }
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

    /// The next chunk if one is buffered, else the PENDING sentinel. A sync call's stream
    /// iterated with `async for` reads its next chunk right here, blocking, as litellm's
    /// wrapper does for a sync stream.
    fn try_next(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        if let Some(d) = &self.driver {
            return self.next_driven(py, d, true);
        }
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
