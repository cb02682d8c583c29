//! `simulate_backup_plan` on its golden inputs edited field by field (structure-aware, see common/mod.rs):
//! never a panic, an abort, a stack overflow or a hang; errors are fine.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: common::Edited| common::run(Some("simulate_backup_plan"), &input));
