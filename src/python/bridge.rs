//! Hands engine results to an asyncio event loop without engine threads touching Python:
//! a task posts `(token, result)` to the bridge and writes one byte to a socket the loop
//! watches (`loop.add_reader`); the loop thread then drains every ready result in one go and
//! resolves the matching futures. Bursts of completions cost one wake-up.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::engine::stream::Wake;
use crate::engine::StreamHandle;
use crate::error::{LlmError, Result};
use crate::python::errors::to_pyerr;
use crate::python::log::{log_internal, CallLog};
use crate::python::stream::NativeStream;
use crate::types::Completion;
use pyo3::prelude::*;
use pyo3::{intern, Py, PyAny};

/// A finished piece of async work.
pub enum Ready {
    Completion(Result<Completion>),
    Stream(Result<StreamHandle>),
    /// A waiting stream has something new.
    Wake,
}

/// The half of the bridge engine threads use.
pub struct BridgeShared {
    ready: Mutex<Vec<(u64, Ready)>>,
    writer: UnixStream,
}

impl BridgeShared {
    pub fn post(&self, token: u64, r: Ready) {
        let was_empty = match self.ready.lock() {
            Ok(mut v) => {
                let empty = v.is_empty();
                v.push((token, r));
                empty
            }
            Err(_) => return,
        };
        if was_empty {
            // Non-blocking: a full socket already means a wake-up is pending.
            let _ = (&self.writer).write(&[1]);
        }
    }
}

/// Wakes a stream waiter through the bridge.
pub struct BridgeWake {
    pub shared: Arc<BridgeShared>,
    pub token: u64,
}

impl Wake for BridgeWake {
    fn wake(&self) {
        self.shared.post(self.token, Ready::Wake);
    }
}

/// A future waiting for its token, with the call's log settings (None for stream waits).
type Waiting = (Py<PyAny>, Option<Arc<CallLog>>);

#[pyclass(module = "litellm._litellm")]
pub struct LoopBridge {
    shared: Arc<BridgeShared>,
    reader: UnixStream,
    pending: Mutex<HashMap<u64, Waiting>>,
    next_token: AtomicU64,
}

impl LoopBridge {
    pub fn shared(&self) -> Arc<BridgeShared> {
        self.shared.clone()
    }

    /// Remember `fut` until its token is posted.
    pub fn register(&self, fut: Py<PyAny>, log: Option<Arc<CallLog>>) -> u64 {
        let token = self.next_token.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut p) = self.pending.lock() {
            p.insert(token, (fut, log));
        }
        token
    }

    pub fn forget(&self, token: u64) {
        if let Ok(mut p) = self.pending.lock() {
            p.remove(&token);
        }
    }
}

fn resolve(
    py: Python<'_>,
    fut: &Bound<'_, PyAny>,
    r: Ready,
    log: Option<Arc<CallLog>>,
) -> PyResult<()> {
    if let Some(l) = &log {
        l.flush(py);
    }
    if fut.call_method0(intern!(py, "done"))?.is_truthy()? {
        // Cancelled meanwhile: a stream that opened anyway is stopped when `r` drops.
        return Ok(());
    }
    let outcome: std::result::Result<Bound<'_, PyAny>, LlmError> = match r {
        Ready::Completion(Ok(c)) => Ok(crate::python::calls::response_object(py, &c)?),
        Ready::Completion(Err(e)) | Ready::Stream(Err(e)) => {
            log_internal(py, &e);
            Err(e)
        }
        Ready::Stream(Ok(handle)) => Ok(NativeStream::wrap(py, handle, log, None)?),
        Ready::Wake => Ok(py.None().into_bound(py)),
    };
    match outcome {
        Ok(v) => fut.call_method1(intern!(py, "set_result"), (v,))?,
        Err(e) => fut.call_method1(
            intern!(py, "set_exception"),
            (to_pyerr(py, &e).into_value(py),),
        )?,
    };
    Ok(())
}

#[pymethods]
impl LoopBridge {
    #[new]
    fn new() -> PyResult<Self> {
        let (reader, writer) = UnixStream::pair()?;
        reader.set_nonblocking(true)?;
        writer.set_nonblocking(true)?;
        Ok(LoopBridge {
            shared: Arc::new(BridgeShared {
                ready: Mutex::new(Vec::new()),
                writer,
            }),
            reader,
            pending: Mutex::new(HashMap::new()),
            next_token: AtomicU64::new(1),
        })
    }

    /// The descriptor to pass to `loop.add_reader`.
    fn fileno(&self) -> i32 {
        self.reader.as_raw_fd()
    }

    /// Called by the event loop when the socket is readable: resolve every ready future.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        // Clear the wake-up bytes first, then take the work: a post racing with us either
        // lands in this batch or writes a fresh byte.
        let mut buf = [0u8; 256];
        while let Ok(n) = (&self.reader).read(&mut buf) {
            if n < buf.len() {
                break;
            }
        }
        let batch = match self.shared.ready.lock() {
            Ok(mut v) => std::mem::take(&mut *v),
            Err(_) => return Ok(()),
        };
        for (token, r) in batch {
            let fut = match self.pending.lock() {
                Ok(mut p) => p.remove(&token),
                Err(_) => None,
            };
            if let Some((fut, log)) = fut {
                if let Err(e) = resolve(py, fut.bind(py), r, log) {
                    // Never let one bad future stop the others; report it like asyncio does.
                    e.write_unraisable(py, Some(fut.bind(py)));
                }
            }
        }
        Ok(())
    }
}
