//! The engine's tokio runtime and HTTP pools: built lazily on first use (never at import) and
//! keyed by process id, so a forked child builds fresh ones instead of using the parent's
//! threads, which do not exist in the child.

use std::sync::{Arc, Mutex};

use crate::error::{LlmError, Result};
use crate::http::client::ClientPool;

/// One generation of engine state: a runtime and its connection pools, for one process.
pub struct Engine {
    pub pid: u32,
    pub runtime: tokio::runtime::Runtime,
    pub pool: ClientPool,
}

static CURRENT: Mutex<Option<Arc<Engine>>> = Mutex::new(None);

fn build() -> Result<Engine> {
    // Built on the caller's thread, so reading the environment here is allowed.
    let threads = std::env::var("FERROLITE_ENGINE_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| (1..=64).contains(n))
        .unwrap_or_else(|| {
            // One core stays with the Python threads, which build every response object; the
            // I/O itself needs little (one worker drives 1,000 concurrent calls here).
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .saturating_sub(1)
                .clamp(1, 4)
        });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .thread_name("ferrolite-io")
        .enable_all()
        .build()
        .map_err(|e| LlmError::internal(format!("Cannot start the engine runtime: {e}")))?;
    Ok(Engine {
        pid: std::process::id(),
        runtime,
        pool: ClientPool::default(),
    })
}

/// The engine for this process, built on first use. Returns `(engine, built_now)`.
pub fn get() -> Result<(Arc<Engine>, bool)> {
    let mut cur = CURRENT
        .lock()
        .map_err(|_| LlmError::internal("engine state lock poisoned"))?;
    let pid = std::process::id();
    if let Some(e) = cur.as_ref() {
        if e.pid == pid {
            return Ok((e.clone(), false));
        }
        // Forked: the parent's runtime threads are gone. Dropping it would wait for them
        // forever, so it is deliberately leaked.
        if let Some(old) = cur.take() {
            std::mem::forget(old);
        }
    }
    let e = Arc::new(build()?);
    *cur = Some(e.clone());
    Ok((e, true))
}

/// A runtime on the calling thread, for sync calls that finish inside the call (not streams,
/// whose chunks are pumped after the call returns). Running the request where the caller
/// waits removes two cross-thread wake-ups per call (caller → I/O worker → caller), which cost
/// more than the rest of the call on machines where cross-core wake-ups are dear. Its
/// connections are driven only while this thread runs a call, so it keeps its own pools: no
/// other runtime may check one of them out.
pub struct CallerThread {
    pid: u32,
    pub runtime: tokio::runtime::Runtime,
    pub pool: ClientPool,
}

thread_local! {
    static CALLER: std::cell::RefCell<Option<Arc<CallerThread>>> =
        const { std::cell::RefCell::new(None) };
}

/// This thread's caller runtime, built on first use (and again in a forked child, whose
/// inherited one shares the parent's event-loop descriptors).
pub fn caller_thread() -> Result<Arc<CallerThread>> {
    CALLER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let pid = std::process::id();
        if let Some(c) = slot.as_ref() {
            if c.pid == pid {
                return Ok(c.clone());
            }
            if let Some(old) = slot.take() {
                std::mem::forget(old);
            }
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| LlmError::internal(format!("Cannot start a call runtime: {e}")))?;
        let c = Arc::new(CallerThread {
            pid,
            runtime,
            pool: ClientPool::default(),
        });
        *slot = Some(c.clone());
        Ok(c)
    })
}

/// Is an engine already running in this process (without building one)?
pub fn is_running() -> bool {
    CURRENT
        .lock()
        .map(|c| c.as_ref().is_some_and(|e| e.pid == std::process::id()))
        .unwrap_or(false)
}

/// Stop the engine: in-flight work is cancelled and the worker threads are given up to
/// `wait` to finish. Used at interpreter exit so open streams do not hold the process.
pub fn shutdown(wait: std::time::Duration) {
    let taken = CURRENT.lock().ok().and_then(|mut c| c.take());
    if let Some(e) = taken {
        if e.pid != std::process::id() {
            std::mem::forget(e);
            return;
        }
        match Arc::try_unwrap(e) {
            Ok(engine) => engine.runtime.shutdown_timeout(wait),
            // Something (an open stream object) still holds the engine: its tasks are
            // cancelled when it is dropped; we must not block here.
            Err(shared) => std::mem::forget(shared),
        }
    }
}
