//! WebAssembly bindings for drplan: argument conversion, one core call, error mapping — no logic.
//!
//! Inputs cross as JSON (`JSON.stringify` in the engine, `serde_json` in the core), so a document
//! gets exactly the answer — or the error code, path and message — it gets in Rust and Python.
//! Errors are thrown as real `Error` objects with `name = "DrplanError"`, `code` and `issues`.
#![cfg(target_family = "wasm")]

use drplan::{Error, ErrorCode, Issue};
use wasm_bindgen::prelude::*;

/// JS value → JSON value. `undefined` becomes `null`; NaN/Infinity become `null` (as in
/// `JSON.stringify`); values JSON cannot hold (BigInt) are `invalid_json` errors. Nesting is
/// measured first, with the core's limit, so deep or cyclic input gets the core's own `too_deep`
/// error (same path as in Rust and Python) before `JSON.stringify` could overflow the stack.
fn arg(name: &str, v: &JsValue) -> Result<serde_json::Value, JsValue> {
    if v.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    if let Some(tokens) = too_deep(v, 1) {
        let path: String = tokens
            .iter()
            .rev()
            .map(|t| format!("/{}", drplan::json::pointer_token(t)))
            .collect();
        return Err(throw(&drplan::json::too_deep_error(name, path)));
    }
    let text = match js_sys::JSON::stringify(v) {
        Ok(s) => s.as_string().unwrap_or_else(|| "null".to_owned()),
        Err(e) => {
            let why = js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_default();
            return Err(throw(&Error::new(
                ErrorCode::InvalidJson,
                format!("{name} cannot be read as JSON: {why}"),
                vec![Issue::error("not_json", "", why).in_input(name)],
            )));
        }
    };
    drplan::json::parse_text(name, &text).map_err(|e| throw(&e))
}

/// The JSON-pointer tokens (innermost first) of the first array or object, in `JSON.stringify`'s
/// order (array items, then an object's own enumerable string keys), at level
/// `MAX_DEPTH + 1`, `v` being at `level`. Recursion is bounded by the limit itself.
fn too_deep(v: &JsValue, level: usize) -> Option<Vec<String>> {
    if !v.is_object() {
        return None;
    }
    if level > drplan::json::MAX_DEPTH {
        return Some(Vec::new());
    }
    let found = |child: &JsValue, token: String| {
        too_deep(child, level + 1).map(|mut t| {
            t.push(token);
            t
        })
    };
    if js_sys::Array::is_array(v) {
        let items: &js_sys::Array = v.unchecked_ref();
        (0..items.length()).find_map(|i| found(&items.get(i), i.to_string()))
    } else {
        let obj: &js_sys::Object = v.unchecked_ref();
        js_sys::Object::keys(obj).iter().find_map(|k| {
            let child = js_sys::Reflect::get(obj, &k).ok()?;
            found(&child, k.as_string()?)
        })
    }
}

/// JSON value → plain JS object (null stays null).
fn out(v: Result<serde_json::Value, Error>) -> Result<JsValue, JsValue> {
    let v = v.map_err(|e| throw(&e))?;
    let text = serde_json::to_string(&v).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

fn throw(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("DrplanError");
    let obj: &JsValue = err.as_ref();
    let issues = serde_json::to_string(&e.issues)
        .ok()
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"issues".into(), &issues);
    err.into()
}

/// The wasm exports, from the table of contract functions: each converts its arguments, calls
/// the core's JSON contract and converts the answer (see `drplan::for_each_function!`).
macro_rules! exports {
    ($(
        #[doc = $doc:tt]
        fn $name:ident / $js:ident (
            $($arg:ident $(as $json:tt)? : $ts:tt => $py:tt $(= $default:ident)?),* $(,)?
        ) -> $ret:tt => $pyret:tt,
        json $jcall:tt,
        in $in:tt,
        out $out:tt;
    )*) => {$(
        #[doc = $doc]
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
        pub fn $name(
            $(#[wasm_bindgen($(js_name = $json,)? unchecked_param_type = $ts)] $arg: JsValue),*
        ) -> Result<JsValue, JsValue> {
            out(drplan::json::$name(
                $(arg(drplan::__contract_arg!(name $arg $(as $json)?), &$arg)?),*
            ))
        }
    )*};
}

drplan::for_each_function!(exports);

/// Call any contract function by its snake_case name with positional arguments (golden vectors).
#[wasm_bindgen(js_name = call, unchecked_return_type = "unknown")]
pub fn call(
    function: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue,
) -> Result<JsValue, JsValue> {
    let args = match arg("args", &args)? {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Null => Vec::new(),
        other => vec![other],
    };
    out(drplan::json::call(function, args))
}

/// Seconds for people, exactly as the core renders them in reports: "45 s", "15 min", "2 h 30 min".
#[wasm_bindgen(js_name = humanDuration)]
pub fn human_duration(seconds: f64) -> String {
    drplan::human_duration(seconds)
}

/// The drplan version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
