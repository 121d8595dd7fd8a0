//! # ticketry
//!
//! The support regulation of PASS24.online as code.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod rules;
