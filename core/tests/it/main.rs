//! The one integration-test binary: golden vectors and cross-module properties.
mod golden;
