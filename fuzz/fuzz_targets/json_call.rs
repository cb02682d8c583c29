//! The whole JSON call table: any golden input edited field by field (structure-aware, see
//! common/mod.rs), called as its own function or, when `as_function` is set, as another contract
//! function of the table (arguments of one call fed to another). Never a panic, an abort, a stack
//! overflow or a hang; errors are fine.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Call {
    input: common::Edited,
    as_function: Option<u8>,
}

fuzz_target!(|call: Call| {
    let seeds = common::seeds();
    if seeds.is_empty() {
        return;
    }
    let seed = &seeds[usize::from(call.input.seed) % seeds.len()];
    let args = common::edited(seed, &call.input.edits);
    let function = match call.as_function {
        Some(i) => drplan::FUNCTIONS[usize::from(i) % drplan::FUNCTIONS.len()].name,
        None => seed.function.as_str(),
    };
    if let Ok(v) = drplan::json::call(function, args) {
        let _ = serde_json::to_string(&v);
    }
});
