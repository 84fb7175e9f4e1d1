"""风险处置 (risk disposition): the system of record for what happens to an alert after the night raised it.

schema (migrations of the hl schema) → rules (transitions, permissions, deadlines, measures) → service (one
checked action) → nightly (issue, escalate) → cli and web (the workbench). See README-level notes in each module.
"""
