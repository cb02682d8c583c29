//! The estate: every resource of an organization against every plan that may select it.
//!
//! An [`Estate`] is what the inventory readers produce from the exports people already have
//! (`list-protected-resources`, `get-backup-plan`, `get-backup-selection`, the tagging API,
//! `describe-db-instances`…) and what the estate evaluation reads: the plans with their
//! selections and where they apply, and the resources with what is known of them. A field an
//! export does not give stays `None`; whoever needs it applies a default and says so.
//!
//! It sits with the compositions (`simulation/`, `controls/`): it may use every room below.

mod import;
mod model;

pub use import::{read_estate, DocumentRead, EstateDocument, EstateRead, EstateReadOptions};
pub use model::{Estate, EstatePlan, EstateResource, NativeProtection, ServiceOptIn};
