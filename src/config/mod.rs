//! Configuration inputs read from files.

pub mod dotenv;
