//! WebAssembly bindings for drplan: argument conversion, one core call, error mapping — no logic.
//!
//! Inputs are read from JS values straight into JSON values with `JSON.stringify`'s rules and the
//! core's limits (`arg`), so a document gets exactly the answer — or the error code, path and
//! message — it gets in Rust and Python.
//! Errors are thrown as real `Error` objects with `name = "DrplanError"`, `code` and `issues`.
#![cfg(target_family = "wasm")]

use drplan::{Error, ErrorCode, Issue};
use wasm_bindgen::prelude::*;

/// JS value → JSON value, read directly (no `JSON.stringify`, so no string-length limit and no
/// stack overflow), keeping `JSON.stringify`'s rules and the core's: `undefined` is `null` (an
/// object's `undefined` member is left out), NaN and ±Infinity are `null`, whole-number floats are
/// integers, `toJSON` is honoured (a `Date` is its ISO string). Nesting is measured with the core's
/// limit (a deep or cyclic value is the core's `too_deep` at the first container past level 64);
/// a capped list (`drplan::json::list_cap`) is counted before any item is read (`over_budget`);
/// a string with a lone surrogate is `lone_surrogate`; what JSON cannot hold (BigInt, functions,
/// symbols, a `Map` or `Set`, whose keys need not be strings) is `not_json` at its path, as a
/// Python value of those kinds is.
fn arg(function: &str, name: &str, v: &JsValue) -> Result<serde_json::Value, JsValue> {
    if v.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    if let Some(cap) = drplan::json::list_cap(function, name) {
        let list = if cap.key.is_empty() {
            Some(v.clone())
        } else if v.is_object() && !js_sys::Array::is_array(v) {
            js_sys::Reflect::get(v, &cap.key.into()).ok()
        } else {
            None
        };
        if let Some(list) = list.filter(js_sys::Array::is_array) {
            let n = list.unchecked_ref::<js_sys::Array>().length() as usize;
            if n > cap.cap {
                return Err(throw(&drplan::json::list_over(cap, n)));
            }
        }
    }
    let mut tokens = Vec::new();
    convert(v, 1, &mut tokens).map_err(|bad| {
        let path: String = tokens
            .iter()
            .map(|t| format!("/{}", drplan::json::pointer_token(t)))
            .collect();
        throw(&match bad {
            Bad::Deep => drplan::json::too_deep_error(name, path),
            Bad::Surrogate => drplan::json::lone_surrogate_error(name, path),
            Bad::NotJson(why) => Error::new(
                ErrorCode::InvalidJson,
                format!("{name} cannot be read as JSON: {why}"),
                vec![Issue::error("not_json", path, why).in_input(name)],
            ),
        })
    })
}

/// Why a JS value could not be converted; the tokens left on the stack are its path.
enum Bad {
    Deep,
    Surrogate,
    NotJson(String),
}

/// One JS value at `level` (the argument is level 1); on failure `path` holds the tokens down to
/// the failing value. Recursion is bounded by the depth limit itself.
fn convert(v: &JsValue, level: usize, path: &mut Vec<String>) -> Result<serde_json::Value, Bad> {
    use serde_json::Value;
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(f) = v.as_f64() {
        return Ok(number(f));
    }
    if v.is_string() {
        let js: &js_sys::JsString = v.unchecked_ref();
        if !js.is_valid_utf16() {
            return Err(Bad::Surrogate);
        }
        return Ok(Value::String(js.into()));
    }
    if v.is_bigint() {
        return Err(Bad::NotJson("a BigInt is not a JSON number".into()));
    }
    if v.is_function() || v.is_symbol() || !v.is_object() {
        return Err(Bad::NotJson(format!(
            "a {} is not a JSON value",
            v.js_typeof().as_string().unwrap_or_default()
        )));
    }
    if v.is_instance_of::<js_sys::Map>() || v.is_instance_of::<js_sys::Set>() {
        return Err(Bad::NotJson(
            "a Map or Set is not a JSON object (use a plain object with string keys)".into(),
        ));
    }
    // toJSON first (a Date becomes its ISO string), as JSON.stringify does.
    if let Ok(to_json) = js_sys::Reflect::get(v, &"toJSON".into()) {
        if let Some(f) = to_json.dyn_ref::<js_sys::Function>() {
            let key = path.last().cloned().unwrap_or_default();
            let replaced = f
                .call1(v, &key.into())
                .map_err(|e| Bad::NotJson(js_message(e)))?;
            if !replaced.is_object() || js_sys::Array::is_array(&replaced) {
                return convert(&replaced, level, path);
            }
            return convert_object(&replaced, level, path);
        }
    }
    convert_object(v, level, path)
}

/// An array or object (no `toJSON`) at `level`.
fn convert_object(
    v: &JsValue,
    level: usize,
    path: &mut Vec<String>,
) -> Result<serde_json::Value, Bad> {
    use serde_json::Value;
    if level > drplan::json::MAX_DEPTH {
        return Err(Bad::Deep);
    }
    if js_sys::Array::is_array(v) {
        let items: &js_sys::Array = v.unchecked_ref();
        let mut out = Vec::with_capacity(items.length() as usize);
        for i in 0..items.length() {
            path.push(i.to_string());
            out.push(convert(&items.get(i), level + 1, path)?);
            path.pop();
        }
        return Ok(Value::Array(out));
    }
    let obj: &js_sys::Object = v.unchecked_ref();
    let mut out = serde_json::Map::new();
    for k in js_sys::Object::keys(obj).iter() {
        let key: &js_sys::JsString = k.unchecked_ref();
        if !key.is_valid_utf16() {
            return Err(Bad::Surrogate);
        }
        let key: String = key.into();
        let child = js_sys::Reflect::get(obj, &k).map_err(|e| Bad::NotJson(js_message(e)))?;
        if child.is_undefined() {
            continue; // JSON.stringify leaves the member out
        }
        path.push(key);
        let value = convert(&child, level + 1, path)?;
        let key = path.pop().unwrap_or_default();
        out.insert(key, value);
    }
    Ok(Value::Object(out))
}

/// A JS number as `JSON.stringify` writes it and the core reads it: a whole number is an integer
/// (`35.0` → `35`, `-0` → `0`), NaN and ±Infinity are null.
fn number(f: f64) -> serde_json::Value {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_finite() && f.fract() == 0.0 {
        if (-TWO_63..TWO_63).contains(&f) {
            return serde_json::Value::from(f as i64);
        }
        if (0.0..2.0 * TWO_63).contains(&f) {
            return serde_json::Value::from(f as u64);
        }
    }
    serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// The message of a thrown JS value.
fn js_message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "a getter threw".to_owned())
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
                $(arg(stringify!($name), drplan::__contract_arg!(name $arg $(as $json)?), &$arg)?),*
            ))
        }
    )*};
}

drplan::for_each_function!(exports);

/// Call any contract function by its snake_case name with positional arguments (golden vectors):
/// each argument converted under its own name, as the named export converts it.
#[wasm_bindgen(js_name = call, unchecked_return_type = "unknown")]
pub fn call(
    function: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue,
) -> Result<JsValue, JsValue> {
    let names = drplan::FUNCTIONS
        .iter()
        .find(|f| f.name == function)
        .map(|f| f.args)
        .unwrap_or_default();
    let name = |i: usize| names.get(i).map_or("args", |a| a.name);
    let args = if js_sys::Array::is_array(&args) {
        let items: &js_sys::Array = args.unchecked_ref();
        let mut out = Vec::with_capacity(items.length() as usize);
        for i in 0..items.length() {
            out.push(arg(function, name(i as usize), &items.get(i))?);
        }
        out
    } else if args.is_null() || args.is_undefined() {
        Vec::new()
    } else {
        vec![arg(function, name(0), &args)?]
    };
    out(drplan::json::call(function, args))
}

/// Seconds for people, exactly as the core renders them in reports: "45 s", "15 min", "2 h 30 min".
/// `seconds` must be a finite number: anything else is the core's `invalid_type` on `seconds`,
/// as in Python.
#[wasm_bindgen(js_name = humanDuration)]
pub fn human_duration(
    #[wasm_bindgen(unchecked_param_type = "number")] seconds: JsValue,
) -> Result<String, JsValue> {
    let v = drplan::json::human_duration(arg("human_duration", "seconds", &seconds)?)
        .map_err(|e| throw(&e))?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// The drplan version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
