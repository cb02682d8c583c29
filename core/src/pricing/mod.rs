//! The price book: every price drplan uses, each with its unit, source, date and confidence.
//!
//! [`default_price_book`] is the embedded us-east-1 book of pricing.md §8. Entries whose
//! confidence there is NONE are **absent** (listed under `absent` with the reason): a cost query
//! that needs one fails with [`ErrorCode::MissingPrice`] naming the key — never priced at 0
//! (pricing.md §8.5). Callers override any subset with a [`PriceBookInput`]:
//!
//! ```json
//! {"region": "eu-west-1", "prices": {"backup.ebs.warm_gb_month": 0.055,
//!   "backup.dynamodb.cold_gb_month": {"usd": 0.03, "source": "my quote", "as_of": "2026-01-01"}}}
//! ```
//!
//! A book given with a `region` starts from that Region's embedded book
//! ([`default_price_book_for`]): the us-east-1 book with the Region's own prices of
//! pricing.md §8.6 laid over it; keys without one keep the us-east-1 price and say so in their
//! `region`. The caller's prices always win over embedded ones.
//!
//! Keys are stable snake_case ids `<service>.<thing>.<item>_<unit>`; an unknown key is an error
//! (`unknown_price_key`, with its path). A whole book as returned by [`default_price_book`] is
//! also a valid input, so a caller can fetch it, edit it and pass it back.

mod catalog;
mod regions;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{join, Error, ErrorCode, Issue};

pub(crate) use catalog::TYPE_SLUGS;

/// The Region of the embedded default book. Source: pricing.md §8 (us-east-1).
pub const DEFAULT_REGION: &str = "us-east-1";

/// Hours per month in estimates. Source: pricing.md §2 (DERIVED convention: 8,760 h ÷ 12 = 730;
/// AWS's own examples use calendar months or 30 days — keep it a parameter).
pub const DEFAULT_HOURS_PER_MONTH: f64 = 730.0;

/// What a price is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum PriceUnit {
    /// Per GB (2^30 bytes, pricing.md §2) stored for a month of `hours_per_month` hours.
    #[serde(rename = "gb_month")]
    GbMonth,
    /// Per GB stored for a day.
    #[serde(rename = "gb_day")]
    GbDay,
    /// Per GB transferred, restored or retrieved.
    #[serde(rename = "gb")]
    Gb,
    /// Per request (or evaluation, test).
    #[serde(rename = "request")]
    Request,
    /// Per 1,000 requests.
    #[serde(rename = "1k_requests")]
    KRequests,
    /// Per 1,000 objects per month (S3 Intelligent-Tiering monitoring).
    #[serde(rename = "1k_object_months")]
    KObjectMonths,
    /// Per hour.
    #[serde(rename = "hour")]
    Hour,
}

impl PriceUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            PriceUnit::GbMonth => "GB-month",
            PriceUnit::GbDay => "GB-day",
            PriceUnit::Gb => "GB",
            PriceUnit::Request => "request",
            PriceUnit::KRequests => "1,000 requests",
            PriceUnit::KObjectMonths => "1,000 object-months",
            PriceUnit::Hour => "hour",
        }
    }
}

/// Trust in a price (pricing.md §8 confidence levels; `input` = supplied by the caller).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Stated by an AWS document for this Region (or Region-independent).
    High,
    /// Price-tool snapshot from the AWS Price List API, or two agreeing secondary sources.
    Medium,
    /// One secondary source, or the Region is inferred.
    Low,
    /// Supplied by the caller without a stated confidence.
    Input,
}

/// One price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct PriceEntry {
    pub service: String,
    pub item: String,
    pub unit: PriceUnit,
    #[serde(deserialize_with = "crate::units::usd")]
    pub usd: f64,
    /// The Region this price is for.
    pub region: String,
    pub source: String,
    /// Date of the source (`unknown` when the snapshot date is unknown).
    pub as_of: String,
    pub confidence: Confidence,
}

/// A key drplan knows but ships no default for (confidence NONE in pricing.md §8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct AbsentPrice {
    pub service: String,
    pub item: String,
    pub unit: PriceUnit,
    /// Why there is no default (and what is known).
    pub reason: String,
}

/// A resolved price book: what cost functions read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null, hashmap_as_object))]
pub struct PriceBook {
    pub region: String,
    /// Always `USD`.
    pub currency: String,
    /// Prices by key.
    pub prices: BTreeMap<String, PriceEntry>,
    /// Known keys without a price: a cost query needing one fails with `missing_price`.
    pub absent: BTreeMap<String, AbsentPrice>,
    /// Caveats about this book (e.g. defaults from another Region).
    pub notes: Vec<String>,
    /// Built with `use_defaults = false`: drplan adds no embedded price to it, for any Region.
    #[serde(skip)]
    pub(crate) only_given: bool,
}

impl PriceBook {
    /// The price for `key`, if the book has one.
    pub fn price(&self, key: &str) -> Option<&PriceEntry> {
        self.prices.get(key)
    }

    /// Whether `key` is a key drplan knows (priced or absent).
    pub fn knows(key: &str) -> bool {
        catalog::catalog().contains_key(key)
    }
}

/// One overriding price as a full entry (every field but `usd` optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PriceOverride {
    #[serde(deserialize_with = "crate::units::usd")]
    pub usd: f64,
    /// Must equal the key's unit if given (the cost math assumes it).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub unit: Option<PriceUnit>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub service: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub item: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub source: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub as_of: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub confidence: Option<Confidence>,
}

/// A price given as a bare number (USD per the key's unit) or as a full entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum PriceInput {
    Usd(f64),
    Entry(PriceOverride),
}

/// A partial (or whole) price book laid over a base book (the embedded default unless
/// `use_defaults` is false, in which case only the given prices exist).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct PriceBookInput {
    /// Region of the given prices (default: the base book's).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub region: Option<String>,
    /// Start from the base book (default true). With false, every price not given is missing.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub use_defaults: Option<bool>,
    /// Must be `USD` if given.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub currency: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub prices: BTreeMap<String, PriceInput>,
    /// Ignored (accepted so that a book from `default_price_book` can be passed back).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub absent: Option<BTreeMap<String, AbsentPrice>>,
    /// Ignored (as `absent`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub notes: Option<Vec<String>>,
}

/// The embedded default us-east-1 price book (pricing.md §8).
pub fn default_price_book() -> PriceBook {
    let mut prices = BTreeMap::new();
    let mut absent = BTreeMap::new();
    for (key, e) in catalog::catalog() {
        match (e.usd, e.confidence) {
            (Some(usd), Some(confidence)) => {
                prices.insert(
                    key.clone(),
                    PriceEntry {
                        service: e.service.to_owned(),
                        item: e.item.clone(),
                        unit: e.unit,
                        usd,
                        region: DEFAULT_REGION.to_owned(),
                        source: e.source.to_owned(),
                        as_of: e.as_of.to_owned(),
                        confidence,
                    },
                );
            }
            _ => {
                absent.insert(
                    key.clone(),
                    AbsentPrice {
                        service: e.service.to_owned(),
                        item: e.item.clone(),
                        unit: e.unit,
                        reason: e.source.to_owned(),
                    },
                );
            }
        }
    }
    PriceBook {
        region: DEFAULT_REGION.to_owned(),
        currency: "USD".to_owned(),
        prices,
        absent,
        only_given: false,
        notes: vec![
            "Embedded default book: pricing.md §8 (us-east-1). Prices change: re-check against the AWS Price List API before relying on them.".to_owned(),
            "Billing GB = 2^30 bytes (pricing.md §2). GB-month prices assume the caller's hours_per_month (default 730).".to_owned(),
        ],
    }
}

/// The Regions with embedded prices of their own: the default Region and every Region of
/// pricing.md §8.6, sorted.
pub fn embedded_regions() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = regions::REGION_ROWS.iter().map(|r| r.region).collect();
    v.push(DEFAULT_REGION);
    v.sort_unstable();
    v.dedup();
    v
}

/// The embedded prices drplan has for `region` (the default book's for the default Region,
/// pricing.md §8.6 rows otherwise).
fn embedded_entries(region: &str) -> Vec<(String, PriceEntry)> {
    if region == DEFAULT_REGION {
        return default_price_book().prices.into_iter().collect();
    }
    let catalog = catalog::catalog();
    regions::REGION_ROWS
        .iter()
        .filter(|r| r.region == region)
        .filter_map(|r| {
            let known = catalog.get(r.key)?;
            Some((
                r.key.to_owned(),
                PriceEntry {
                    service: known.service.to_owned(),
                    item: known.item.clone(),
                    unit: known.unit,
                    usd: r.usd,
                    region: r.region.to_owned(),
                    source: r.source.to_owned(),
                    as_of: r.as_of.to_owned(),
                    confidence: r.confidence,
                },
            ))
        })
        .collect()
}

/// `book` as it applies to `region`: every entry that is for another Region is replaced by
/// drplan's embedded price for `region` where pricing.md §8 / §8.6 has one; entries already for
/// `region` (the caller's, or embedded) stay, and so do the other Region's prices of keys drplan
/// has no `region` price for (their `region` field says so). A book built with
/// `use_defaults = false` gets no embedded price.
pub fn regional_book(book: &PriceBook, region: &str) -> PriceBook {
    let mut b = book.clone();
    b.region = region.to_owned();
    if book.only_given {
        return b;
    }
    for (key, e) in embedded_entries(region) {
        if b.prices.get(&key).is_some_and(|cur| cur.region == region) {
            continue;
        }
        b.absent.remove(&key);
        b.prices.insert(key, e);
    }
    b
}

/// The embedded default book for `region`: the us-east-1 book of pricing.md §8 with `region`'s
/// own prices of §8.6 laid over it.
pub fn default_price_book_for(region: &str) -> PriceBook {
    regional_book(&default_price_book(), region)
}

/// Lay `input` over the embedded default book of its Region (us-east-1 when it names none).
pub fn price_book(input: &PriceBookInput) -> Result<PriceBook, Error> {
    resolve_on(&base_book(input), input)
}

/// The book an input is laid over: the embedded default book of the input's Region.
fn base_book(input: &PriceBookInput) -> PriceBook {
    match input.region.as_deref() {
        Some(r) if !r.trim().is_empty() && r != DEFAULT_REGION => default_price_book_for(r),
        _ => default_price_book(),
    }
}

/// Lay `input` over `base`. Collects every problem (paths are JSON pointers into the input).
pub fn resolve_on(base: &PriceBook, input: &PriceBookInput) -> Result<PriceBook, Error> {
    let mut issues = Vec::new();
    if let Some(c) = &input.currency {
        if c != "USD" {
            issues.push(Issue::error(
                "unsupported_currency",
                "/currency",
                format!("currency {c:?} is not supported: drplan prices are USD"),
            ));
        }
    }
    let region = input.region.clone().unwrap_or_else(|| base.region.clone());
    if region.trim().is_empty() {
        issues.push(Issue::error(
            "invalid_value",
            "/region",
            "region must not be empty",
        ));
    }
    let use_defaults = input.use_defaults.unwrap_or(true);
    let mut book = if use_defaults {
        base.clone()
    } else {
        let mut b = default_price_book();
        for (k, e) in std::mem::take(&mut b.prices) {
            b.absent.insert(
                k,
                AbsentPrice {
                    service: e.service,
                    item: e.item,
                    unit: e.unit,
                    reason: "use_defaults is false and no price was given".to_owned(),
                },
            );
        }
        b.notes = vec!["Only the caller's prices (use_defaults = false).".to_owned()];
        b.only_given = true;
        b
    };
    book.region = region.clone();
    let catalog = catalog::catalog();
    for (key, given) in &input.prices {
        let path = join("/prices", key);
        let Some(known) = catalog.get(key) else {
            let mut issue = Issue::error(
                "unknown_price_key",
                path,
                format!("unknown price key {key:?}"),
            );
            if let Some(s) = nearest_key(key) {
                issue = issue.with_hint(format!("did you mean {s:?}?"));
            }
            issues.push(issue);
            continue;
        };
        let (usd, o) = match given {
            PriceInput::Usd(u) => (*u, None),
            PriceInput::Entry(o) => (o.usd, Some(o)),
        };
        let usd_path = if o.is_some() {
            join(&path, "usd")
        } else {
            path.clone()
        };
        if !usd.is_finite() || !(0.0..=crate::units::MAX_USD).contains(&usd) {
            issues.push(Issue::error(
                "out_of_range",
                usd_path,
                format!(
                    "price {usd} for {:?} must be a finite number ≥ 0 and at most {:e}",
                    crate::budget::echo(key),
                    crate::units::MAX_USD
                ),
            ));
            continue;
        }
        if let Some(unit) = o.and_then(|o| o.unit) {
            if unit != known.unit {
                issues.push(
                    Issue::error(
                        "price_unit_mismatch",
                        join(&path, "unit"),
                        format!(
                            "{key:?} is priced per {}, not per {}",
                            known.unit.as_str(),
                            unit.as_str()
                        ),
                    )
                    .with_hint("convert the price to the key's unit"),
                );
                continue;
            }
        }
        let default_entry = base.prices.get(key);
        let entry = PriceEntry {
            service: o
                .and_then(|o| o.service.clone())
                .unwrap_or_else(|| known.service.to_owned()),
            item: o
                .and_then(|o| o.item.clone())
                .unwrap_or_else(|| known.item.clone()),
            unit: known.unit,
            usd,
            region: o
                .and_then(|o| o.region.clone())
                .unwrap_or_else(|| region.clone()),
            source: o
                .and_then(|o| o.source.clone())
                .unwrap_or_else(|| match default_entry {
                    Some(d) if d.usd == usd && d.region == region => d.source.clone(),
                    _ => "caller override".to_owned(),
                }),
            as_of: o
                .and_then(|o| o.as_of.clone())
                .unwrap_or_else(|| match default_entry {
                    Some(d) if d.usd == usd && d.region == region => d.as_of.clone(),
                    _ => "unknown".to_owned(),
                }),
            confidence: o.and_then(|o| o.confidence).unwrap_or(match default_entry {
                Some(d) if d.usd == usd && d.region == region => d.confidence,
                _ => Confidence::Input,
            }),
        };
        book.absent.remove(key);
        book.prices.insert(key.clone(), entry);
    }
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(
            issues.into_iter().map(|i| i.in_input("book")).collect(),
        ));
    }
    let foreign = book.prices.values().filter(|e| e.region != region).count();
    if foreign > 0 {
        book.notes.push(format!(
            "{foreign} price(s) are for another Region than {region} (see each entry's region): override them for a Region-accurate estimate."
        ));
    }
    Ok(book)
}

/// The closest known key (edit distance ≤ 4), for an `unknown_price_key` hint.
fn nearest_key(key: &str) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for k in catalog::catalog().keys() {
        let d = edit_distance(key, k);
        if d <= 4 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k.to_owned())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(200).collect();
    let b: Vec<char> = b.chars().take(200).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(c0) = cur.first_mut() {
            *c0 = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(b.len()).copied().unwrap_or(usize::MAX)
}

/// Keys a query needed but the book lacks, with what needed them.
#[derive(Debug, Default, Clone)]
pub struct MissingPrices {
    needed_by: BTreeMap<String, String>,
}

impl MissingPrices {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record that `what` needs `key`; the first reason per key is kept.
    pub fn add(&mut self, key: &str, what: impl FnOnce() -> String) {
        if !self.needed_by.contains_key(key) {
            self.needed_by.insert(key.to_owned(), what());
        }
    }

    /// `Ok(())` if nothing is missing, else a `missing_price` error naming every missing key.
    pub fn into_result(self, book: &PriceBook) -> Result<(), Error> {
        if self.needed_by.is_empty() {
            return Ok(());
        }
        let keys: Vec<&str> = self.needed_by.keys().map(String::as_str).collect();
        let message = format!(
            "the price book has no price for {} (never priced at 0): supply {} in the book's prices",
            keys.join(", "),
            if keys.len() == 1 { "it" } else { "them" }
        );
        let issues = self
            .needed_by
            .iter()
            .map(|(key, what)| {
                let why = book
                    .absent
                    .get(key)
                    .map(|a| format!(" ({}: {})", a.item, a.reason))
                    .unwrap_or_default();
                Issue::error(
                    "missing_price",
                    join("/prices", key),
                    format!("no price for {key:?}{why}; needed by {what}"),
                )
                .with_hint(format!(
                    "pass a book such as {{\"prices\": {{\"{key}\": <USD per {}>}}}}",
                    catalog::catalog()
                        .get(key)
                        .map(|e| e.unit.as_str())
                        .unwrap_or("unit")
                ))
                .in_input("book")
            })
            .collect();
        Err(Error::new(ErrorCode::MissingPrice, message, issues))
    }
}

/// Read a price-book argument: `null` → the default book; otherwise a [`PriceBookInput`].
pub fn book_from_value(input: &str, v: Value) -> Result<PriceBook, Error> {
    if v.is_null() {
        return Ok(default_price_book());
    }
    let parsed = book_input_from_value(input, v)?;
    resolve_on(&base_book(&parsed), &parsed).map_err(|e| relabel(e, input))
}

/// Read a [`PriceBookInput`] with precise paths for bad entries (the untagged `number | entry`
/// would otherwise lose them).
pub fn book_input_from_value(input: &str, v: Value) -> Result<PriceBookInput, Error> {
    if let Some(prices) = v.get("prices").and_then(Value::as_object) {
        let mut issues = Vec::new();
        for (k, p) in prices {
            let path = join("/prices", k);
            match p {
                Value::Number(_) => {}
                Value::Object(_) => {
                    if let Err(e) = crate::boundary::from_value::<PriceOverride>(input, p.clone()) {
                        issues.extend(e.issues.into_iter().map(|i| i.under(&path)));
                    }
                }
                other => issues.push(
                    Issue::error(
                        "invalid_type",
                        path,
                        format!(
                            "invalid type: {other}, expected a number (USD) or a price entry {{\"usd\": …}}"
                        ),
                    )
                    .in_input(input),
                ),
            }
        }
        if !issues.is_empty() {
            return Err(Error::invalid(issues));
        }
    }
    crate::boundary::from_value(input, v)
}

fn relabel(mut e: Error, input: &str) -> Error {
    for i in &mut e.issues {
        i.input = Some(input.to_owned());
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn default_book_has_sourced_prices_and_no_none_entries() {
        let b = default_price_book();
        assert_eq!(b.region, "us-east-1");
        let efs = b.price("backup.efs.warm_gb_month").unwrap();
        assert_eq!((efs.usd, efs.unit), (0.05, PriceUnit::GbMonth));
        assert_eq!(efs.confidence, Confidence::Medium);
        assert_eq!(b.price("backup.efs.cold_gb_month").unwrap().usd, 0.01);
        assert_eq!(b.price("backup.rds.warm_gb_month").unwrap().usd, 0.095);
        assert_eq!(b.price("backup.aurora.warm_gb_month").unwrap().usd, 0.021);
        assert_eq!(b.price("transfer.inter_region_gb").unwrap().usd, 0.02);
        assert_eq!(
            b.price("s3.deep_archive.storage_gb_month").unwrap().usd,
            0.00099
        );
        // Confidence NONE → absent, with the reason.
        for k in [
            "backup.dynamodb.cold_gb_month",
            "backup.s3.warm_gb_month",
            "backup.fsx.warm_gb_month",
            "backup.efs.restore_warm_gb",
            "backup.rds.continuous_gb_month",
            "s3.glacier_ir.transition_1k_requests",
        ] {
            assert!(b.price(k).is_none(), "{k} must be absent");
            assert!(b.absent.contains_key(k), "{k} must be listed as absent");
        }
        for e in b.prices.values() {
            assert!(!e.source.is_empty() && !e.as_of.is_empty());
            assert!(e.usd >= 0.0);
        }
    }

    #[test]
    fn overrides_apply_and_unknown_keys_fail_with_path() {
        let input: PriceBookInput = serde_json::from_value(json!({
            "region": "eu-west-1",
            "prices": {"backup.ebs.warm_gb_month": 0.055,
                       "backup.dynamodb.cold_gb_month": {"usd": 0.03, "source": "quote"}}
        }))
        .unwrap();
        let b = price_book(&input).unwrap();
        let ebs = b.price("backup.ebs.warm_gb_month").unwrap();
        assert_eq!((ebs.usd, ebs.region.as_str()), (0.055, "eu-west-1"));
        assert_eq!(ebs.confidence, Confidence::Input);
        let ddb = b.price("backup.dynamodb.cold_gb_month").unwrap();
        assert_eq!((ddb.usd, ddb.source.as_str()), (0.03, "quote"));
        assert!(!b.absent.contains_key("backup.dynamodb.cold_gb_month"));
        assert!(b.notes.iter().any(|n| n.contains("another Region")));

        let e = book_from_value(
            "book",
            json!({"prices": {"backup.ebs.warm_gb_mont": 1, "backup.efs.warm_gb_month": -1}}),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        let got: Vec<(&str, &str)> = e
            .issues
            .iter()
            .map(|i| (i.code.as_str(), i.path.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("unknown_price_key", "/prices/backup.ebs.warm_gb_mont"),
                ("out_of_range", "/prices/backup.efs.warm_gb_month"),
            ]
        );
        assert_eq!(
            e.issues[0].hint.as_deref(),
            Some("did you mean \"backup.ebs.warm_gb_month\"?")
        );
    }

    #[test]
    fn bad_entry_paths_and_unit_mismatch() {
        let e = book_from_value(
            "book",
            json!({"prices": {"backup.ebs.warm_gb_month": {"usd": "x"}}}),
        )
        .unwrap_err();
        assert_eq!(e.issues[0].path, "/prices/backup.ebs.warm_gb_month/usd");
        let e = book_from_value(
            "book",
            json!({"prices": {"backup.ebs.warm_gb_month": {"usd": 1, "unit": "gb"}}}),
        )
        .unwrap_err();
        assert_eq!(e.issues[0].code, "price_unit_mismatch");
        let e = book_from_value("book", json!({"prices": {"backup.ebs.warm_gb_month": "1"}}))
            .unwrap_err();
        assert_eq!(e.issues[0].code, "invalid_type");
    }

    #[test]
    fn the_default_book_round_trips_as_input() {
        let v = crate::api::json::default_price_book().unwrap();
        let again = crate::api::json::price_book(v.clone()).unwrap();
        assert_eq!(v["prices"], again["prices"]);
    }

    #[test]
    fn without_defaults_only_given_prices_exist() {
        let b = book_from_value(
            "book",
            json!({"use_defaults": false, "prices": {"backup.efs.warm_gb_month": 0.06}}),
        )
        .unwrap();
        assert_eq!(b.prices.len(), 1);
        assert!(b.absent.contains_key("backup.efs.cold_gb_month"));
    }

    #[test]
    fn region_books_use_their_own_prices_and_keep_others_marked() {
        // us-west-1 (pricing.md §8.6): dearer than us-east-1 for most items.
        let w1 = default_price_book_for("us-west-1");
        assert_eq!(w1.region, "us-west-1");
        let efs = w1.price("backup.efs.warm_gb_month").unwrap();
        assert_eq!((efs.usd, efs.region.as_str()), (0.06, "us-west-1"));
        assert_eq!(efs.confidence, Confidence::Medium);
        assert_eq!(
            w1.price("backup.dynamodb.warm_gb_month").unwrap().usd,
            0.112
        );
        assert_eq!(
            w1.price("backup.dynamodb.restore_warm_gb").unwrap().usd,
            0.168
        );
        assert_eq!(w1.price("backup.aurora.warm_gb_month").unwrap().usd, 0.024);
        // RDS costs the same there; still the Region's own entry.
        let rds = w1.price("backup.rds.warm_gb_month").unwrap();
        assert_eq!((rds.usd, rds.region.as_str()), (0.095, "us-west-1"));
        // A key absent from the us-east-1 book but priced for us-west-1.
        assert!(default_price_book()
            .price("backup.fsx.warm_gb_month")
            .is_none());
        assert_eq!(w1.price("backup.fsx.warm_gb_month").unwrap().usd, 0.055);
        assert!(!w1.absent.contains_key("backup.fsx.warm_gb_month"));
        // A key without a us-west-1 price keeps us-east-1's, marked as such.
        let s3 = w1.price("s3.standard.storage_gb_month").unwrap();
        assert_eq!((s3.usd, s3.region.as_str()), (0.023, "us-east-1"));
        // eu-west-1: EBS snapshots and transfer out of the Region.
        let e1 = default_price_book_for("eu-west-1");
        assert_eq!(
            e1.price("backup.ebs.warm_gb_month").unwrap().region,
            "eu-west-1"
        );
        assert_eq!(
            e1.price("transfer.inter_region_gb").unwrap().region,
            "eu-west-1"
        );
        assert_eq!(
            e1.price("backup.efs.warm_gb_month").unwrap().region,
            "us-east-1"
        );
        // ap-northeast-1: S3 Standard at Tokyo's $0.025, not us-east-1's $0.023.
        let t = default_price_book_for("ap-northeast-1");
        let s3 = t.price("s3.standard.storage_gb_month").unwrap();
        assert_eq!((s3.usd, s3.region.as_str()), (0.025, "ap-northeast-1"));
        assert_eq!(
            t.price("backup.ebs.warm_gb_month").unwrap().region,
            "us-east-1"
        );
        // A Region without any price of its own is the us-east-1 book under its name.
        let s2 = default_price_book_for("ap-southeast-2");
        assert!(s2.prices.values().all(|e| e.region == "us-east-1"));
        // The default Region is the default book.
        assert_eq!(default_price_book_for("us-east-1"), default_price_book());
    }

    #[test]
    fn region_rows_are_known_unique_sourced_and_dated() {
        let mut seen = std::collections::BTreeSet::new();
        for r in regions::REGION_ROWS {
            assert!(PriceBook::knows(r.key), "{} is not a catalog key", r.key);
            assert_ne!(
                r.region, DEFAULT_REGION,
                "{}: us-east-1 lives in the catalog",
                r.key
            );
            assert!(
                seen.insert((r.key, r.region)),
                "{} {} twice",
                r.key,
                r.region
            );
            assert!(r.source.starts_with("pricing.md §8.6"), "{}", r.source);
            assert!(
                !r.as_of.is_empty() && r.as_of != "unknown",
                "{} {}",
                r.key,
                r.region
            );
            assert!(r.usd >= 0.0);
        }
        // Every default price says when it was read, or that it could not be dated.
        for (k, e) in default_price_book().prices {
            assert!(
                e.as_of.starts_with("20") || e.as_of.starts_with("undated"),
                "{k}: as_of {:?}",
                e.as_of
            );
        }
    }

    #[test]
    fn a_region_input_starts_from_that_regions_book() {
        let b = book_from_value(
            "book",
            json!({"region": "us-west-1", "prices": {"backup.efs.warm_gb_month": 0.07}}),
        )
        .unwrap();
        let efs = b.price("backup.efs.warm_gb_month").unwrap();
        assert_eq!((efs.usd, efs.confidence), (0.07, Confidence::Input));
        assert_eq!(b.price("backup.dynamodb.warm_gb_month").unwrap().usd, 0.112);
        // Giving the embedded value back keeps its source and confidence.
        let b = book_from_value(
            "book",
            json!({"region": "us-west-1", "prices": {"backup.ebs.warm_gb_month": 0.055}}),
        )
        .unwrap();
        let ebs = b.price("backup.ebs.warm_gb_month").unwrap();
        assert_eq!(ebs.confidence, Confidence::Medium);
        // use_defaults = false: no embedded price for any Region.
        let b = book_from_value(
            "book",
            json!({"region": "us-west-1", "use_defaults": false,
                   "prices": {"backup.efs.warm_gb_month": 0.07}}),
        )
        .unwrap();
        assert_eq!(b.prices.len(), 1);
        assert_eq!(regional_book(&b, "us-west-1").prices.len(), 1);
        assert_eq!(regional_book(&b, "us-east-1").prices.len(), 1);
    }

    #[test]
    fn missing_prices_error_names_every_key() {
        let b = default_price_book();
        let mut m = MissingPrices::new();
        m.add("backup.dynamodb.cold_gb_month", || "points/3".into());
        m.add("backup.dynamodb.cold_gb_month", || "points/4".into());
        m.add("backup.s3.warm_gb_month", || "points/0".into());
        let e = m.into_result(&b).unwrap_err();
        assert_eq!(e.code, ErrorCode::MissingPrice);
        assert_eq!(e.issues.len(), 2);
        assert_eq!(e.issues[0].path, "/prices/backup.dynamodb.cold_gb_month");
        assert!(e.issues[0].message.contains("points/3"));
        assert!(e.message.contains("never priced at 0"));
    }
}
