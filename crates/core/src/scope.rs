//! The business scope catalogue (经营范围库).
