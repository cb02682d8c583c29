//! Any text → parse (JSON or YAML, every shape), then lint and export what parsed. Must never
//! panic, overflow the stack or hang; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = drplan::parse_backup_plan(text) {
        for plan in &parsed.plans {
            let _ = drplan::validate_backup_plan(plan, &parsed.vaults, &parsed.selections);
            let _ = drplan::export_backup_plan(plan, drplan::ExportShape::CloudformationYaml);
        }
    }
});
