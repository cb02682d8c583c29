//! WebAssembly bindings: argument conversion, one core call, error mapping.
#![cfg(target_family = "wasm")]
