//! Merging one document's facts about a resource into the estate: fill what is unknown, warn on a conflict.

use super::*;

/// Merging one document's facts into one resource.
pub(super) struct Merge<'s, 'a> {
    pub(super) state: &'s mut State<'a>,
    pub(super) idx: usize,
    pub(super) doc: usize,
    pub(super) at: String,
    pub(super) arn: &'s str,
}

impl Merge<'_, '_> {
    /// Record that `field` came from this document, or warn when an earlier one said otherwise.
    pub(super) fn conflict(&mut self, field: &str, old: &str, new: &str) {
        let earlier = self
            .state
            .origins
            .get(self.idx)
            .and_then(|o| o.0.get(field))
            .map(|&d| self.state.name_of(d))
            .unwrap_or_else(|| "an earlier document".to_owned());
        let this = self.state.name_of(self.doc);
        let arn = crate::budget::echo(self.arn);
        self.state.issue(
            Issue::warning(
                "conflicting_fact",
                self.at.clone(),
                format!(
                    "{field} of {arn}: {} in {this}, {} in {earlier}; the earlier value is kept",
                    crate::budget::echo(new),
                    crate::budget::echo(old)
                ),
            )
            .with_hint(
                "exports taken at different times disagree: export again, or give one of them only",
            ),
        );
    }

    pub(super) fn set_origin(&mut self, field: &str) {
        if let Some(o) = self.state.origins.get_mut(self.idx) {
            o.0.entry(field.to_owned()).or_insert(self.doc);
        }
    }

    pub(super) fn string(
        &mut self,
        field: &str,
        new: Option<String>,
        get: fn(&mut EstateResource) -> &mut Option<String>,
    ) {
        let Some(new) = new else { return };
        let Some(r) = self.state.resources.get_mut(self.idx) else {
            return;
        };
        let slot = get(r);
        match slot {
            None => {
                *slot = Some(new);
                self.set_origin(field);
            }
            Some(old) if *old != new => {
                let old = old.clone();
                self.conflict(field, &old, &new);
            }
            Some(_) => {}
        }
    }

    pub(super) fn tag(&mut self, key: String, value: String) {
        let Some(r) = self.state.resources.get_mut(self.idx) else {
            return;
        };
        let field = format!("tag {key:?}");
        match r.tags.get(&key) {
            None => {
                r.tags.insert(key, value);
                self.set_origin(&field);
            }
            Some(old) if *old != value => {
                let old = old.clone();
                self.conflict(&field, &old, &value);
            }
            Some(_) => {}
        }
    }

    pub(super) fn size(&mut self, gib: f64, from: SizeFrom) {
        let had = self.state.size_from.get(self.idx).copied().flatten();
        let old = self
            .state
            .resources
            .get(self.idx)
            .and_then(|r| r.size_gib)
            .map_or(0.0, Gib::get);
        let replace = match (had, from) {
            (None, _) | (Some(SizeFrom::RecoveryPoint), SizeFrom::Resource) => true,
            (Some(SizeFrom::Resource), SizeFrom::RecoveryPoint) => false,
            (Some(_), _) => {
                if (old - gib).abs() > 1e-9 * old.abs().max(gib.abs()).max(1.0) {
                    self.conflict("size_gib", &gib_text(old), &gib_text(gib));
                }
                false
            }
        };
        if replace {
            if let Some(r) = self.state.resources.get_mut(self.idx) {
                r.size_gib = Some(Gib(gib));
            }
            if let Some(s) = self.state.size_from.get_mut(self.idx) {
                *s = Some(from);
            }
            if let Some(o) = self.state.origins.get_mut(self.idx) {
                o.0.insert("size_gib".to_owned(), self.doc);
            }
        }
    }

    /// A scalar of the resource's native protection: filled when unknown, a conflict when two
    /// documents disagree.
    pub(super) fn native<T: Copy + PartialEq + ToString>(
        &mut self,
        field: &str,
        new: Option<T>,
        get: fn(&mut NativeProtection) -> &mut Option<T>,
    ) {
        let Some(new) = new else { return };
        let Some(r) = self.state.resources.get_mut(self.idx) else {
            return;
        };
        let slot = get(&mut r.native);
        match *slot {
            None => {
                *slot = Some(new);
                self.set_origin(field);
            }
            Some(old) if old != new => self.conflict(field, &old.to_string(), &new.to_string()),
            Some(_) => {}
        }
    }

    /// Lists (replicas, Regions) are unions: each export may know some of them.
    pub(super) fn list(
        &mut self,
        new: Vec<String>,
        get: fn(&mut NativeProtection) -> &mut Vec<String>,
    ) {
        let Some(r) = self.state.resources.get_mut(self.idx) else {
            return;
        };
        let slot = get(&mut r.native);
        for x in new {
            if !slot.contains(&x) {
                slot.push(x);
            }
        }
    }
}
