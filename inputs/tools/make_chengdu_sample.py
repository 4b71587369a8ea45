#!/usr/bin/env python3
"""Generate the bundled sample event inputs/chengdu-2023/.

    python3 inputs/tools/make_chengdu_sample.py inputs/chengdu-2023

writes event.json, investors.json and smes.json into the given folder.  The
data are fictional: 40 investment institutions and 150 local cybersecurity
SMEs at a two-day roadshow held across the four parks of Chengdu's national
cybersecurity industrial park.  Everything is drawn from a fixed seed, so
each run rewrites the three files byte for byte.  Only the standard library
is used, and no set of strings is ever iterated (string hashing is salted
per process), so the output does not depend on PYTHONHASHSEED.
"""

import json
import os
import random
import sys

SEED = 20230518

DAY1, DAY2 = "2023-05-18", "2023-05-19"
DAYS = [
    {"date": DAY1, "start": "09:00", "end": "17:30",
     "breaks": [{"start": "12:00", "end": "13:30", "label": "Lunch"}]},
    {"date": DAY2, "start": "09:00", "end": "16:30",
     "breaks": [{"start": "12:00", "end": "13:30", "label": "Lunch"}]},
]
SLOT_MINUTES = 30
STAGES = ["angel", "seed", "pre-A", "A", "B", "C"]

VENUES = [
    {"id": "tianfu", "name": "天府园区 Tianfu Park"},
    {"id": "gaoxin", "name": "高新园区 Hi-tech Park"},
    {"id": "shuangliu", "name": "双流园区 Shuangliu Park"},
    {"id": "jinjiang", "name": "锦江园区 Jinjiang Park"},
]

# Road times by car, one entry per pair (travel is symmetric).  Tianfu and
# Shuangliu sit side by side in the south; Jinjiang is across town in the east.
TRAVEL = [
    ("tianfu", "gaoxin", 30),
    ("tianfu", "shuangliu", 25),
    ("tianfu", "jinjiang", 40),
    ("gaoxin", "shuangliu", 30),
    ("gaoxin", "jinjiang", 35),
    ("shuangliu", "jinjiang", 50),
]

# (id, venue, capacity, Chinese name, English name, unavailable windows)
ROOMS = [
    ("tf-101", "tianfu", 4, "101 洽谈室", "Meeting Room 101", []),
    ("tf-102", "tianfu", 4, "102 洽谈室", "Meeting Room 102", []),
    ("tf-103", "tianfu", 3, "103 洽谈室", "Meeting Room 103", []),
    ("tf-105", "tianfu", 3, "105 洽谈室", "Meeting Room 105", []),
    ("tf-201", "tianfu", 8, "201 董事会议室", "Boardroom 201", []),
    ("tf-202", "tianfu", 4, "202 洽谈室", "Meeting Room 202", []),
    ("gx-301", "gaoxin", 4, "301 洽谈室", "Meeting Room 301", []),
    ("gx-302", "gaoxin", 3, "302 洽谈室", "Meeting Room 302", []),
    ("gx-303", "gaoxin", 3, "303 洽谈室", "Meeting Room 303", []),
    ("gx-305", "gaoxin", 2, "305 小型洽谈间", "Small Meeting Booth 305", []),
    ("gx-401", "gaoxin", 6, "401 董事会议室", "Boardroom 401", []),
    ("sl-101", "shuangliu", 4, "101 洽谈室", "Meeting Room 101", []),
    ("sl-102", "shuangliu", 3, "102 洽谈室", "Meeting Room 102", []),
    ("sl-103", "shuangliu", 4, "103 洽谈室", "Meeting Room 103",
     [{"date": DAY1, "start": "09:00", "end": "12:00"}]),
    ("sl-201", "shuangliu", 6, "201 董事会议室", "Boardroom 201", []),
    ("jj-201", "jinjiang", 3, "201 洽谈室", "Meeting Room 201", []),
    ("jj-202", "jinjiang", 4, "202 洽谈室", "Meeting Room 202", []),
    ("jj-203", "jinjiang", 4, "203 洽谈室", "Meeting Room 203", []),
    ("jj-205", "jinjiang", 3, "205 洽谈室", "Meeting Room 205",
     [{"date": DAY2, "start": "13:30", "end": "16:30"}]),
    ("jj-301", "jinjiang", 8, "301 董事会议室", "Boardroom 301", []),
]

# (id, name, number of SMEs whose primary sector it is)
SECTORS = [
    ("cryptography", "密码算法 Cryptographic Algorithms", 8),
    ("commercial-crypto", "商用密码 Commercial Cryptography", 18),
    ("endpoint-security", "终端安全 Endpoint Security", 10),
    ("traffic-analysis", "流量分析 Network Traffic Analysis", 9),
    ("cybercrime-prevention", "网络犯罪防治 Cybercrime Prevention", 8),
    ("cloud-security", "云安全 Cloud Security", 16),
    ("big-data-security", "大数据安全 Big Data Security", 16),
    ("blockchain-security", "区块链安全 Blockchain Security", 6),
    ("industrial-internet-security", "工业互联网安全 Industrial Internet Security", 14),
    ("identity-access", "身份与访问控制 Identity and Access Control", 11),
    ("secure-chips", "安全芯片 Secure Chips", 7),
    ("secure-os", "安全操作系统 Secure Operating Systems", 5),
    ("ai-security", "人工智能安全 AI Security", 13),
    ("security-testing", "安全测评 Security Testing and Assessment", 9),
]
SECTOR_IDS = [s[0] for s in SECTORS]

# Sectors that tend to go together in one company (secondary sectors are
# drawn from these most of the time).
RELATED = {
    "cryptography": ["commercial-crypto", "secure-chips", "blockchain-security", "identity-access"],
    "commercial-crypto": ["cryptography", "secure-chips", "identity-access", "cloud-security"],
    "endpoint-security": ["secure-os", "identity-access", "traffic-analysis", "ai-security"],
    "traffic-analysis": ["cybercrime-prevention", "ai-security", "big-data-security", "endpoint-security"],
    "cybercrime-prevention": ["traffic-analysis", "big-data-security", "ai-security", "blockchain-security"],
    "cloud-security": ["identity-access", "big-data-security", "security-testing", "endpoint-security"],
    "big-data-security": ["cloud-security", "commercial-crypto", "ai-security", "cybercrime-prevention"],
    "blockchain-security": ["cryptography", "commercial-crypto", "big-data-security", "security-testing"],
    "industrial-internet-security": ["traffic-analysis", "security-testing", "secure-os", "endpoint-security"],
    "identity-access": ["commercial-crypto", "cloud-security", "endpoint-security", "cryptography"],
    "secure-chips": ["commercial-crypto", "cryptography", "secure-os", "industrial-internet-security"],
    "secure-os": ["endpoint-security", "secure-chips", "industrial-internet-security", "cloud-security"],
    "ai-security": ["big-data-security", "traffic-analysis", "cybercrime-prevention", "security-testing"],
    "security-testing": ["industrial-internet-security", "cloud-security", "ai-security", "endpoint-security"],
}

# Fictional institutions: (Chinese name, English name, organisation, kind,
# core sectors).  kind is one of vc, angel, state, cvc, bank.
INVESTORS = [
    ("天府资本", "Tianfu Capital",
     "成都天府资本管理有限公司 Chengdu Tianfu Capital Management Co., Ltd.",
     "vc", ["commercial-crypto", "cloud-security"]),
    ("锦城创投", "Jincheng Ventures",
     "四川锦城创业投资管理有限公司 Sichuan Jincheng Venture Capital Management Co., Ltd.",
     "vc", ["big-data-security", "ai-security"]),
    ("芙蓉资本", "Furong Capital",
     "成都芙蓉股权投资基金管理合伙企业（有限合伙） Chengdu Furong Equity Investment Fund Management LP",
     "vc", ["identity-access", "cloud-security"]),
    ("青城资本", "Qingcheng Capital",
     "四川青城私募股权投资基金管理有限公司 Sichuan Qingcheng Private Equity Fund Management Co., Ltd.",
     "vc", ["industrial-internet-security", "security-testing"]),
    ("岷江创投", "Minjiang Ventures",
     "成都岷江创新创业投资有限公司 Chengdu Minjiang Innovation Venture Capital Co., Ltd.",
     "vc", ["traffic-analysis", "cybercrime-prevention"]),
    ("峨眉资本", "Emei Capital",
     "四川峨眉股权投资管理有限公司 Sichuan Emei Equity Investment Management Co., Ltd.",
     "vc", ["secure-chips", "secure-os"]),
    ("熊猫天使基金", "Panda Angel Fund",
     "成都熊猫天使创业投资中心（有限合伙） Chengdu Panda Angel Venture Capital Centre LP",
     "angel", ["ai-security", "endpoint-security"]),
    ("宽窄创投", "Kuanzhai Ventures",
     "成都宽窄创业投资管理有限公司 Chengdu Kuanzhai Venture Capital Management Co., Ltd.",
     "vc", ["cloud-security", "endpoint-security"]),
    ("锦江科创基金", "Jinjiang Sci-Tech Fund",
     "成都市锦江区科技创新产业投资基金有限公司 Chengdu Jinjiang District Sci-Tech Innovation Industry Fund Co., Ltd.",
     "state", ["commercial-crypto", "big-data-security"]),
    ("高新区引导基金", "Hi-tech Zone Guidance Fund",
     "成都高新区产业引导股权投资基金有限公司 Chengdu Hi-tech Zone Industrial Guidance Equity Fund Co., Ltd.",
     "state", ["cloud-security", "ai-security", "secure-chips"]),
    ("双流产业基金", "Shuangliu Industry Fund",
     "成都市双流区产业发展投资基金有限公司 Chengdu Shuangliu District Industrial Development Fund Co., Ltd.",
     "state", ["industrial-internet-security", "commercial-crypto"]),
    ("四川网安产业引导基金", "Sichuan Cybersecurity Guidance Fund",
     "四川省网络安全产业发展引导基金合伙企业（有限合伙） Sichuan Cybersecurity Industry Development Guidance Fund LP",
     "state", ["commercial-crypto", "cryptography", "security-testing"]),
    ("成都数字经济母基金", "Chengdu Digital Economy Fund of Funds",
     "成都数字经济产业母基金管理有限公司 Chengdu Digital Economy Fund of Funds Management Co., Ltd.",
     "state", ["big-data-security", "cloud-security", "blockchain-security"]),
    ("天府新区科创投", "Tianfu New Area Sci-Tech Investment",
     "四川天府新区科技创新投资集团有限公司 Sichuan Tianfu New Area Sci-Tech Innovation Investment Group Co., Ltd.",
     "state", ["ai-security", "industrial-internet-security"]),
    ("西部信安投资", "Western InfoSec Investment",
     "西部信息安全产业投资有限公司 Western Information Security Industry Investment Co., Ltd.",
     "vc", ["endpoint-security", "traffic-analysis", "security-testing"]),
    ("磐石资本", "Panshi Capital",
     "成都磐石股权投资基金管理有限公司 Chengdu Panshi Equity Investment Fund Management Co., Ltd.",
     "vc", ["cryptography", "commercial-crypto"]),
    ("曦光创投", "Xiguang Ventures",
     "四川曦光创业投资合伙企业（有限合伙） Sichuan Xiguang Venture Capital LP",
     "angel", ["blockchain-security", "identity-access"]),
    ("云帆资本", "Yunfan Capital",
     "成都云帆私募基金管理有限公司 Chengdu Yunfan Private Fund Management Co., Ltd.",
     "vc", ["cloud-security", "secure-os"]),
    ("长风投资", "Changfeng Investment",
     "四川长风投资管理有限公司 Sichuan Changfeng Investment Management Co., Ltd.",
     "vc", ["big-data-security", "cybercrime-prevention"]),
    ("致远创投", "Zhiyuan Ventures",
     "成都致远创业投资有限公司 Chengdu Zhiyuan Venture Capital Co., Ltd.",
     "vc", ["ai-security", "traffic-analysis"]),
    ("鼎信资本", "Dingxin Capital",
     "四川鼎信股权投资基金管理有限公司 Sichuan Dingxin Equity Investment Fund Management Co., Ltd.",
     "vc", ["identity-access", "commercial-crypto"]),
    ("星河天使", "Xinghe Angels",
     "成都星河天使投资合伙企业（有限合伙） Chengdu Xinghe Angel Investment LP",
     "angel", ["security-testing", "ai-security"]),
    ("华西数安产业基金", "Huaxi Data Security Industry Fund",
     "华西数据安全产业投资基金（成都）合伙企业（有限合伙） Huaxi Data Security Industry Investment Fund (Chengdu) LP",
     "state", ["big-data-security", "cybercrime-prevention"]),
    ("川信科技战略投资", "Chuanxin Tech Strategic Investment",
     "四川川信科技集团战略投资部 Sichuan Chuanxin Technology Group, Strategic Investment Department",
     "cvc", ["industrial-internet-security", "endpoint-security"]),
    ("蓉芯半导体产业投资", "Rongxin Semiconductor Industry Investment",
     "成都蓉芯半导体产业投资有限公司 Chengdu Rongxin Semiconductor Industry Investment Co., Ltd.",
     "cvc", ["secure-chips", "commercial-crypto"]),
    ("巴蜀云战略投资", "Bashu Cloud Strategic Investment",
     "巴蜀云计算股份有限公司战略投资部 Bashu Cloud Computing Co., Ltd., Strategic Investment Department",
     "cvc", ["cloud-security", "identity-access"]),
    ("锦绣通信创投", "Jinxiu Telecom Ventures",
     "锦绣通信技术有限公司旗下创业投资平台 Jinxiu Telecom Technology Co., Ltd. Venture Investment Platform",
     "cvc", ["traffic-analysis", "cybercrime-prevention"]),
    ("盾甲安全战略投资", "Dunjia Security Strategic Investment",
     "成都盾甲网络安全股份有限公司战略投资中心 Chengdu Dunjia Cybersecurity Co., Ltd., Strategic Investment Centre",
     "cvc", ["endpoint-security", "security-testing"]),
    ("智汇工业互联投资", "Zhihui Industrial Internet Investment",
     "四川智汇工业互联网产业投资有限公司 Sichuan Zhihui Industrial Internet Industry Investment Co., Ltd.",
     "cvc", ["industrial-internet-security", "secure-os"]),
    ("万象数据创投", "Wanxiang Data Ventures",
     "万象数据科技集团创业投资有限公司 Wanxiang Data Technology Group Venture Capital Co., Ltd.",
     "cvc", ["big-data-security", "ai-security"]),
    ("蓉城银行科创投资", "Rongcheng Bank Sci-Tech Investment",
     "蓉城银行股份有限公司科技金融投资部 Rongcheng Bank Co., Ltd., Sci-Tech Finance Investment Department",
     "bank", ["commercial-crypto", "cloud-security"]),
    ("天府农商金融投资", "Tianfu Agri-Commercial Financial Investment",
     "天府农村商业银行股权投资管理有限公司 Tianfu Rural Commercial Bank Equity Investment Management Co., Ltd.",
     "bank", ["identity-access", "big-data-security"]),
    ("西信银行科技金融", "Xixin Bank Tech Finance",
     "西信银行股份有限公司投贷联动中心 Xixin Bank Co., Ltd., Investment-Loan Linkage Centre",
     "bank", ["cybercrime-prevention", "blockchain-security"]),
    ("锦官城证券投资", "Jinguancheng Securities Investment",
     "锦官城证券股份有限公司另类投资子公司 Jinguancheng Securities Co., Ltd., Alternative Investment Subsidiary",
     "bank", ["secure-chips", "ai-security"]),
    ("锦信信托创投", "Jinxin Trust Ventures",
     "锦信国际信托有限责任公司创新投资部 Jinxin International Trust Co., Ltd., Innovation Investment Department",
     "bank", ["cryptography", "blockchain-security"]),
    ("东篱资本", "Dongli Capital",
     "成都东篱股权投资基金管理有限公司 Chengdu Dongli Equity Investment Fund Management Co., Ltd.",
     "vc", ["secure-os", "endpoint-security"]),
    ("栖凤创投", "Qifeng Ventures",
     "四川栖凤创业投资管理合伙企业（有限合伙） Sichuan Qifeng Venture Capital Management LP",
     "vc", ["identity-access", "ai-security"]),
    ("知行天使", "Zhixing Angels",
     "成都知行天使投资管理有限公司 Chengdu Zhixing Angel Investment Management Co., Ltd.",
     "angel", ["cryptography", "security-testing"]),
    ("凌云资本", "Lingyun Capital",
     "四川凌云私募股权投资基金管理有限公司 Sichuan Lingyun Private Equity Fund Management Co., Ltd.",
     "vc", ["cloud-security", "big-data-security"]),
    ("清泉产业投资", "Qingquan Industry Investment",
     "成都清泉产业投资集团有限公司 Chengdu Qingquan Industrial Investment Group Co., Ltd.",
     "state", ["industrial-internet-security", "secure-chips"]),
]

# Syllables for SME names: two characters, then a sector word.
NAME_FIRST = [
    ("蓉", "Rong"), ("锦", "Jin"), ("蜀", "Shu"), ("川", "Chuan"), ("岷", "Min"),
    ("青", "Qing"), ("天", "Tian"), ("华", "Hua"), ("星", "Xing"), ("云", "Yun"),
    ("睿", "Rui"), ("恒", "Heng"), ("鼎", "Ding"), ("卓", "Zhuo"), ("启", "Qi"),
    ("弘", "Hong"), ("博", "Bo"), ("瀚", "Han"), ("昊", "Hao"), ("宸", "Chen"),
    ("墨", "Mo"), ("玄", "Xuan"), ("凌", "Ling"), ("银", "Yin"), ("朗", "Lang"),
    ("西", "Xi"), ("峰", "Feng"), ("泰", "Tai"), ("明", "Ming"), ("海", "Hai"),
]
NAME_SECOND = [
    ("安", "an"), ("盾", "dun"), ("信", "xin"), ("卫", "wei"), ("御", "yu"),
    ("鉴", "jian"), ("衡", "heng"), ("诚", "cheng"), ("锐", "rui"), ("图", "tu"),
    ("甲", "jia"), ("固", "gu"), ("宁", "ning"), ("泽", "ze"), ("擎", "qing"),
    ("澜", "lan"), ("源", "yuan"), ("维", "wei"),
]
# Prefixes too close to real companies (Huawei, Qi'anxin, ...), never used.
AVOID_PREFIXES = ["华维", "启安", "华安", "天安", "恒安", "天融", "启明", "深信", "绿盟", "明安",
                  "华擎", "天擎", "天锐", "西宁", "泰安", "泰源", "西安", "海安", "宁安", "西甲"]
# (the second line: real brands, city names, a football league)
NAME_SECTOR = {
    "cryptography": [("密码", "Crypto"), ("密码科技", "Cipher Tech"), ("量子密码", "Quantum Crypto")],
    "commercial-crypto": [("商密", "Commercial Crypto"), ("密码设备", "Crypto Devices"),
                          ("密码服务", "Crypto Services"), ("密钥管理", "Key Management")],
    "endpoint-security": [("终端安全", "Endpoint Security"), ("终端卫士", "Endpoint Guard"),
                          ("主机防护", "Host Defense")],
    "traffic-analysis": [("流量分析", "Traffic Analytics"), ("网络探针", "Network Probe"),
                         ("网析", "NetInsight")],
    "cybercrime-prevention": [("反诈科技", "Anti-Fraud Tech"), ("电子取证", "Digital Forensics"),
                              ("网络侦查", "Cyber Investigation")],
    "cloud-security": [("云安全", "Cloud Security"), ("云盾", "CloudShield"), ("云科技", "Cloud Tech")],
    "big-data-security": [("数据安全", "Data Security"), ("数安", "DataSafe"),
                          ("数据治理", "Data Governance"), ("隐私计算", "Privacy Computing")],
    "blockchain-security": [("链安", "ChainSafe"), ("区块链", "Blockchain"), ("链盾", "ChainShield")],
    "industrial-internet-security": [("工控安全", "ICS Security"), ("工业互联", "Industrial Net"),
                                     ("智控安全", "SmartControl Security")],
    "identity-access": [("身份认证", "Identity"), ("零信任", "Zero Trust"), ("认证科技", "Auth Tech")],
    "secure-chips": [("微电子", "Microelectronics"), ("芯科技", "Silicon"), ("安全芯片", "Secure Silicon")],
    "secure-os": [("操作系统", "OS"), ("系统软件", "Systems"), ("可信计算", "Trusted Computing")],
    "ai-security": [("智能安全", "AI Security"), ("智能", "Intelligence"), ("深度防御", "DeepDefense")],
    "security-testing": [("安全测评", "Security Testing"), ("检测技术", "Testing Lab"),
                         ("攻防实验室", "Red Team Lab"), ("测评", "Assurance")],
}
NAME_GENERIC = [("信息技术", "Information Technology"), ("网络科技", "Network Technology"),
                ("科技", "Technology"), ("网络", "Networks"), ("信息安全", "InfoSec")]

MORNING = {DAY1: ("09:00", "12:00"), DAY2: ("09:00", "12:00")}
AFTERNOON = {DAY1: ("13:30", "17:30"), DAY2: ("13:30", "16:30")}
WHOLE = {DAY1: ("09:00", "17:30"), DAY2: ("09:00", "16:30")}


def win(date, span):
    return {"date": date, "start": span[0], "end": span[1]}


# Partial-availability patterns: lists of "available" windows.
AVAIL_PATTERNS = {
    "day1": [win(DAY1, WHOLE[DAY1])],
    "day2": [win(DAY2, WHOLE[DAY2])],
    "mornings": [win(DAY1, MORNING[DAY1]), win(DAY2, MORNING[DAY2])],
    "afternoons": [win(DAY1, AFTERNOON[DAY1]), win(DAY2, AFTERNOON[DAY2])],
    "day1+day2am": [win(DAY1, WHOLE[DAY1]), win(DAY2, MORNING[DAY2])],
    "day1am+day2": [win(DAY1, MORNING[DAY1]), win(DAY2, WHOLE[DAY2])],
    "day1pm+day2am": [win(DAY1, AFTERNOON[DAY1]), win(DAY2, MORNING[DAY2])],
}
# "unavailable" windows: an hour or two taken by something else.
UNAVAIL_CHOICES = [
    [{"date": DAY1, "start": "09:00", "end": "10:30"}],
    [{"date": DAY1, "start": "14:00", "end": "15:30"}],
    [{"date": DAY1, "start": "16:00", "end": "17:30"}],
    [{"date": DAY2, "start": "09:00", "end": "10:00"}],
    [{"date": DAY2, "start": "10:30", "end": "12:00"}],
    [{"date": DAY2, "start": "14:30", "end": "16:30"}],
    [{"date": DAY1, "start": "11:00", "end": "12:00"},
     {"date": DAY2, "start": "15:00", "end": "16:30"}],
]


# ---------------------------------------------------------------- slots

def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def day_slots():
    """List of (date, start minute) of every slot, as the contract cuts them."""
    out = []
    for d in DAYS:
        t, end = minutes(d["start"]), minutes(d["end"])
        breaks = sorted((minutes(b["start"]), minutes(b["end"])) for b in d["breaks"])
        while t + SLOT_MINUTES <= end:
            moved = False
            for bs, be in breaks:
                if t < be and t + SLOT_MINUTES > bs:
                    t, moved = be, True
            if moved:
                continue
            out.append((d["date"], t))
            t += SLOT_MINUTES
    return out


ALL_SLOTS = day_slots()


def free_slots(available, unavailable):
    """Indices of ALL_SLOTS inside the availability, as a sorted list."""
    def inside(slot, w):
        return (slot[0] == w["date"] and minutes(w["start"]) <= slot[1]
                and slot[1] + SLOT_MINUTES <= minutes(w["end"]))

    def touches(slot, w):
        return (slot[0] == w["date"] and slot[1] < minutes(w["end"])
                and slot[1] + SLOT_MINUTES > minutes(w["start"]))

    out = []
    for i, s in enumerate(ALL_SLOTS):
        if available and not any(inside(s, w) for w in available):
            continue
        if any(touches(s, w) for w in unavailable):
            continue
        out.append(i)
    return out


# ---------------------------------------------------------------- build

def build(rng):
    event = {
        "name": "Chengdu Cybersecurity Investment Roadshow",
        "timezone": "Asia/Shanghai",
        "slot_minutes": SLOT_MINUTES,
        "changeover_minutes": 0,
        "days": DAYS,
        "venues": VENUES,
        "travel_minutes": [{"from": a, "to": b, "minutes": m} for a, b, m in TRAVEL],
        "rooms": [],
        "sectors": [{"id": sid, "name": name} for sid, name, _ in SECTORS],
        "rules": {
            "format": "one_to_one",
            "sme_min_meetings": 2,
            "sme_max_meetings": 6,
            "investor_max_meetings": 12,
            "max_consecutive_meetings": 4,
            "group_min_investors": 2,
        },
        "weights": {
            "primary_sector": 2, "secondary_sector": 1, "stage": 2,
            "request_normal": 5, "request_high": 10,
            "min_meetings_shortfall": 100, "idle_slot": 1,
        },
        "solver": {"time_limit_seconds": 60, "mip_gap": 0.0},
    }
    for rid, venue, cap, cn, en, unav in ROOMS:
        room = {"id": rid, "name": cn + " " + en, "venue": venue, "capacity": cap}
        if unav:
            room["unavailable"] = unav
        event["rooms"].append(room)

    popularity = {sid: n for sid, _, n in SECTORS}

    # ---- investors
    investors = []
    n_inv = len(INVESTORS)
    idx = list(range(n_inv))
    rng.shuffle(idx)
    no_stage = sorted(idx[:10])                 # about a quarter list no stages
    rng.shuffle(idx)
    partial = sorted(idx[:13])                  # about a third partly available
    rng.shuffle(idx)
    with_unav = sorted(i for i in idx[:8] if i not in partial)[:5]
    rng.shuffle(idx)
    with_max = sorted(idx[:12])
    rng.shuffle(idx)
    team_two = sorted(idx[:8])
    pattern_names = list(AVAIL_PATTERNS)
    for i, (cn, en, org, kind, core) in enumerate(INVESTORS):
        inv = {"id": "inv-%03d" % (i + 1), "name": cn + " " + en, "organisation": org}
        if kind == "state":
            total = rng.choice([4, 5, 5])
        elif kind == "cvc":
            total = rng.choice([2, 3, 3])
        else:
            total = rng.choice([2, 3, 3, 4, 4, 5])
        total = max(total, len(core))
        sectors = {}
        for s in core:
            sectors[s] = rng.choice([4, 5, 5]) if kind != "state" else rng.choice([3, 4, 4])
        pool = [s for s in SECTOR_IDS if s not in sectors]
        while len(sectors) < total:
            weights = [popularity[s] + 4 for s in pool]
            s = rng.choices(pool, weights)[0]
            pool.remove(s)
            sectors[s] = rng.choice([1, 2, 2, 3, 3, 4])
        inv["sectors"] = sectors
        if i not in no_stage:
            if kind == "angel":
                stages = rng.choice([["angel", "seed"], ["angel", "seed", "pre-A"], ["seed", "pre-A"]])
            elif kind == "bank":
                stages = rng.choice([["A", "B", "C"], ["B", "C"], ["A", "B"]])
            elif kind == "cvc":
                stages = rng.choice([["pre-A", "A"], ["A", "B"], ["pre-A", "A", "B"], ["A"]])
            else:
                stages = rng.choice([["seed", "pre-A", "A"], ["pre-A", "A"], ["seed", "pre-A"],
                                     ["A", "B"], ["pre-A", "A", "B"], ["angel", "seed", "pre-A"]])
            inv["stages"] = stages
        inv["team_size"] = 2 if i in team_two else 1
        if i in partial:
            inv["available"] = AVAIL_PATTERNS[pattern_names[partial.index(i) % len(pattern_names)]]
        if i in with_unav:
            inv["unavailable"] = rng.choice(UNAVAIL_CHOICES)
        if i in with_max:
            inv["max_meetings"] = rng.choice([8, 9, 10, 10, 11, 12])
        inv["requests"] = []
        investors.append(inv)

    # ---- SMEs
    smes = []
    primaries = []
    for sid, _, n in SECTORS:
        primaries += [sid] * n
    rng.shuffle(primaries)
    combos = [(a, b) for a in NAME_FIRST for b in NAME_SECOND if a[1].lower() != b[1]]
    rng.shuffle(combos)
    used_first, used_second, used_cn, used_en = {}, {}, {}, {}
    # keep clear of the investors' names and of well-known real companies
    for cn, en, _, _, _ in INVESTORS:
        used_cn[cn[:2]] = True
        used_en[en.split()[0]] = True
    for cn in AVOID_PREFIXES:
        used_cn[cn] = True
    n_sme = len(primaries)
    sme_idx = list(range(n_sme))
    rng.shuffle(sme_idx)
    sme_avail = sorted(sme_idx[:16])
    sme_unav = sorted(sme_idx[16:23])
    rng.shuffle(sme_idx)
    sme_override = sorted(sme_idx[:14])
    for k, primary in enumerate(primaries):
        # name: a fresh two-character prefix and a sector word, no repeated character
        words = NAME_SECTOR[primary] + (NAME_GENERIC if rng.random() < 0.3 else [])
        name = None
        for a, b in combos:
            if used_first.get(a[0], 0) >= 6 or used_second.get(b[0], 0) >= 10:
                continue
            w = rng.choice(words)
            cn = a[0] + b[0] + w[0]
            if len(cn) != len(set(cn)) or cn[:2] in used_cn:
                continue
            second = b[1]
            roman = a[1] + ("'" if second[0] in "aeo" else "") + second
            en = roman + " " + w[1]
            if cn in used_cn or en in used_en or roman in used_en:
                continue
            name = cn + " " + en
            combos.remove((a, b))
            used_first[a[0]] = used_first.get(a[0], 0) + 1
            used_second[b[0]] = used_second.get(b[0], 0) + 1
            used_cn[cn] = True
            used_cn[cn[:2]] = True
            used_en[en] = True
            used_en[roman] = True
            break
        assert name is not None
        nsec = rng.choices([1, 2, 3], [30, 50, 20])[0]
        sectors = [primary]
        while len(sectors) < nsec:
            if rng.random() < 0.8:
                s = rng.choice(RELATED[primary])
            else:
                s = rng.choice(SECTOR_IDS)
            if s not in sectors:
                sectors.append(s)
        sme = {"id": "sme-%03d" % (k + 1), "name": name, "sectors": sectors,
               "stage": rng.choices(STAGES, [15, 26, 25, 22, 9, 3])[0],
               "team_size": rng.choices([1, 2, 3], [20, 60, 20])[0]}
        if k in sme_avail:
            sme["available"] = AVAIL_PATTERNS[rng.choice(pattern_names)]
        if k in sme_unav:
            sme["unavailable"] = rng.choice(UNAVAIL_CHOICES)
        if k in sme_override:
            sme.update(rng.choice([
                {"min_meetings": 3, "max_meetings": 8},
                {"min_meetings": 3},
                {"max_meetings": 4},
                {"min_meetings": 1, "max_meetings": 3},
                {"max_meetings": 8},
            ]))
        sme["requests"] = []
        smes.append(sme)

    inv_by_id = {v["id"]: v for v in investors}
    sme_by_id = {s["id"]: s for s in smes}

    def free(p):
        return free_slots(p.get("available", []), p.get("unavailable", []))

    def fit(inv, sme):
        w = inv["sectors"]
        return 2 * w.get(sme["sectors"][0], 0) + sum(w.get(s, 0) for s in sme["sectors"][1:])

    def stage_ok(inv, sme):
        return "stages" not in inv or sme["stage"] in inv["stages"]

    def avoided(inv, sme):
        return sme["id"] in inv.get("avoid", []) or inv["id"] in sme.get("avoid", [])

    def common(inv, sme):
        a = free(sme)
        return [i for i in free(inv) if i in a]

    def candidates(sme):
        return [v for v in investors
                if fit(v, sme) > 0 and stage_ok(v, sme) and not avoided(v, sme)
                and common(v, sme)]

    # ---- make every SME plausible: at least 3 investors that could meet it
    for sme in smes:
        while len(candidates(sme)) < 3:
            pool = [v for v in investors
                    if fit(v, sme) == 0 and stage_ok(v, sme) and len(v["sectors"]) < 5
                    and common(v, sme)]
            v = rng.choice(pool)
            v["sectors"][sme["sectors"][0]] = rng.choice([2, 3])

    # ---- conflicts of interest
    avoid_inv = rng.sample(range(n_inv), 4)
    for i in sorted(avoid_inv):
        inv = investors[i]
        pool = [s for s in smes if fit(inv, s) >= 4 and len(candidates(s)) >= 5]
        s = rng.choice(pool)
        inv["avoid"] = [s["id"]]
    for _ in range(2):
        while True:
            sme = rng.choice(smes)
            if "avoid" in sme:
                continue
            pool = [v for v in candidates(sme)]
            if len(pool) < 5:
                continue
            sme["avoid"] = [rng.choice(pool)["id"]]
            break

    # ---- must requests: 5 SMEs, 5 distinct investors, real primary interest,
    # stage match, at least 3 common slots on one day, no avoidance.
    def best_day_common(inv, sme):
        c = common(inv, sme)
        return max(sum(1 for i in c if ALL_SLOTS[i][0] == d["date"]) for d in DAYS)

    must_inv = []
    must_sme = []
    order = list(range(n_sme))
    rng.shuffle(order)
    for k in order:
        if len(must_sme) == 5:
            break
        sme = smes[k]
        pool = [v for v in investors
                if v["id"] not in must_inv and v["sectors"].get(sme["sectors"][0], 0) >= 4
                and stage_ok(v, sme) and not avoided(v, sme) and best_day_common(v, sme) >= 3]
        if not pool:
            continue
        v = rng.choice(pool)
        must_inv.append(v["id"])
        must_sme.append(sme["id"])
        sme["requests"].append({"investor": v["id"], "priority": "must"})

    # ---- ordinary requests, SME side: 0-3, mostly normal
    for sme in smes:
        want = rng.choices([0, 1, 2, 3], [40, 30, 20, 10])[0]
        pool = sorted(candidates(sme), key=lambda v: (-fit(v, sme), v["id"]))[:8]
        taken = [r["investor"] for r in sme["requests"]]
        pool = [v for v in pool if v["id"] not in taken]
        rng.shuffle(pool)
        while len(sme["requests"]) < want and pool:
            v = pool.pop()
            prio = "high" if rng.random() < 0.2 else "normal"
            sme["requests"].append({"investor": v["id"], "priority": prio})

    # ---- investor side: 0-3 of the SMEs it likes best, high or normal
    for inv in investors:
        want = rng.choices([0, 1, 2, 3], [20, 30, 30, 20])[0]
        pool = [s for s in smes if fit(inv, s) >= 6 and stage_ok(inv, s)
                and not avoided(inv, s) and common(inv, s)]
        rng.shuffle(pool)
        while len(inv["requests"]) < want and pool:
            s = pool.pop()
            prio = "high" if rng.random() < 0.4 else "normal"
            inv["requests"].append({"sme": s["id"], "priority": prio})

    # field order as in the contract
    inv_keys = ["id", "name", "organisation", "sectors", "stages", "team_size", "available",
                "unavailable", "max_meetings", "requests", "avoid"]
    sme_keys = ["id", "name", "sectors", "stage", "team_size", "available", "unavailable",
                "min_meetings", "max_meetings", "requests", "avoid"]
    investors = [{k: v[k] for k in inv_keys if k in v} for v in investors]
    smes = [{k: s[k] for k in sme_keys if k in s} for s in smes]
    assert len(inv_by_id) == n_inv and len(sme_by_id) == n_sme
    return event, investors, smes


def write(path, obj):
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: make_chengdu_sample.py OUT_DIR\n")
        return 1
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    event, investors, smes = build(random.Random(SEED))
    write(os.path.join(out, "event.json"), event)
    write(os.path.join(out, "investors.json"), investors)
    write(os.path.join(out, "smes.json"), smes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
