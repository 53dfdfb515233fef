//! A running stream: the queue between the task reading the provider's bytes and the caller
//! consuming chunks, and the task itself. The caller waits through a `Wake` it registers, so
//! this module never knows whether a thread or an event loop is on the other side.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use crate::engine::chunks::{Chunk, ChunkShaper, TokenCounter};
use crate::engine::PreparedCall;
use crate::error::{LlmError, Result};
use crate::http::client::HttpResponse;
use crate::http::sse::SseDecoder;
use crate::providers::StreamTranslator;

/// Something to poke when the queue gains an item or ends.
pub trait Wake: Send + Sync {
    fn wake(&self);
}

pub type StreamItem = std::result::Result<Chunk, LlmError>;

#[derive(Default)]
struct QueueState {
    items: VecDeque<StreamItem>,
    ended: bool,
    waiter: Option<Arc<dyn Wake>>,
}

/// Producer/consumer queue of shaped chunks.
#[derive(Default)]
pub struct StreamQueue {
    state: Mutex<QueueState>,
}

/// What the consumer gets from the queue.
pub enum Next {
    Item(StreamItem),
    /// The stream is over.
    End,
    /// Nothing yet; the registered waiter (if any) will be woken.
    Pending,
}

impl StreamQueue {
    fn push_all(&self, items: impl IntoIterator<Item = StreamItem>, end: bool) {
        let waiter = {
            let Ok(mut st) = self.state.lock() else {
                return;
            };
            st.items.extend(items);
            if end {
                st.ended = true;
            }
            st.waiter.take()
        };
        if let Some(w) = waiter {
            w.wake();
        }
    }

    pub fn push(&self, item: StreamItem) {
        self.push_all(std::iter::once(item), false);
    }

    pub fn end(&self) {
        self.push_all(std::iter::empty(), true);
    }

    /// Take the next item, or register `waiter` to be woken when one arrives.
    pub fn poll(&self, waiter: Option<Arc<dyn Wake>>) -> Next {
        let Ok(mut st) = self.state.lock() else {
            return Next::Item(Err(LlmError::internal("stream queue lock poisoned")));
        };
        if let Some(item) = st.items.pop_front() {
            return Next::Item(item);
        }
        if st.ended {
            return Next::End;
        }
        if waiter.is_some() {
            st.waiter = waiter;
        }
        Next::Pending
    }

    /// Register `waiter` unless an item or the end is already there (then returns true and
    /// the caller should poll again right away).
    pub fn wait(&self, waiter: Arc<dyn Wake>) -> bool {
        let Ok(mut st) = self.state.lock() else {
            return true;
        };
        if !st.items.is_empty() || st.ended {
            return true;
        }
        st.waiter = Some(waiter);
        false
    }

    /// Stop the stream from the consumer's side: pending items are discarded.
    pub fn close(&self) {
        if let Ok(mut st) = self.state.lock() {
            st.items.clear();
            st.ended = true;
            st.waiter = None;
        }
    }

    pub fn is_ended(&self) -> bool {
        self.state
            .lock()
            .map(|s| s.ended && s.items.is_empty())
            .unwrap_or(true)
    }
}

/// Read the provider's stream and feed the queue until the end, an error or cancellation.
/// Chunks are shaped here, off the caller's thread.
pub async fn pump(
    call: Arc<PreparedCall>,
    mut resp: HttpResponse,
    queue: Arc<StreamQueue>,
    counter: Box<dyn TokenCounter + Send>,
) {
    let Some(provider) = call.provider else {
        queue.push(Err(LlmError::internal("stream without a provider")));
        queue.end();
        return;
    };
    let mut translator = StreamTranslator::new(provider, &call.request);
    let mut shaper =
        ChunkShaper::new(&call.model, call.request.include_usage).priced_for(&call.provider_name);
    let mut decoder = SseDecoder::new();
    let mut events = Vec::new();
    let mut out: Vec<StreamItem> = Vec::new();
    let result: Result<()> = async {
        loop {
            let Some(bytes) = resp.chunk(call.timeouts.read).await? else {
                decoder.finish(&mut events);
                for ev in events.drain(..) {
                    let step = translator.on_event(&ev)?;
                    out.extend(
                        step.chunks
                            .into_iter()
                            .filter_map(|c| shaper.push(c))
                            .map(Ok),
                    );
                }
                return Ok(());
            };
            decoder.feed(&bytes, &mut events);
            let mut done = false;
            for ev in events.drain(..) {
                let step = translator.on_event(&ev)?;
                out.extend(
                    step.chunks
                        .into_iter()
                        .filter_map(|c| shaper.push(c))
                        .map(Ok),
                );
                if step.done {
                    done = true;
                    break;
                }
            }
            if !out.is_empty() {
                queue.push_all(out.drain(..), false);
            }
            if done {
                return Ok(());
            }
        }
    }
    .await;
    match result {
        Ok(()) => {
            out.extend(shaper.finish(counter.as_ref()).into_iter().map(Ok));
            queue.push_all(out.drain(..), true);
        }
        Err(e) => {
            let e = e.with_context(provider.name(), &call.model);
            queue.push_all(out.drain(..).chain(std::iter::once(Err(e))), true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Count(AtomicUsize);
    impl Wake for Count {
        fn wake(&self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn waiter_is_woken_once_per_registration() {
        let q = StreamQueue::default();
        let w = Arc::new(Count(AtomicUsize::new(0)));
        assert!(matches!(q.poll(Some(w.clone())), Next::Pending));
        q.push(Err(LlmError::internal("x")));
        q.push(Err(LlmError::internal("y")));
        assert_eq!(w.0.load(Ordering::SeqCst), 1);
        assert!(matches!(q.poll(None), Next::Item(Err(_))));
        assert!(matches!(q.poll(None), Next::Item(Err(_))));
        q.end();
        assert!(matches!(q.poll(None), Next::End));
        assert!(q.is_ended());
    }
}
