//! The one integration-test binary: golden vectors, the real-tool retention vectors, citations
//! into docs/domain/ and the files generated from the contract table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod citations;
mod contract;
mod golden;
mod hostile;
mod retention_vectors;
