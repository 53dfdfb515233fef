//! OpenAI's chat-completions wire format, shared by OpenAI, Azure and every compatible host.

pub mod error;
pub mod request;
pub mod response;
pub mod stream;
