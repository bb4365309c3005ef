//! What each kind of event is called on pages and in exports: Chinese as the public systems
//! word it, and English. The labels are declared with the kinds ([`crate::event::kinds`]).

/// The (Chinese, English) label of an event kind, or `None` for a kind this build does not know.
pub fn kind_label(kind: &str) -> Option<(&'static str, &'static str)> {
    crate::event::declared(kind).map(|k| (k.label_zh, k.label_en))
}

#[cfg(test)]
mod tests {
    use super::kind_label;

    #[test]
    fn every_kind_has_a_label() {
        for k in crate::event::kinds() {
            assert_eq!(kind_label(k.kind), Some((k.label_zh, k.label_en)), "{}", k.kind);
        }
        assert_eq!(kind_label("registry.entity_registered"), Some(("设立登记", "registered")));
        assert_eq!(kind_label("complaint.narrative_published").map(|l| l.0), Some("消费投诉信息公示"));
        assert_eq!(kind_label("no.such_kind"), None);
    }
}
