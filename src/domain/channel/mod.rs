//! The account channel (issue 6): membership from the billing system, bulletins, questions and
//! answers. So far: the rules of the billing-system site import.

pub mod billing;
