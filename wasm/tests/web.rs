//! wasm-bindgen tests: run in Node and in headless Chromium.
#![cfg(target_family = "wasm")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

const WORKLOAD: &str = r#"{"name":"shop","components":[
 {"kind":"relational_database","name":"orders","engine":"aurora_mysql","size_gib":200,"instance_hourly_usd":0.29},
 {"kind":"compute","name":"web","instance_count":4,"instance_hourly_usd":0.0832}]}"#;

#[wasm_bindgen_test]
fn assess_returns_plain_objects_with_the_cheapest_compliant_strategy() {
    let policy = js(r#"{"targets":{"region":{"rto_seconds":"4h","rpo_seconds":"1h"}}}"#);
    let out = drplan_wasm::assess_strategies(js(WORKLOAD), policy).unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&out, "cheapest_compliant").as_string().as_deref(),
        Some("pilot_light")
    );
    // closest is null (not undefined) when something complies
    assert!(get(&out, "closest").is_null());
    let strategies: js_sys::Array = get(&out, "strategies").dyn_into().unwrap_or_default();
    assert_eq!(strategies.length(), 5);
}

#[wasm_bindgen_test]
fn errors_are_real_error_objects_with_code_and_issues() {
    let bad = js(
        r#"{"name":"x","components":[{"kind":"relational_database","name":"db","engine":"aurora_mysql","size_gib":-5}]}"#,
    );
    let err = drplan_wasm::estimate_recovery(bad, "pilot_light".into())
        .err()
        .unwrap_or(JsValue::NULL);
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("DrplanError")
    );
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_input")
    );
    let issues: js_sys::Array = get(&err, "issues").dyn_into().unwrap_or_default();
    let first = issues.get(0);
    assert_eq!(
        get(&first, "path").as_string().as_deref(),
        Some("/components/0/size_gib")
    );
    assert_eq!(
        get(&first, "input").as_string().as_deref(),
        Some("workload")
    );
}

#[wasm_bindgen_test]
fn nan_and_undefined_become_null_and_are_rejected_cleanly() {
    let w = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&w, &"name".into(), &"x".into());
    let comps = js_sys::Array::new();
    let db = js(r#"{"kind":"relational_database","name":"db","engine":"aurora_mysql"}"#);
    let _ = js_sys::Reflect::set(&db, &"size_gib".into(), &JsValue::from_f64(f64::NAN));
    comps.push(&db);
    let _ = js_sys::Reflect::set(&w, &"components".into(), &comps);
    let err = drplan_wasm::estimate_recovery(w.into(), "backup_restore".into())
        .err()
        .unwrap_or(JsValue::NULL);
    let issues: js_sys::Array = get(&err, "issues").dyn_into().unwrap_or_default();
    assert_eq!(
        get(&issues.get(0), "path").as_string().as_deref(),
        Some("/components/0/size_gib")
    );
    let err = drplan_wasm::estimate_recovery(JsValue::UNDEFINED, "backup_restore".into())
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_input")
    );
}

#[wasm_bindgen_test]
fn deep_nesting_is_an_error_not_a_trap() {
    let mut text = String::new();
    for _ in 0..5000 {
        text.push('[');
    }
    for _ in 0..5000 {
        text.push(']');
    }
    let deep = js(&text);
    let err = drplan_wasm::assess_strategies(deep, JsValue::NULL)
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_json")
    );
}
