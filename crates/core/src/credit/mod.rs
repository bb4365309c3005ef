//! The credit file (信用档案): annual reports and instant disclosures, the abnormal-operations
//! and serious-violation lists, credit commitments, repair and objections, and the A–D credit
//! risk classification.
