//! The one integration-test binary: golden vectors and cross-module properties.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod contract;
mod golden;
mod retention_vectors;
