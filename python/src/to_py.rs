//! Typed answers straight to Python objects: a serde `Serializer` whose output is the Python
//! object that converting `serde_json::to_value(answer)` would give, built without the `Value` in
//! between. The JSON rules are kept: NaN and ±inf are `None`, map keys are strings, tuples and
//! bytes are lists, an enum variant with data is a one-key dict, a unit is `None`.

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::BoundObject;
use serde::ser::{self, Serialize};

/// A conversion failure (a Python error, or a serializer's own message).
#[derive(Debug)]
pub(crate) struct ConvError(pub(crate) String);

impl fmt::Display for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConvError {}

impl ser::Error for ConvError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ConvError(msg.to_string())
    }
}

impl From<PyErr> for ConvError {
    fn from(e: PyErr) -> Self {
        ConvError(e.to_string())
    }
}

type Res<'py> = Result<Bound<'py, PyAny>, ConvError>;

/// Convert one typed value.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> Res<'py> {
    value.serialize(Ser { py })
}

#[derive(Clone, Copy)]
struct Ser<'py> {
    py: Python<'py>,
}

impl<'py> Ser<'py> {
    fn none(self) -> Res<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn int<I: IntoPyObject<'py>>(self, v: I) -> Res<'py> {
        v.into_pyobject(self.py)
            .map(|o| o.into_any().into_bound())
            .map_err(|e| ConvError(e.into().to_string()))
    }
    fn key(self, k: &str) -> Bound<'py, PyString> {
        PyString::intern(self.py, k)
    }
}

/// One key of a map as `serde_json` writes it: strings as they are; integers, booleans and
/// floats as their JSON text.
fn map_key<'py>(py: Python<'py>, key: Bound<'py, PyAny>) -> Res<'py> {
    if key.is_instance_of::<PyString>() {
        return Ok(key);
    }
    if let Ok(b) = key.extract::<bool>() {
        if key.is_instance_of::<pyo3::types::PyBool>() {
            return Ok(PyString::new(py, if b { "true" } else { "false" }).into_any());
        }
    }
    if key.is_instance_of::<pyo3::types::PyInt>() || key.is_instance_of::<pyo3::types::PyFloat>() {
        return Ok(key.str()?.into_any());
    }
    Err(ConvError("key must be a string".to_owned()))
}

impl<'py> ser::Serializer for Ser<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Variant<Seq<'py>>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Variant<Map<'py>>;

    fn serialize_bool(self, v: bool) -> Res<'py> {
        Ok(pyo3::types::PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Res<'py> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Res<'py> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Res<'py> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Res<'py> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Res<'py> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Res<'py> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Res<'py> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Res<'py> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Res<'py> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Res<'py> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Res<'py> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Res<'py> {
        if v.is_finite() {
            Ok(pyo3::types::PyFloat::new(self.py, v).into_any())
        } else {
            self.none()
        }
    }
    fn serialize_char(self, v: char) -> Res<'py> {
        let mut buf = [0u8; 4];
        self.serialize_str(v.encode_utf8(&mut buf))
    }
    fn serialize_str(self, v: &str) -> Res<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Res<'py> {
        Ok(PyList::new(self.py, v)?.into_any())
    }
    fn serialize_none(self) -> Res<'py> {
        self.none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Res<'py> {
        self.none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Res<'py> {
        self.none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Res<'py> {
        Ok(self.key(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Res<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Res<'py> {
        let d = PyDict::new(self.py);
        d.set_item(self.key(variant), value.serialize(self)?)?;
        Ok(d.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, ConvError> {
        Ok(Seq {
            ser: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, ConvError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'py>, ConvError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Seq<'py>>, ConvError> {
        Ok(Variant {
            variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py>, ConvError> {
        Ok(Map {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'py>, ConvError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Map<'py>>, ConvError> {
        Ok(Variant {
            variant,
            inner: self.serialize_map(Some(len))?,
        })
    }
}

pub(crate) struct Seq<'py> {
    ser: Ser<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeSeq for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }
    fn end(self) -> Res<'py> {
        Ok(PyList::new(self.ser.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeTuple for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Res<'py> {
        ser::SerializeSeq::end(self)
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Res<'py> {
        ser::SerializeSeq::end(self)
    }
}

pub(crate) struct Map<'py> {
    ser: Ser<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ConvError> {
        self.key = Some(map_key(self.ser.py, key.serialize(self.ser)?)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ConvError("a map value without its key".to_owned()))?;
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Res<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ConvError> {
        self.dict
            .set_item(self.ser.key(key), value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Res<'py> {
        Ok(self.dict.into_any())
    }
}

/// An enum variant with data: `{variant: data}`.
pub(crate) struct Variant<I> {
    variant: &'static str,
    inner: I,
}

impl<'py> ser::SerializeTupleVariant for Variant<Seq<'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Res<'py> {
        let py = self.inner.ser.py;
        let list = PyList::new(py, self.inner.items)?.into_any();
        let d = PyDict::new(py);
        d.set_item(PyString::intern(py, self.variant), list)?;
        Ok(d.into_any())
    }
}

impl<'py> ser::SerializeStructVariant for Variant<Map<'py>> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ConvError> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Res<'py> {
        let py = self.inner.ser.py;
        let d = PyDict::new(py);
        d.set_item(PyString::intern(py, self.variant), self.inner.dict)?;
        Ok(d.into_any())
    }
}
