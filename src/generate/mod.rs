//! Generation from the standard: blank catalogue templates (this module),
//! and — with the generation issue — service guides and application forms.
//! Generated outputs are standardised by construction: they come from the
//! same standard `check` enforces.

pub mod docx;
pub mod form;
pub mod guide;
pub mod site;
pub mod template;
pub mod verify;
