//! A running stream: the bounded queue between the task reading the provider's bytes and the
//! caller consuming chunks, and that task (the pump). The caller waits through a `Wake` it
//! registers, so this module never knows whether a thread or an event loop is on the other
//! side. A full queue makes the pump wait (backpressure), so a slow consumer never makes the
//! engine buffer a whole stream.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use crate::engine::chunks::{Chunk, ChunkShaper, TokenCounter};
use crate::engine::context::{FailPoint, StreamEnd};
use crate::engine::send::provider_of;
use crate::engine::PreparedCall;
use crate::error::{LlmError, Result};
use crate::http::client::{too_large, HttpResponse};
use crate::http::framing::FrameDecoder;
use crate::types::Hidden;

/// Something to poke when the queue gains an item or ends.
pub trait Wake: Send + Sync {
    fn wake(&self);
}

pub type StreamItem = std::result::Result<Chunk, LlmError>;

/// Chunks buffered before the pump waits for the consumer.
pub const QUEUE_CAPACITY: usize = 512;

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
    /// Signalled when the consumer makes room or closes.
    space: Notify,
}

/// What the consumer gets from the queue. (An item is moved once, from the queue to the
/// caller; its size does not matter for the variants without data.)
#[allow(clippy::large_enum_variant)]
pub enum Next {
    Item(StreamItem),
    /// The stream is over.
    End,
    /// Nothing yet; the registered waiter (if any) will be woken.
    Pending,
}

impl StreamQueue {
    /// Add items (and possibly the end) without waiting; used for mocks and the last batch.
    pub fn push_all(&self, items: impl IntoIterator<Item = StreamItem>, end: bool) {
        let waiter = {
            let Ok(mut st) = self.state.lock() else {
                return;
            };
            // Nothing is added once the stream ended (or the consumer closed it).
            if !st.ended {
                st.items.extend(items);
            }
            if end {
                st.ended = true;
            }
            st.waiter.take()
        };
        if let Some(w) = waiter {
            w.wake();
        }
    }

    /// Wait until the queue has room (or the consumer closed it), then add `items`.
    /// Returns false when the consumer is gone.
    pub async fn push_when_room(&self, items: Vec<StreamItem>) -> bool {
        loop {
            let room = self.space.notified();
            {
                let Ok(st) = self.state.lock() else {
                    return false;
                };
                if st.ended {
                    return false;
                }
                if st.items.len() < QUEUE_CAPACITY {
                    drop(st);
                    self.push_all(items, false);
                    return true;
                }
            }
            room.await;
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
            if st.items.len() + 1 == QUEUE_CAPACITY {
                self.space.notify_one();
            }
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
        self.space.notify_one();
    }

    pub fn is_ended(&self) -> bool {
        self.state
            .lock()
            .map(|s| s.ended && s.items.is_empty())
            .unwrap_or(true)
    }

    pub fn len(&self) -> usize {
        self.state.lock().map(|s| s.items.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Counts tokens locally when a provider streams no usage (borrowing the call's messages).
pub struct LocalCounter<'a> {
    model: &'a str,
    messages: &'a [serde_json::Value],
}

impl<'a> LocalCounter<'a> {
    pub fn for_call(call: &'a PreparedCall) -> LocalCounter<'a> {
        LocalCounter {
            model: &call.model,
            messages: call.chat().map_or(&[], |r| r.messages.as_slice()),
        }
    }
}

impl TokenCounter for LocalCounter<'_> {
    fn prompt_tokens(&self) -> u64 {
        crate::cost::count_message_tokens(self.model, self.messages)
    }
    fn completion_tokens(&self, generated: &str) -> u64 {
        crate::cost::count_text_tokens(self.model, generated)
    }
}

/// The chunk shaper of a call: litellm's shaping, priced for its provider.
pub fn shaper_for(call: &PreparedCall) -> ChunkShaper {
    ChunkShaper::new(&call.model, call.include_usage())
        .priced_for(&call.provider_name, call.ctx.price_override)
}

/// Read the provider's stream and feed the queue until the end, an error or cancellation.
/// Chunks are shaped here, off the caller's thread. Observers see the stream's end.
pub async fn pump(
    call: Arc<PreparedCall>,
    resp: HttpResponse,
    queue: Arc<StreamQueue>,
    hidden: Hidden,
) {
    let mut sent = 0usize;
    let mut usage = None;
    let outcome =
        crate::engine::guard::catch_panic(run(&call, resp, &queue, &mut sent, &mut usage))
            .await
            .unwrap_or_else(|panic| {
                Err(LlmError::internal(format!(
                    "ferrolite internal error in the stream of {}: {panic}",
                    call.model
                )))
            });
    let error = outcome.err().map(|mut e| {
        // Everything here happened after the provider accepted the stream.
        if let Some(t) = &mut e.timeout {
            t.in_stream = true;
        }
        e.mid_stream = !e.engine_fault;
        e.with_context(&call.provider_name, &call.model)
    });
    call.ctx.notify(|o| {
        o.on_stream_end(
            &call,
            &StreamEnd {
                hidden: &hidden,
                usage: usage.as_ref(),
                chunks: sent,
                error: error.as_ref(),
            },
        )
    });
    match error {
        None => queue.end(),
        Some(e) => queue.push_all(std::iter::once(Err(e)), true),
    }
}

async fn run(
    call: &PreparedCall,
    mut resp: HttpResponse,
    queue: &StreamQueue,
    sent: &mut usize,
    usage: &mut Option<serde_json::Value>,
) -> Result<()> {
    let provider = provider_of(call)?;
    let Some(chat) = call.chat() else {
        return Err(LlmError::internal("a stream of a non-chat call"));
    };
    let mut translator = provider.stream_translator(chat);
    let mut shaper = shaper_for(call);
    let counter = LocalCounter::for_call(call);
    let mut decoder = FrameDecoder::new(provider.framing());
    let mut events = Vec::new();
    let mut out: Vec<StreamItem> = Vec::new();
    loop {
        let bytes = resp.chunk(call.timeouts.read).await?;
        if call.ctx.fail_point == Some(FailPoint::PanicInPump) {
            panic!("fail point: panic_in_pump");
        }
        let mut done = false;
        match &bytes {
            Some(b) => {
                decoder.feed(b, &mut events);
                if decoder.buffered() > call.limits.max_line_bytes {
                    return Err(too_large(
                        "stream line",
                        call.limits.max_line_bytes,
                        "max_stream_line_bytes",
                    ));
                }
            }
            None => decoder.finish(&mut events),
        }
        let ended = bytes.is_none();
        for ev in events.drain(..) {
            let step = match translator.on_event(&ev) {
                Ok(step) => step,
                Err(e) => {
                    // Chunks decoded before the failure still reach the consumer first.
                    *sent += out.len();
                    queue.push_all(out.drain(..), false);
                    return Err(e);
                }
            };
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
        if ended && !done {
            // Whatever arrived is handed over before the provider's verdict on the ending.
            if let Err(e) = translator.finish() {
                *sent += out.len();
                queue.push_all(out.drain(..), false);
                return Err(e);
            }
        }
        if done || ended {
            out.extend(shaper.finish(&counter).into_iter().map(Ok));
            *usage = shaper.reported_usage().cloned();
            *sent += out.len();
            queue.push_all(out.drain(..), false);
            return Ok(());
        }
        if !out.is_empty() {
            *sent += out.len();
            if !queue.push_when_room(std::mem::take(&mut out)).await {
                // The consumer closed the stream: stop reading.
                return Ok(());
            }
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

    #[test]
    fn a_full_queue_makes_the_producer_wait() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let q = Arc::new(StreamQueue::default());
        let items = || {
            (0..QUEUE_CAPACITY)
                .map(|_| Err(LlmError::internal("x")))
                .collect()
        };
        rt.block_on(async {
            assert!(q.push_when_room(items()).await);
            let q2 = q.clone();
            let producer = tokio::spawn(async move { q2.push_when_room(items()).await });
            tokio::task::yield_now().await;
            assert!(!producer.is_finished());
            assert_eq!(q.len(), QUEUE_CAPACITY);
            assert!(matches!(q.poll(None), Next::Item(_)));
            assert!(producer.await.unwrap());
            assert_eq!(q.len(), 2 * QUEUE_CAPACITY - 1);
            // A closed queue releases a waiting producer.
            let q3 = q.clone();
            let producer = tokio::spawn(async move { q3.push_when_room(items()).await });
            tokio::task::yield_now().await;
            q.close();
            assert!(!producer.await.unwrap());
        });
    }
}
