//! Containing panics: a future wrapper that turns a panic while polling into an error value,
//! and a process-wide panic hook that keeps panic messages off stderr (the binding logs them
//! through Python's `logging` instead).

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

/// The last panic's message and location, for the error and the log.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Replace the default hook (which prints to stderr) with one that records the panic.
pub fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{what}{at}"));
        }
    }));
}

/// The message of the most recent panic, taken (so each is reported once).
pub fn take_last_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut l| l.take())
}

/// Polls `inner`; a panic while polling completes the future with `Err(message)`.
pub struct CatchPanic<F> {
    inner: Pin<Box<F>>,
}

pub fn catch_panic<F: Future>(inner: F) -> CatchPanic<F> {
    CatchPanic {
        inner: Box::pin(inner),
    }
}

impl<F: Future> Future for CatchPanic<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.inner.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => {
                let msg = take_last_panic()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                Poll::Ready(Err(msg))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let ok = rt.block_on(catch_panic(async { 5 }));
        assert_eq!(ok, Ok(5));
        let err = rt.block_on(catch_panic(async {
            if ok.is_ok() {
                panic!("boom");
            }
            1
        }));
        assert!(err.unwrap_err().contains("boom"));
    }
}
