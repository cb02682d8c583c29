//! Python bindings (`drplan._native`): argument conversion, one core call, error mapping.
#![cfg(not(target_family = "wasm"))]
