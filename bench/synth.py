"""Realistic synthetic sheets for benchmarks only (never shipped in content/).

``generate(folder, sheets=N, years=Y, seed=S)`` writes ``folder/sheets/<fy>/*.txt``: N
projects per year over Y fiscal years, in the real export's layouts and quirks (budget
item split or joined, 事業分類 in one cell, a missing 事業期間 row, indicator blocks with and
without the leading number, ``1 目標値`` in one cell, <ul>/<p> markup, ・ bullets), with
amounts, indicator counts and SDGs varied. Each department's projects are named after its
own subjects (子育て支援, 図書館運営, 道路維持管理, 一般廃棄物処理, 高齢者見守り, 防災 ...),
taken in turn so that a small city has every one, without a doubled word (図書館運営事業, not
図書館運営運営事業); one name per project (a district is added to a name already taken), and their texts are
sentences about those subjects (the real sample sheet's sentences for the first
department). Same seed, same bytes.

Run ``python bench/synth.py OUT --sheets 1000 --years 1`` to write the sheets and an empty departments.yaml;
``bench.common.synthetic_content`` adds the settings and pages of a whole content folder.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from builder.parse.labels import ISSUES_OPERATIONS, ISSUES_ORGANIZATION
from builder.util.wareki import era_label

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "sheets" / "2022" / "000_3e14ed9760a955ee.txt"
# A city hall of 18 部・局 as real ones are organised: 部 with their 課・室・センター, a 局 with a
# 図書館, a 本部 (消防), and 事務局 that are units of their own with no division. Each entry:
# (department, weight of its share of the projects, divisions, the subjects of its projects).
# No slug and no split is configured: the parser splits every 担当部課 by rule and the build
# makes the URL slugs. Project names and texts use each department's own vocabulary.
CITY = [
    (
        "政策イノベーション部",
        6,
        ["企画経営課", "科学技術振興課", "情報政策課", "広報戦略課"],
        [
            "ロボット",
            "STEAM教育",
            "特区",
            "スマートシティ",
            "科学技術振興",
            "デジタル化",
            "筑波研究学園都市",
        ],
    ),
    (
        "総務部",
        5,
        ["総務課", "人事課", "危機管理課", "契約検査課"],
        ["防災", "自主防災組織", "避難所運営", "防災行政無線", "職員研修", "災害備蓄"],
    ),
    (
        "財務部",
        3,
        ["財政課", "市民税課", "資産税課", "納税課"],
        ["市税収納", "固定資産評価", "ふるさと納税", "財務書類"],
    ),
    (
        "市民部",
        6,
        ["市民活動課", "窓口サービス課", "国際都市推進課", "文化芸術課"],
        ["市民活動", "国際交流", "文化芸術", "窓口サービス", "男女共同参画"],
    ),
    (
        "保健福祉部",
        12,
        ["社会福祉課", "障害福祉課", "高齢福祉課", "健康増進センター", "国民健康保険課"],
        [
            "高齢者見守り",
            "介護予防",
            "認知症高齢者支援",
            "障害者就労支援",
            "健康診査",
            "生活困窮者自立支援",
        ],
    ),
    (
        "こども部",
        9,
        ["こども政策課", "子育て支援課", "幼児保育課", "こども未来センター"],
        [
            "子育て支援",
            "放課後児童クラブ",
            "保育所整備",
            "待機児童対策",
            "児童手当",
            "子ども医療費助成",
        ],
    ),
    (
        "経済部",
        7,
        ["産業振興課", "農業政策課", "観光推進課"],
        ["農業振興", "観光", "中小企業支援", "創業支援", "地産地消"],
    ),
    (
        "生活環境部",
        6,
        ["環境政策課", "ゼロカーボン推進室", "廃棄物対策課"],
        [
            "ごみ減量",
            "一般廃棄物処理",
            "資源物リサイクル",
            "粗大ごみ収集",
            "不法投棄防止",
            "脱炭素",
        ],
    ),
    (
        "都市計画部",
        7,
        ["都市計画課", "総合交通政策課", "公園・施設課"],
        ["地域交通", "公園整備", "コミュニティバス", "空き家対策"],
    ),
    (
        "建設部",
        6,
        ["道路計画課", "道路整備課", "道路管理課"],
        ["道路維持管理", "市道舗装補修", "橋梁長寿命化", "通学路安全対策"],
    ),
    (
        "上下水道局",
        4,
        ["経営管理課", "水道工務課", "下水道施設課"],
        ["水道管路更新", "下水道施設", "浄水場運転管理"],
    ),
    (
        "教育局",
        12,
        ["学務課", "教育指導課", "生涯学習推進課", "中央図書館"],
        [
            "図書館運営",
            "学校給食",
            "小中学校施設整備",
            "不登校支援",
            "英語教育",
            "学校ICT環境",
            "読み聞かせ",
        ],
    ),
    (
        "消防本部",
        4,
        ["総務課", "警防課", "予防課", "中消防署"],
        ["救急救命", "消防団", "火災予防", "消防車両整備"],
    ),
    ("議会事務局", 1, ["議事課"], ["議会広報", "議会図書室"]),
    ("会計事務局", 1, [], ["公金管理"]),
    ("選挙管理委員会事務局", 1, [], ["選挙啓発"]),
    ("監査委員事務局", 1, [], ["監査"]),
    ("農業委員会事務局", 1, [], ["農地利用最適化"]),
]
DEPARTMENTS = {name: divisions for name, _, divisions, _ in CITY}
# How 担当部課 is printed: joined, with an ASCII or a full-width space, or in two cells.
ORG_LAYOUTS = ("{d}{v}", "{d}{v}", "{d} {v}", "{d}\u3000{v}", "{d}\t{v}")
SUBJECTS = {
    name: subjects for name, _, _, subjects in CITY
}  # the subjects of each department's projects
SUFFIXES = ["推進事業", "支援事業", "事業", "整備事業", "啓発事業", "運営事業"]
DISTRICTS = ["北部", "南部", "東部", "西部", "中央", "谷田部", "桜", "筑波", "大穂", "豊里", "茎崎"]
DIRECTIONS = ["継続", "継続", "継続", "拡大・拡充", "縮小", "廃止", "改善"]
KINDS = ["活動結果指標", "成果指標"]
# Sentences of a department's texts: {s} is one of its subjects, {t} a target, {a} an action.
SENTENCE_FORMS = ["{s}について、{t}を対象に{a}。", "{t}の声を踏まえ、{s}の取組を見直した。", "{s}に関する相談件数が前年度より増加した。",
                  "{s}の計画に基づき、{t}と連携して{a}。", "{s}の周知が十分でなく、{t}への情報発信が課題である。"]  # fmt: skip
TARGETS = ["市民", "地域の事業者", "利用者", "市内の団体", "自治会", "関係機関"]
# What a project is for (目的), as sheets word it: {s} is the project's subject, {t} a target.
PURPOSE_FORMS = ["{t}が安心して暮らせるよう、{s}の充実を図る。", "{s}を通じて、{t}の生活の質の向上を図る。",
                 "{s}を計画的に進め、持続可能なまちづくりに寄与する。", "{t}の負担を軽減し、{s}の円滑な実施を確保する。"]  # fmt: skip
ACTIONS = [
    "説明会を開催した",
    "補助金を交付した",
    "実態調査を行った",
    "講座を実施した",
    "施設の点検を行った",
    "計画を改定した",
]


def _sentences() -> list[str]:
    """Sentences of the real sample sheets, markup removed, for the free-text fields; none
    begins with a heading of 課題 (業務, 組織、予算等), which the parser would read as a label."""
    text = re.sub(r"<[^>]+>", " ", SAMPLE.read_text(encoding="utf-8"))
    found = {
        s.strip(" ・") + "。"
        for cell in text.split("\t")
        for s in cell.split("。")
        if 15 <= len(s.strip()) <= 90
    }
    headings = (ISSUES_OPERATIONS, ISSUES_ORGANIZATION)
    return sorted(s for s in found if "\n" not in s and not s.startswith(headings))


def _department_sentences(subjects: list[str]) -> list[str]:
    """The free-text sentences of one department: its subjects in the forms above."""
    return [
        form.format(s=s, t=t, a=a)
        for s in subjects
        for form in SENTENCE_FORMS
        for t, a in zip(TARGETS[len(s) % 3 :: 3], ACTIONS[len(form) % 2 :: 2])
    ]


def _amount(value: int) -> str:
    return f"{value:,}"


def _items(rng: random.Random, pool: list[str], count: int) -> str:
    """A free-text cell the way the export prints it: plain, ・ bullets, <ul> or 。-separated."""
    chosen = rng.sample(pool, count)
    style = rng.randrange(4)
    if style == 0:
        return " ".join(chosen)
    if style == 1:
        return " ".join("・" + s for s in chosen)
    if style == 2:
        return '<ul style="list-style-type: none"> ' + " ".join("・" + s for s in chosen) + " "
    return chosen[0]


def _basic(
    rng: random.Random,
    code: str,
    name: str,
    dept: str,
    division: str,
    goals: list[int],
    variant: int,
) -> list[str]:
    budget = f"01-{rng.randrange(10000, 99999):06d}-{rng.randrange(1, 40):02d}"
    org = rng.choice(ORG_LAYOUTS).format(d=dept, v=division).strip()
    lines = [f"事務事業名\t{code} {name}\t\t\t\t\t"]
    if variant == 1:  # 097: code and name of 予算科目 in two cells, labels one column right
        lines.append(f"予算科目\t{budget}\t{name}に要する経費\t\t\t担当部課\t{org}")
    else:
        lines.append(f"予算科目\t{budget} {name}に要する経費\t\t\t担当部課\t{org}\t")
    lines += [
        f"市長公約\t\t\t\t係名\t{rng.choice(SUBJECTS[dept])}推進係\t",
        "戦略プラン\t\t\t\t新規・継続\t継続\t",
    ]
    if variant == 2:  # 093: 事業分類 joined with its value, 事業期間 missing
        lines += [
            "\t\t\t\t\t\t事業分類 自治事務（任意）",
            f"個別計画\t{rng.choice(SUBJECTS[dept])}基本計画\t\t\t事業体制\t職員のみ\t",
        ]
    else:
        lines += ["\t\t\t\t事業分類\t自治事務（任意）\t", "\t\t\t\t事業体制\t職員のみ\t",
                  f"個別計画\t{rng.choice(SUBJECTS[dept])}基本計画\t\t\t事業期間\t毎年度\t"]  # fmt: skip
    sdg_lines = [f"{g:02d}目標{g}" for g in goals]
    lines.append(f"根拠法令等\t\t\t\tSDGs\t{sdg_lines[0]}\t")
    lines += [f"\t\t\t\t\t{s}\t" for s in sdg_lines[1:]]
    return lines


def _costs(rng: random.Random, year: int) -> list[str]:
    years = range(year - 2, year + 3)
    budgets = [rng.randrange(0, 50000) for _ in years]
    settled = [int(b * rng.uniform(0.7, 1.0)) if y <= year else 0 for b, y in zip(budgets, years)]
    national = [int(s * rng.choice([0, 0, 0.5])) for s in settled]
    general = [s - n for s, n in zip(settled, national)]
    fte = [rng.choice([0.3, 0.5, 1.0, 1.5]) for _ in years]
    row = lambda values: "\t".join(_amount(v) for v in values)  # noqa: E731
    return [
        "項目\t\t\t"
        + "\t".join(
            era_label(y).replace("年度", "").replace("令和", "令和 ") + "年度" for y in years
        )
        + "\t",
        f"事業費\t予算額\t(千円)\t{row(budgets)}\t",
        f"\t決算額\t(千円)\t{row(settled)}\t",
        f"\t内訳\t一般財源\t(千円)\t{row(general)}",
        f"\t\t国庫、県支出金、地方債\t(千円)\t{row(national)}",
        f"\t\tその他\t(千円)\t{row([0] * 5)}",
        f"人件費\t人件費計\t(千円)\t{row([int(f * 7200) for f in fte])}\t",
        "\t内訳\t正職員従事割合\t(人)\t" + "\t".join(f"{f:.2f}" for f in fte),
        "\t\t正職員時間外勤務\t(時間)\t" + "\t".join(f"{rng.uniform(0, 300):.2f}" for _ in years),
        "\t\t会計年度任用職員有無\t(-)\t" + "\t".join(rng.choice("有無") for _ in years),
    ]


def _indicators(
    rng: random.Random, year: int, count: int, pool: list[str], subjects: list[str]
) -> list[str]:
    years = [year - 3 + i for i in range(6)]
    header = "\t".join(
        f"R{y - 2018:02d}年度" if y >= 2019 else f"H{y - 1988:02d}年度" for y in years
    )
    lines = []
    for number in range(1, 6):
        used = number <= count
        name = f"{rng.choice(subjects)}の実施件数 (件)" if used else "()"
        kind = rng.choice(KINDS) if used else ""
        targets = [float(rng.randrange(1, 500)) if used else 0.0 for _ in years]
        actuals = [float(rng.randrange(0, 600)) if used and y <= year else 0.0 for y in years]
        if number == 1 and rng.random() < 0.3:  # 092: unnumbered block, "1 目標値" in one cell
            lines += [f"指標名\t{name}\t\t\t\t\t{kind}", "\t" + header,
                      "1 目標値\t" + "\t".join(map(str, targets)), "実績\t" + "\t".join(map(str, actuals)),
                      f"指標の概要\t{rng.choice(pool) if used else ''}\t\t\t\t\t"]  # fmt: skip
        else:
            lines += [f"{number}\t指標名\t{name}\t\t\t\t\t{kind}", "\t\t" + header,
                      "\t目標値\t" + "\t".join(map(str, targets)), "\t実績\t" + "\t".join(map(str, actuals)),
                      f"\t指標の概要\t{rng.choice(pool) if used else ''}\t\t\t\t\t"]  # fmt: skip
    return lines


def sheet_text(
    rng: random.Random,
    project: tuple[str, str, str, str, str],
    year: int,
    pool: list[str],
) -> str:
    """One synthetic sheet of fiscal year ``year`` in the export format, of ``project``
    (code, name, department, division, subject)."""
    code, name, dept, division, subject = project
    purpose = rng.choice(PURPOSE_FORMS).format(s=subject, t=rng.choice(TARGETS))
    goals = sorted(rng.sample(range(1, 18), rng.randrange(1, 4)))
    title = era_label(year).replace("令和", "令和 ") + " 事務事業マネジメントシート"
    lines = ["", title, "", "事業の基本情報", ""]
    lines += _basic(rng, code, name, dept, division, goals, rng.randrange(3))
    lines += ["", "事業の概要", "", f"対象\t{rng.choice(['市民', '市内の事業者', '児童・生徒', '研究機関、企業等'])}",
              f"目的\t{purpose}", f"概要 (取組内容)\t{_items(rng, pool, rng.randrange(1, 4))}"]  # fmt: skip
    lines += ["", "コストの推移", ""] + _costs(rng, year)
    lines += [
        "",
        "市民参加の取組状況",
        "",
        "共有、理解\t事業に関する情報を発信",
        "企画・立案、計画\t—",
        "実行\t—",
        "評価、検証\t—",
    ]
    lines += ["", "指標の推移", ""] + _indicators(
        rng, year, rng.randrange(0, 6), pool, SUBJECTS[dept]
    )
    issues = f"<p>業務</p> <p>{rng.choice(pool)}</p> <p>組織、予算等</p> <p>{rng.choice(pool)}</p>"
    lines += ["", "事業の成果と課題", "", f"前年度の課題への対応\t{_items(rng, pool, 1)}\t",
              f"成果\t{_items(rng, pool, rng.randrange(1, 4))}\t", f"課題\t{issues}", f"改善目標\t{_items(rng, pool, 2)}\t"]  # fmt: skip
    scores = [str(rng.randrange(1, 6)) for _ in range(4)]
    lines += ["", "評価", ""] + [
        f"{label}\t{score}\t{rng.choice(pool)}"
        for label, score in zip(["市民ニーズ", "進捗状況", "市の関与", "優先度"], scores)
    ]
    lines += ["", "方向性", "", f"方向性\t{rng.choice(DIRECTIONS)}", "理由\t—", ""]
    return "\n".join(lines)


def _write_departments(folder: Path) -> None:
    """A departments.yaml without a single slug or split entry: the build makes them all."""
    folder.mkdir(parents=True, exist_ok=True)
    text = "# No slug and no split written by hand: see the build report for the slugs made from readings.\nslugs: {}\n"
    (folder / "departments.yaml").write_text(text, encoding="utf-8")


def generate(
    folder: Path, sheets: int, years: int = 1, seed: int = 1, per_file: int = 50
) -> list[Path]:
    """Write ``sheets`` projects for each of ``years`` fiscal years ending 2022 under ``folder/sheets/``."""
    rng = random.Random(seed)
    real = _sentences()
    pools = {
        name: _department_sentences(subjects) + (real if name == CITY[0][0] else [])
        for name, _, _, subjects in CITY
    }
    projects, used = [], set()
    names, weights = [entry[0] for entry in CITY], [entry[1] for entry in CITY]
    turns: dict[str, list[str]] = {name: [] for name in names}
    for index in range(sheets):
        dept = rng.choices(names, weights)[0]
        division = rng.choice(DEPARTMENTS[dept]) if DEPARTMENTS[dept] else ""
        if not turns[dept]:  # every subject in turn, so that a small city has them all
            turns[dept] = rng.sample(SUBJECTS[dept], len(SUBJECTS[dept]))
        subject, suffix = turns[dept].pop(), rng.choice(SUFFIXES)
        name = subject + ("事業" if subject.endswith(suffix[:2]) else suffix)  # not 運営運営事業
        for district in DISTRICTS if name in used else ():  # a name already taken gets its district
            if f"{name}（{district}地区）" not in used:
                name = f"{name}（{district}地区）"
                break
        used.add(name)
        projects.append((f"{index + 1:04d}", name, dept, division, subject))
    _write_departments(folder)
    written = []
    for year in range(2023 - years, 2023):
        out = folder / "sheets" / str(year)
        out.mkdir(parents=True, exist_ok=True)
        texts = [sheet_text(rng, project, year, pools[project[2]]) for project in projects]
        for start in range(0, len(texts), per_file):
            path = out / f"synthetic_{start // per_file:04d}.txt"
            path.write_text("\n".join(texts[start : start + per_file]), encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="content folder to write sheets/ into")
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(
        f"wrote {len(generate(args.out, args.sheets, args.years, args.seed))} files under {args.out}/sheets"
    )
