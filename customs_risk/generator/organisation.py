"""Reference data of the synthetic customs: org tree, posts, officers, assignments, enterprises, calendar.

Built from the seed alone (not the day), so every day's snapshot agrees with the others.
"""

from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from customs_risk.config import PROJECT_ROOT
from customs_risk.generator.presets import Preset

CODE_TABLES = PROJECT_ROOT / "dbt_project" / "seeds" / "code_tables"
ORG_START = date(2020, 1, 1)

POSTS = [
    # code, name_zh, business_line, step_codes, is_key_post, incompatible
    ("ACCEPT", "接单", "clearance", ["ACCEPT", "DOC_REVIEW", "PAPER_SUBMIT"], False, ["RELEASE"]),
    ("REVIEW", "审单", "clearance", ["MANUAL_REVIEW", "RETURN", "SUSPEND", "RESUME", "MODIFY"], True, ["RELEASE"]),
    ("TAX", "征税", "tariff_review", ["TAX"], True, []),
    ("CONTROL", "布控", "clearance", ["CONTROL"], True, ["INSPECT"]),
    ("INSPECT_ASSIGN", "查验分配", "clearance", [], True, ["INSPECT"]),
    ("INSPECT", "查验", "clearance", ["INSPECT"], True, ["CONTROL", "INSPECT_ASSIGN"]),
    ("RELEASE", "放行", "clearance", ["RELEASE", "CLOSE", "DELETE"], True, ["REVIEW", "ACCEPT"]),
    ("VALUATION", "估价", "tariff_review", [], True, []),
    ("CLASSIFICATION", "归类", "tariff_review", [], True, []),
    ("PT_FILING", "加贸备案", "processing_trade", [], True, ["PT_VERIFY"]),
    ("PT_VERIFY", "核销", "processing_trade", [], True, ["PT_FILING"]),
    ("SUPERVISOR", "科长", "general", [], False, []),
]

# section templates per subordinate customs: suffix, name, business line, posts held there
SECTIONS = [
    ("01", "通关科", "clearance", ["ACCEPT", "REVIEW", "RELEASE"]),
    ("02", "查验科", "clearance", ["CONTROL", "INSPECT_ASSIGN", "INSPECT"]),
    ("03", "关税科", "tariff_review", ["TAX", "VALUATION", "CLASSIFICATION"]),
    ("04", "加贸科", "processing_trade", ["PT_FILING", "PT_VERIFY"]),
    ("05", "监察室", "supervision", []),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
TRADES = ["进出口", "贸易", "物流", "电子", "制造"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉玲斌鹏宇浩凯健俊帆"


@dataclass
class Officer:
    officer_id: str
    name_zh: str
    section_unit_code: str
    post_code: str
    title: str


@dataclass
class Section:
    unit_code: str
    name_zh: str
    business_line: str
    subordinate_code: str
    district_code: str
    officers: dict[str, list[Officer]] = field(default_factory=dict)  # post -> officers


@dataclass
class Organisation:
    units: list[dict]
    officers: list[Officer]
    sections: list[Section]
    enterprises: list[dict]

    def section_for(self, subordinate: str, business_line: str, post: str) -> Section:
        for s in self.sections:
            if s.subordinate_code == subordinate and post in s.officers:
                return s
        raise LookupError(f"no section with post {post} under {subordinate}")


def _district_codes() -> list[dict]:
    with (CODE_TABLES / "customs_district_codes.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_organisation(preset: Preset, seed: int) -> Organisation:
    rng = random.Random(f"org-{seed}")
    codes = _district_codes()
    directs = [c for c in codes if c["level"] == "DIRECT"]
    directs.sort(key=lambda c: (c["code"] != "5200", c["code"]))  # Huangpu first: the ci/district preset
    units = [_unit("GACC", "海关总署", "GACC", None, None, "general")]
    sections: list[Section] = []
    officers: list[Officer] = []
    for d in directs[: preset.districts]:
        units.append(
            _unit(d["code"], d["short_name_zh"].replace("关区", "海关"), "DIRECT", "GACC", d["code"], "general")
        )
        subs = [c for c in codes if c["level"] == "SUBORDINATE" and c["parent_code"] == d["code"]]
        while len(subs) < preset.subordinates_per_district:  # districts with few sourced codes get synthetic ones
            n = len(subs) + 1
            subs.append(
                {"code": f"{d['code'][:2]}{90 + n:02d}", "short_name_zh": f"{d['short_name_zh'][:2]}第{n}办事处"}
            )
        for s in subs[: preset.subordinates_per_district]:
            sub_name = s["short_name_zh"]
            units.append(_unit(s["code"], sub_name, "SUBORDINATE", d["code"], s["code"], "general"))
            for suffix, sec_name, line, posts in SECTIONS:
                sec = Section(f"{s['code']}-{suffix}", f"{sub_name}{sec_name}", line, s["code"], d["code"])
                units.append(_unit(sec.unit_code, sec.name_zh, "SECTION", s["code"], s["code"], line))
                sections.append(sec)
                chief = _officer(rng, sec, "SUPERVISOR", "section_chief", len(officers))
                officers.append(chief)
                sec.officers["SUPERVISOR"] = [chief]
                for post in posts:
                    staff = [
                        _officer(rng, sec, post, "officer", len(officers) + i)
                        for i in range(preset.officers_per_section)
                    ]
                    officers.extend(staff)
                    sec.officers[post] = staff
    enterprises = _enterprises(rng, [u for u in units if u["unit_level"] == "DIRECT"], preset)
    return Organisation(units, officers, sections, enterprises)


def _unit(code, name, level, parent, customs_code, line) -> dict:
    return {
        "unit_code": code,
        "unit_name_zh": name,
        "unit_level": level,
        "parent_unit_code": parent,
        "customs_code": customs_code,
        "business_line": line,
        "valid_from": ORG_START,
        "valid_to": None,
    }


def _officer(rng: random.Random, sec: Section, post: str, title: str, seq: int) -> Officer:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return Officer(f"{sec.subordinate_code}{seq:05d}", name, sec.unit_code, post, title)


def module_enterprise(
    code: str,
    name_zh: str,
    district: str,
    kind: str = "trader",
    credit: str = "GENERAL",
    credit_since: date = date(2019, 1, 1),
    reg_date: date = date(2015, 1, 1),
    status: str = "active",
    status_since: date = date(2019, 1, 1),
) -> dict:
    """An enterprise that a generator module owns (its code carries the module's tag), for the day's enterprise
    snapshot: no other module declares for it, so the patterns a story builds on it stay exactly the story's."""
    return {
        "enterprise_code": code,
        "uscc": f"91440000{code}"[:18],
        "name_zh": name_zh,
        "enterprise_kind": kind,
        "credit_class": credit,
        "credit_class_since": credit_since,
        "registered_customs_code": district,
        "reg_date": reg_date,
        "status": status,
        "status_since": status_since,
    }


def _enterprises(rng: random.Random, districts: list[dict], preset: Preset) -> list[dict]:
    out = []
    per_district = max(40, preset.declarations_per_day // 25)
    kinds = ["trader"] * 6 + ["broker"] * 2 + ["both", "processing"]
    classes = ["ADV_CERT", "GEN_CERT", "GENERAL", "GENERAL", "GENERAL", "DISHONEST"]
    for d in districts:
        for i in range(per_district):
            code = f"{d['unit_code']}{rng.choice('1239')}{i:05d}"
            out.append(
                {
                    "enterprise_code": code,
                    "uscc": f"91{rng.randint(110000, 659999)}{rng.randint(0, 99999999):08d}{rng.choice('0123456789X')}"[
                        :18
                    ],
                    "name_zh": f"{d['unit_name_zh'][:2]}{rng.choice(TRADES)}有限公司{i:04d}",
                    "enterprise_kind": rng.choice(kinds),
                    "credit_class": rng.choice(classes),
                    "credit_class_since": date(2021, 1, 1) + timedelta(days=rng.randint(0, 900)),
                    "registered_customs_code": d["unit_code"],
                    "reg_date": date(2005, 1, 1) + timedelta(days=rng.randint(0, 5000)),
                    "status": "active",
                    "status_since": date(2019, 1, 1),
                }
            )
    return out


def officer_rows(org: Organisation) -> list[dict]:
    return [
        {
            "officer_id": o.officer_id,
            "name_zh": o.name_zh,
            "section_unit_code": o.section_unit_code,
            "title": o.title,
            "hire_date": date(2010, 1, 1),
            "exit_date": None,
            "status": "active",
            "person_id_hash": hashlib.sha256(f"id-card-{o.officer_id}".encode()).hexdigest(),
        }
        for o in org.officers
    ]


def assignment_rows(org: Organisation) -> list[dict]:
    return [
        {
            "officer_id": o.officer_id,
            "post_code": o.post_code,
            "section_unit_code": o.section_unit_code,
            "start_date": ORG_START,
            "end_date": None,
        }
        for o in org.officers
    ]


def post_rows() -> list[dict]:
    return [
        {
            "post_code": c,
            "post_name_zh": n,
            "business_line": line,
            "step_codes": steps,
            "is_key_post": key,
            "incompatible_posts": incompatible,
        }
        for c, n, line, steps, key, incompatible in POSTS
    ]


def calendar_rows(year: int) -> list[dict]:
    holidays = {date(year, 1, 1), *(date(year, 10, d) for d in range(1, 8)), *(date(year, 5, d) for d in range(1, 6))}
    d, out = date(year, 1, 1), []
    while d.year == year:
        holiday = d in holidays
        out.append({"cal_date": d, "is_workday": d.weekday() < 5 and not holiday, "is_holiday": holiday})
        d += timedelta(days=1)
    return out
