//! The one integration-test binary: golden vectors, the real-tool retention vectors, citations
//! into docs/domain/, the files generated from the contract table and the estate readers on the
//! corpus of CLI outputs (when it is given).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod citations;
mod contract;
mod estate_corpus;
mod golden;
mod hostile;
mod retention_vectors;
