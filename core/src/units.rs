//! Quantities with units: durations (seconds), data sizes (GiB), bandwidth (bits/s).
//!
//! Inputs accept a plain number in the unit the field name states (`*_seconds`, `*_gib`, `*_bps`)
//! or a string with an explicit unit: `"15m"`, `"1h30m"`, `"2 TiB"`, `"500 GB"`, `"1 Gbps"`,
//! `"100 MB/s"`. Decimal prefixes are decimal (1 GB = 10^9 bytes, 1 Gbps = 10^9 bit/s) and binary
//! prefixes binary (1 GiB = 2^30 bytes), as AWS bills storage in 2^30-byte "GB" and networks in
//! decimal rates (pricing.md §2). Negative, NaN and infinite values are rejected.

use serde::{Deserialize, Deserializer, Serialize};

const GIB: f64 = 1_073_741_824.0;

/// Largest duration read (10^15 s, about 31.7 million years): beyond any horizon drplan models,
/// small enough that sums and products of inputs stay finite.
pub const MAX_SECONDS: f64 = 1e15;
/// Largest data size read (10^15 GiB, about a zebibyte… and a thousand times more).
pub const MAX_GIB: f64 = 1e15;
/// Largest count read (objects or requests per month, 10^15): products of counts, sizes and
/// prices stay finite.
pub const MAX_COUNT: f64 = 1e15;
/// Largest object size read, in bytes: [`MAX_GIB`] GiB.
pub const MAX_BYTES: f64 = MAX_GIB * GIB;
/// Largest bandwidth read (10^18 bit/s).
pub const MAX_BPS: f64 = 1e18;
/// Largest amount of money read anywhere (USD 10^12): a price or budget above it is a mistake,
/// and products of inputs (price × GiB × hours) stay finite.
pub const MAX_USD: f64 = 1e12;

/// A money amount (USD): a finite number from 0 to [`MAX_USD`].
pub fn usd<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    check_usd(v).map_err(serde::de::Error::custom)
}

/// An optional money amount (USD), as [`usd`].
pub fn opt_usd<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(d)?
        .map(|v| check_usd(v).map_err(serde::de::Error::custom))
        .transpose()
}

fn check_usd(v: f64) -> Result<f64, String> {
    if !v.is_finite() {
        Err("out of range: an amount in USD must be finite".into())
    } else if v < 0.0 {
        Err(format!("out of range: {v} USD is negative"))
    } else if v > MAX_USD {
        Err(format!("out of range: {v:e} USD is above {MAX_USD:e} USD"))
    } else {
        Ok(v)
    }
}

fn number_or_string<'de, D: Deserializer<'de>>(
    d: D,
    parse: fn(&str) -> Result<f64, String>,
    max: f64,
) -> Result<f64, D::Error> {
    struct V(fn(&str) -> Result<f64, String>);
    impl serde::de::Visitor<'_> for V {
        type Value = f64;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a number or a string with a unit")
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<f64, E> {
            (self.0)(v.trim()).map_err(E::custom)
        }
    }
    // deserialize_any keeps serde's own errors (a missing field stays `missing field`).
    let v = d.deserialize_any(V(parse))?;
    if !v.is_finite() {
        return Err(serde::de::Error::custom(
            "out of range: value must be finite",
        ));
    }
    if v < 0.0 {
        return Err(serde::de::Error::custom(format!(
            "out of range: {v} is negative"
        )));
    }
    if v > max {
        return Err(serde::de::Error::custom(format!(
            "out of range: {v:e} is above {max:e}"
        )));
    }
    Ok(v)
}

fn split_number(s: &str) -> Result<(f64, &str), String> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == '-' || *c == '+'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(end);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("invalid value: cannot read a number in {s:?}"))?;
    Ok((n, unit.trim()))
}

/// Parse a duration such as `"90"`, `"90s"`, `"15m"`, `"4h"`, `"2d"`, `"1w"`, `"1h30m"`, `"1.5 h"`.
pub fn parse_duration(s: &str) -> Result<f64, String> {
    if s.is_empty() {
        return Err("invalid value: empty duration".into());
    }
    let mut rest = s;
    let mut total = 0.0;
    let mut parts = 0;
    while !rest.is_empty() {
        let (n, tail) = split_number(rest)?;
        let unit_end = tail
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map(|(i, _)| i)
            .unwrap_or(tail.len());
        let (unit, next) = tail.split_at(unit_end);
        let factor = match unit.trim() {
            "" if parts == 0 && next.is_empty() => 1.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            "d" | "day" | "days" => 86_400.0,
            "w" | "week" | "weeks" => 604_800.0,
            other => {
                return Err(format!(
                    "invalid unit: {other:?} is not a duration unit (use s, m, h, d or w, e.g. \"15m\")"
                ))
            }
        };
        total += n * factor;
        parts += 1;
        rest = next.trim_start();
    }
    Ok(total)
}

/// Parse a data size into GiB: `"500"` (GiB), `"500 GiB"`, `"2 TiB"`, `"750 GB"`, `"1.5TB"`, `"10 MiB"`.
pub fn parse_size_gib(s: &str) -> Result<f64, String> {
    let (n, unit) = split_number(s)?;
    let bytes_per_unit = match unit {
        "" | "GiB" | "gib" => GIB,
        "B" => 1.0,
        "KiB" => 1024.0,
        "MiB" => 1_048_576.0,
        "TiB" | "tib" => GIB * 1024.0,
        "PiB" => GIB * 1_048_576.0,
        "KB" | "kB" => 1e3,
        "MB" => 1e6,
        "GB" | "gb" => 1e9,
        "TB" | "tb" => 1e12,
        "PB" => 1e15,
        other => {
            return Err(format!(
                "invalid unit: {other:?} is not a size unit (use GiB, TiB, GB, TB…, e.g. \"2 TiB\")"
            ))
        }
    };
    Ok(n * bytes_per_unit / GIB)
}

/// Parse a bandwidth into bits per second: `"1000000000"`, `"500 Mbps"`, `"1 Gbps"`, `"100 MB/s"`.
pub fn parse_bandwidth_bps(s: &str) -> Result<f64, String> {
    let (n, unit) = split_number(s)?;
    let f = match unit {
        "" | "bps" | "bit/s" => 1.0,
        "Kbps" | "kbps" | "kbit/s" => 1e3,
        "Mbps" | "mbps" | "Mbit/s" => 1e6,
        "Gbps" | "gbps" | "Gbit/s" => 1e9,
        "Tbps" => 1e12,
        "B/s" => 8.0,
        "KB/s" | "kB/s" => 8e3,
        "MB/s" => 8e6,
        "GB/s" => 8e9,
        "MiB/s" => 8.0 * 1_048_576.0,
        "GiB/s" => 8.0 * GIB,
        other => {
            return Err(format!(
                "invalid unit: {other:?} is not a bandwidth unit (use Mbps, Gbps, MB/s…, e.g. \"500 Mbps\")"
            ))
        }
    };
    Ok(n * f)
}

macro_rules! quantity {
    ($(#[$m:meta])* $name:ident, $parse:path, $max:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                number_or_string(d, $parse, $max).map($name)
            }
        }

        impl $name {
            pub fn get(self) -> f64 {
                self.0
            }
        }
    };
}

quantity!(
    /// A non-negative duration in seconds (input: number of seconds or `"15m"`-style string).
    Seconds,
    parse_duration,
    MAX_SECONDS
);
quantity!(
    /// A non-negative data size in GiB (input: number of GiB or `"2 TiB"`-style string).
    Gib,
    parse_size_gib,
    MAX_GIB
);
quantity!(
    /// A non-negative bandwidth in bits per second (input: number or `"500 Mbps"`-style string).
    Bps,
    parse_bandwidth_bps,
    MAX_BPS
);

#[cfg(feature = "tsify")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_UNITS: &'static str = r#"
/** Seconds: a number of seconds, or a string with a unit such as "15m", "1h30m", "2d". */
export type Seconds = number | string;
/** GiB: a number of GiB, or a string with a unit such as "2 TiB", "500 GB". */
export type Gib = number | string;
/** Bits per second: a number, or a string with a unit such as "500 Mbps", "100 MB/s". */
export type Bps = number | string;
"#;

/// Render seconds for people: `"45 s"`, `"15 min"`, `"2 h 30 min"`, `"3 d 4 h"`.
pub fn human_duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "unbounded".to_owned();
    }
    let s = seconds.round().max(0.0) as u64;
    if s < 120 {
        return format!("{s} s");
    }
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_and_non_finite_numbers_are_rejected() {
        assert!(serde_json::from_str::<Seconds>("1e300").is_err());
        assert!(serde_json::from_str::<Gib>("\"1e300 TiB\"").is_err());
        assert!(serde_json::from_str::<Bps>("1e19").is_err());
        assert!(serde_json::from_str::<Seconds>("\"inf\"").is_err());
        assert!(serde_json::from_str::<Seconds>("\"NaN\"").is_err());
        assert_eq!(
            serde_json::from_str::<Seconds>("1e15").ok(),
            Some(Seconds(1e15))
        );
        #[derive(Debug, Deserialize)]
        struct P {
            #[serde(deserialize_with = "usd")]
            usd: f64,
            #[serde(default, deserialize_with = "opt_usd")]
            opt: Option<f64>,
        }
        let e = crate::boundary::from_value::<P>("book", serde_json::json!({"usd": 1e308})).err();
        let e = e.map(|e| {
            (
                e.issues[0].code.clone(),
                e.issues[0].path.clone(),
                e.issues[0].message.clone(),
            )
        });
        assert_eq!(
            e,
            Some((
                "out_of_range".into(),
                "/usd".into(),
                "out of range: 1e308 USD is above 1e12 USD".into()
            ))
        );
        let e = crate::boundary::from_value::<P>("book", serde_json::json!({"usd": 1, "opt": -2}))
            .err();
        assert_eq!(e.map(|e| e.issues[0].path.clone()), Some("/opt".into()));
        let ok =
            crate::boundary::from_value::<P>("book", serde_json::json!({"usd": 0.5, "opt": null}))
                .ok();
        assert_eq!(ok.map(|p| (p.usd, p.opt)), Some((0.5, None)));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m"), Ok(900.0));
        assert_eq!(parse_duration("1h30m"), Ok(5400.0));
        assert_eq!(parse_duration("90"), Ok(90.0));
        assert_eq!(parse_duration("1.5 h"), Ok(5400.0));
        assert_eq!(parse_duration("2d"), Ok(172_800.0));
        assert!(parse_duration("15 GiB").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn sizes_distinguish_decimal_and_binary() {
        assert_eq!(parse_size_gib("2 TiB"), Ok(2048.0));
        assert_eq!(parse_size_gib("500"), Ok(500.0));
        let gb = parse_size_gib("1 GB").unwrap_or(0.0);
        assert!((gb - 0.931_322_574_615_478_5).abs() < 1e-15);
        assert!(parse_size_gib("2 hours").is_err());
    }

    #[test]
    fn bandwidth() {
        assert_eq!(parse_bandwidth_bps("500 Mbps"), Ok(5e8));
        assert_eq!(parse_bandwidth_bps("100 MB/s"), Ok(8e8));
        assert!(parse_bandwidth_bps("5 GiB").is_err());
    }

    #[test]
    fn quantities_reject_negative_nan_and_wrong_units() {
        assert!(serde_json::from_str::<Seconds>("-1").is_err());
        assert!(serde_json::from_str::<Seconds>("\"5 TiB\"").is_err());
        assert_eq!(
            serde_json::from_str::<Gib>("\"1 TiB\"").ok(),
            Some(Gib(1024.0))
        );
        assert_eq!(serde_json::from_str::<Bps>("1000").ok(), Some(Bps(1000.0)));
    }

    #[test]
    fn a_missing_quantity_is_a_missing_field_not_a_type_error() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Net {
            bandwidth_bps: Bps,
        }
        let e = serde_json::from_str::<Net>("{}")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("missing field `bandwidth_bps`"), "{e}");
        let e = serde_json::from_str::<Net>("{\"bandwidth_bps\": true}")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.starts_with(
                "invalid type: boolean `true`, expected a number or a string with a unit"
            ),
            "{e}"
        );
    }

    #[test]
    fn human() {
        assert_eq!(human_duration(45.0), "45 s");
        assert_eq!(human_duration(900.0), "15 min");
        assert_eq!(human_duration(9000.0), "2 h 30 min");
        assert_eq!(human_duration(f64::INFINITY), "unbounded");
    }
}
