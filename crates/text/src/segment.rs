//! Word segmentation for search.
