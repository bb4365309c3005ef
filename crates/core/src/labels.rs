//! What each kind of event is called on pages and in exports: Chinese as the public systems
//! word it, and English.

/// The (Chinese, English) label of an event kind, or `None` for a kind this build does not know.
pub fn kind_label(kind: &str) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        "registry.entity_registered" => ("设立登记", "registered"),
        "registry.entity_changed" => ("变更登记", "registration changed"),
        "registry.filing_recorded" => ("备案", "filing recorded"),
        "registry.entity_suspended" => ("歇业备案", "suspension recorded"),
        "registry.suspension_extended" => ("歇业延期", "suspension extended"),
        "registry.entity_resumed" => ("恢复营业", "business resumed"),
        "registry.simple_deregistration_noticed" => ("简易注销公告", "simplified deregistration notice"),
        "registry.deregistration_objected" => ("简易注销异议", "objection to a simplified deregistration"),
        "registry.entity_deregistered" => ("注销登记", "deregistered"),
        "registry.licence_revoked" => ("吊销营业执照", "business licence revoked"),
        "registry.registration_annulled" => ("撤销登记", "registration annulled"),
        "registry.forced_deregistration_noticed" => ("强制注销公告", "forced deregistration notice"),
        "registry.entity_force_deregistered" => ("强制注销", "deregistered by force"),
        "registry.name_reserved" => ("名称自主申报", "name reserved"),
        "credit.abnormal_listed" => ("列入经营异常名录", "put on the abnormal operations list"),
        "credit.abnormal_removed" => ("移出经营异常名录", "removed from the abnormal operations list"),
        "credit.abnormal_marked" => ("标记为经营异常状态", "marked abnormal"),
        "credit.abnormal_mark_removed" => ("恢复正常记载状态", "abnormal marking removed"),
        "credit.abnormal_term_reminded" => ("异常名录届满提醒", "reminder before the abnormal list's term ends"),
        "credit.serious_listed" => ("列入严重违法失信名单", "put on the serious violations list"),
        "credit.serious_removed" => ("移出严重违法失信名单", "removed from the serious violations list"),
        "credit.annual_report_filed" => ("年度报告", "annual report"),
        "credit.annual_report_corrected" => ("年度报告更正", "annual report corrected"),
        "credit.annual_report_unpublished_filed" => ("年度报告（不公示部分）", "annual report (unpublished part)"),
        "credit.annual_report_unpublished_corrected" => {
            ("年度报告更正（不公示部分）", "annual report corrected (unpublished part)")
        }
        "credit.instant_disclosed" => ("即时信息公示", "information disclosed"),
        "credit.disclosure_ordered" => ("责令公示", "disclosure ordered"),
        "credit.risk_classified" => ("信用风险分类", "credit risk class"),
        "inspection.item_defined" => ("抽查事项清单调整", "inspection item defined"),
        "inspection.inspector_enrolled" => ("执法检查人员名录库", "inspector enrolled"),
        "inspection.object_registered" => {
            ("检查对象（产品、经营场所）登记", "product or premises registered for inspections")
        }
        "inspection.conflict_declared" => ("回避申报", "conflict of interest declared"),
        "inspection.plan_drafted" => ("抽查计划制定", "inspection plan drafted"),
        "inspection.seed_committed" => ("随机数承诺", "seed commitment"),
        "inspection.plan_published" => ("抽查计划公示", "inspection plan published"),
        "inspection.seed_revealed" => ("随机数公开", "seed revealed"),
        "inspection.draw_made" => ("双随机抽取", "random draw"),
        "inspection.task_assigned" => ("列入抽查", "drawn for inspection"),
        "inspection.result_recorded" => ("检查结果录入", "inspection result recorded"),
        "inspection.result_published" => ("抽查检查结果公示", "inspection result published"),
        "credit.commitment_made" => ("信用承诺", "credit commitment"),
        "credit.commitment_breached" => ("违背信用承诺", "credit commitment breached"),
        "credit.repair_requested" => ("信用修复申请", "credit repair requested"),
        "credit.repair_accepted" => ("信用修复受理", "credit repair accepted"),
        "credit.repair_refused" => ("信用修复不予受理", "credit repair refused"),
        "credit.repair_approved" => ("准予信用修复", "credit repair approved"),
        "credit.repair_rejected" => ("不予信用修复", "credit repair rejected"),
        "credit.objection_filed" => ("异议申请", "objection filed"),
        "credit.objection_accepted" => ("异议受理", "objection accepted"),
        "credit.objection_refused" => ("异议不予受理", "objection refused"),
        "credit.objection_verified" => ("异议核查结论", "objection verified"),
        "access.account_created" => ("账户开设", "account created"),
        "access.account_disabled" => ("账户停用", "account disabled"),
        "journal.publicity_changed" => ("公示期限变更", "publicity changed"),
        "ledger.cosignature_added" => ("见证签名", "witness cosignature"),
        "ledger.checkpoint_cosigned" => ("检查点见证", "checkpoint cosigned"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::kind_label;

    #[test]
    fn every_kind_has_a_label() {
        let kinds = [
            crate::credit::lists::KIND_ABNORMAL_LISTED,
            crate::credit::lists::KIND_ABNORMAL_REMOVED,
            crate::credit::lists::KIND_ABNORMAL_MARKED,
            crate::credit::lists::KIND_ABNORMAL_MARK_REMOVED,
            crate::credit::lists::KIND_ABNORMAL_TERM_REMINDED,
            crate::credit::lists::KIND_SERIOUS_LISTED,
            crate::credit::lists::KIND_SERIOUS_REMOVED,
            crate::credit::objection::KIND_OBJECTION_FILED,
            crate::credit::objection::KIND_OBJECTION_ACCEPTED,
            crate::credit::objection::KIND_OBJECTION_REFUSED,
            crate::credit::objection::KIND_OBJECTION_VERIFIED,
            crate::credit::repair::KIND_COMMITMENT_MADE,
            crate::credit::repair::KIND_COMMITMENT_BREACHED,
            crate::credit::repair::KIND_REPAIR_REQUESTED,
            crate::credit::repair::KIND_REPAIR_ACCEPTED,
            crate::credit::repair::KIND_REPAIR_REFUSED,
            crate::credit::repair::KIND_REPAIR_APPROVED,
            crate::credit::repair::KIND_REPAIR_REJECTED,
            crate::credit::annual::KIND_ANNUAL_REPORT_FILED,
            crate::credit::annual::KIND_ANNUAL_REPORT_UNPUBLISHED_FILED,
            crate::credit::annual::KIND_ANNUAL_REPORT_CORRECTED,
            crate::credit::annual::KIND_ANNUAL_REPORT_UNPUBLISHED_CORRECTED,
            crate::credit::annual::KIND_INSTANT_DISCLOSED,
            crate::credit::annual::KIND_DISCLOSURE_ORDERED,
            crate::credit::classify::KIND_RISK_CLASSIFIED,
            crate::account::KIND_ACCOUNT_CREATED,
            crate::account::KIND_ACCOUNT_DISABLED,
            crate::entity::KIND_REGISTERED,
            crate::entity::KIND_CHANGED,
            crate::entity::KIND_FILED,
            crate::entity::KIND_SUSPENDED,
            crate::entity::KIND_SUSPENSION_EXTENDED,
            crate::entity::KIND_RESUMED,
            crate::entity::KIND_DEREGISTRATION_NOTICED,
            crate::entity::KIND_DEREGISTRATION_OBJECTED,
            crate::entity::KIND_DEREGISTERED,
            crate::entity::KIND_LICENCE_REVOKED,
            crate::entity::KIND_ANNULLED,
            crate::entity::KIND_FORCED_NOTICED,
            crate::entity::KIND_FORCE_DEREGISTERED,
            crate::entity::KIND_NAME_RESERVED,
            crate::event::KIND_PUBLICITY_CHANGED,
            crate::event::KIND_COSIGNATURE_ADDED,
            crate::event::KIND_CHECKPOINT_COSIGNED,
        ];
        for kind in kinds.iter().chain(crate::inspection::KINDS) {
            assert!(kind_label(kind).is_some(), "{kind} has no label");
        }
        assert_eq!(kind_label("registry.entity_registered"), Some(("设立登记", "registered")));
        assert_eq!(kind_label("no.such_kind"), None);
    }
}
