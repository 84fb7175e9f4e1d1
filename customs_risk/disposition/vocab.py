"""The words of the disposition workflow (domain_notes.md §1, source_model.md §11) and their Chinese labels."""

from __future__ import annotations

COLOURS = ("yellow", "orange", "red")
COLOUR_ZH = {"yellow": "黄色", "orange": "橙色", "red": "红色"}

ACTIONS = (
    "ISSUE",
    "ACK",
    "ASSIGN_VERIFY",
    "VERIFY_RESULT",
    "DISPOSE",
    "FEEDBACK",
    "CLOSE",
    "REOPEN",
    "ESCALATE",
    "REPORT_DISCIPLINE",
)
# what people do (ISSUE is the system's; ARCHIVE is reserved for the archive job)
USER_ACTIONS = ACTIONS[1:]
ACTION_ZH = {
    "ISSUE": "下发",
    "ACK": "签收",
    "ASSIGN_VERIFY": "指派核查",
    "VERIFY_RESULT": "核查结论",
    "DISPOSE": "处置决定",
    "FEEDBACK": "整改反馈",
    "CLOSE": "审核办结",
    "REOPEN": "重新核查",
    "ESCALATE": "升级",
    "REPORT_DISCIPLINE": "报纪检监察",
}

STATUSES = (
    "OPEN",
    "ACKED",
    "VERIFYING",
    "CONFIRMED",
    "CLEARED",
    "DISPOSED",
    "FEEDBACK_RECEIVED",
    "CLOSED",
    "ESCALATED",
    "ARCHIVED",
)
STATUS_ZH = {
    "NEW": "未下发",
    "OPEN": "待签收",
    "ACKED": "已签收",
    "VERIFYING": "核查中",
    "CONFIRMED": "已确认待处置",
    "CLEARED": "已排除待审核",
    "DISPOSED": "已处置待反馈",
    "FEEDBACK_RECEIVED": "已反馈待审核",
    "CLOSED": "已办结",
    "ESCALATED": "已升级",
    "ARCHIVED": "已归档",
}
TERMINAL = frozenset({"ESCALATED", "ARCHIVED"})

CONCLUSIONS = ("CONFIRMED", "JUSTIFIED", "FALSE_POSITIVE")
CONCLUSION_ZH = {"CONFIRMED": "属实(违规)", "JUSTIFIED": "合理例外", "FALSE_POSITIVE": "误报"}

MEASURES = ("NONE", "REMIND_TALK", "ADMONISH_TALK", "CORRECT_NOTICE", "REFER_DISCIPLINE", "ORG_HANDLING")
MEASURE_ZH = {
    "NONE": "无",
    "REMIND_TALK": "提醒谈话",
    "ADMONISH_TALK": "诫勉谈话",
    "CORRECT_NOTICE": "纠错通知书",
    "REFER_DISCIPLINE": "移送纪检监察",
    "ORG_HANDLING": "组织处理",
}

ROLES = ("section_chief", "subordinate_leader", "supervision", "discipline", "functional_dept", "officer")
ROLE_ZH = {
    "section_chief": "科长",
    "subordinate_leader": "关领导",
    "supervision": "监察/督审",
    "discipline": "纪检监察",
    "functional_dept": "职能部门",
    "officer": "关员(指定核查人)",
    "system": "系统",
}

LEVELS = ("SECTION", "SUBORDINATE", "DIRECT", "GACC")  # bottom to top
LEVEL_ZH = {"SECTION": "科室", "SUBORDINATE": "隶属海关", "DIRECT": "直属海关", "GACC": "总署"}

NOTE_MAX = 2000
