"""The user guide shipped with the app (``resources/help/guide.html``), generated, never edited:

    python -m tests.help_guide          rewrite it (after adding or changing a rule or its cases)

The workflow and the keys inside a table are written here, once. Every check comes from its
rule (``checks/rules``: id, severity, title, the docstring as its explanation) and from the first
of its firing and of its silent cases (``tests/rules``: each says in one line of Chinese what it
changes), so the guide lists what the app checks and nothing else. The window's menu keys are not
written here either: the app fills them in from its own actions when it shows the guide
(``ui.guide``), so they are the keys of the platform it runs on. tests/test_help_guide.py fails
when the shipped file is not what this makes; the app ships no tests, hence the committed file.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from checks.rules.every_rule import RULES
from checks.rules.registry import FAMILIES, Rule
from tests.rules.test_every_rule import families
from tests.support.rule_cases import Case, Writes
from ui.guide import GUIDE, KEYS_MARK

TARGET = Path(__file__).resolve().parent.parent / "resources" / Path(*GUIDE)

STYLE = """
body { font-size: 10.5pt; }
h1 { font-size: 16pt; }
h2 { font-size: 13pt; margin-top: 18px; border-bottom: 1px solid #c9ced6; }
h3 { font-size: 11pt; margin-top: 12px; margin-bottom: 2px; }
p { margin-top: 3px; margin-bottom: 3px; }
td, th { padding: 2px 6px; }
.id { font-family: monospace; }
.sev { font-weight: normal; font-size: 9.5pt; }
.bad { color: #a61d1d; }
.good { color: #2e6b2e; }
.quote { color: #444444; }
"""

WORKFLOW = """
<h2 id="workflow">一、从新建项目到公开文档</h2>
<ol>
<li><b>新建或打开。</b>文件 → 新建项目，填部门名称和年度；模板版本和01表行次布局随年度确定，必要时可改。
也可以打开已有的项目文件（.jsgk），或直接打开单位原有的 Excel 工作簿（.xlsx）导入，导入后请“另存为”项目文件。
没能导入的内容列在审核结果中。</li>
<li><b>部门概况。</b>左侧列表“部门概况”下填写部门信息、单位构成、人员构成。</li>
<li><b>录入九张表。</b>左侧列表选一张表，表格的样子与公开表一致（行次、栏次、多层表头、类/款/项缩进、合计行加底色）。
02、03、05、07、08表上方的框里输入科目编码或名称：已有的科目定位过去，没有的按功能分类科目表添加（添加项时自动补上所属的款和类）。
可以从 Excel 或 WPS 复制一块区域粘贴进来；首列是科目编码的按编码放到对应行并补上缺少的科目，01、04表按行次，06表按经济分类编码。
“自动计算合计”把每个合计填为所含各项之和，可撤销。</li>
<li><b>补充数据。</b>上年数、年初预算、机关运行经费、政府采购、国有资产、绩效自评：情况说明要引用的数字都在这里填。</li>
<li><b>边录入边审核。</b>每输入一个数，表内公式、科目层级、表间勾稽和情况说明里的数字都会重新核对。
有问题的单元格按级别着色，参与其中的单元格淡色标出；鼠标停在单元格上、或光标移到单元格上时，状态栏说明问题。
下方“审核结果”列出全部问题：双击（或回车）跳到对应单元格、字段或文字；F8 先到第一个错误，再逐个往下。
警告可以写明原因后接受（说明警告），说明随项目保存并打印在审核清单上。</li>
<li><b>情况说明。</b>“生成初稿”按数据写出各部分，需要说明原因的地方留有“【……】”；也可以导入已有的 Word 或文本。
文中的数字与表格核对：对的淡色下划线，错的按级别标色，鼠标停留可看到应为多少，右键（或 Ctrl+.）一键改正。</li>
<li><b>打印与导出。</b>文件 → 打印（Ctrl+P）先预览，可选当前表或全部九张表，A4 横向，每页重复表头；
“打印设置”里选的打印机、纸张和方向会被记住。文件 → 导出：Excel 工作簿（九张表，可直接打印）、Word 文档（整份公开文档）。
还有错误时会先询问：可以先查看审核结果，或仍然导出并在文件旁附上审核清单。审核 → 审核清单：预览、打印或导出 PDF，交审核人签字。</li>
<li><b>保存。</b>Ctrl+S 保存。修改未保存时每 30 秒在数据文件夹写一份恢复副本，程序意外关闭后再次启动会询问是否恢复。</li>
</ol>
<h3>屏幕较小时</h3>
<p>窗口第一次打开时适应屏幕大小，之后记住位置和大小。表格可以缩放：Ctrl+滚轮，或 Ctrl+= 放大、Ctrl+- 缩小、Ctrl+0 还原，缩放比例会被记住。
向右滚动时，科目编码和名称（01、04表的项目和行次）始终留在左侧。下方审核结果可以收起，只留一行各级别的数目（“收起”按钮或 Ctrl+F8）。</p>
"""

KEYS = f"""
<h2 id="keys">二、快捷键</h2>
<h3>在表格中</h3>
<table border="1" cellspacing="0">
<tr><th>按键</th><th>作用</th></tr>
<tr><td>回车 / Shift+回车</td><td>确认并下移 / 上移一格（本栏到底后转到下一栏顶部）</td></tr>
<tr><td>Tab / Shift+Tab</td><td>确认并右移 / 左移到下一个可填的格</td></tr>
<tr><td>方向键</td><td>移动；正在输入时确认并移动</td></tr>
<tr><td>直接输入</td><td>替换格中的数；F2 或双击修改原有的数（此时左右键在文字中移动）</td></tr>
<tr><td>Delete / Backspace</td><td>清除所选单元格 / 清空后输入</td></tr>
<tr><td>Ctrl+C / Ctrl+X / Ctrl+V</td><td>复制、剪切、粘贴区域（与 Excel、WPS 互通，千分位和全角数字都可识别）</td></tr>
<tr><td>右键</td><td>单元格的命令：剪切、复制、粘贴、清除、删除科目行、说明警告、自动计算合计</td></tr>
<tr><td>Ctrl+滚轮</td><td>缩放表格</td></tr>
</table>
<h3>菜单命令</h3>
{KEYS_MARK}
"""

SEVERITIES = """
<h2 id="severities">三、审核结果的级别</h2>
<table border="1" cellspacing="0">
<tr><th>级别</th><th>含义</th></tr>
<tr><td>错误</td><td>表内公式或表间勾稽不成立，差额超出元换算为万元的尾数误差所能解释的范围。必须改正；仍要导出时会先询问。</td></tr>
<tr><td>尾数差异</td><td>不成立，但差额在尾数误差范围内（n 个两位小数的数相加，最多可差 0.005×(n+1) 万元）。请自行判断是否调整。</td></tr>
<tr><td>警告</td><td>通常成立的关系不成立。核实无误后可写明原因接受，说明随项目保存并打印在审核清单上。</td></tr>
<tr><td>提示</td><td>完整性和写法：如百分比截断而非四舍五入、空表缺少“无……”的说明、情况说明中未能对上的数字。</td></tr>
</table>
"""


def _case_text(case: Case) -> str:
    """A text case's words, quoted after its description."""
    if not isinstance(case.change, Writes):
        return ""
    parts = [f"（{section}）{text}" for section, text in case.change.sections.items() if text.strip()]
    return f'<br/><span class="quote">情况说明写作：“{escape("　".join(parts))}”</span>' if parts else ""


def _rule_html(rule: Rule, fires: Case | None, silent: Case | None) -> str:
    explanation = "".join(f"<p>{escape(par)}</p>" for par in rule.explanation.split("\n\n"))
    out = [
        f'<h3 id="{rule.id}"><a name="{rule.id}"></a><span class="id">{rule.id}</span> {escape(rule.title)}'
        f' <span class="sev">〔{rule.severity.label}〕</span></h3>',
        explanation.replace("\n", ""),
    ]
    if fires is not None:
        out.append(f'<p class="bad">✗ 会报告（{fires.severity.label}）：{escape(fires.says)}{_case_text(fires)}</p>')
    if silent is not None:
        out.append(f'<p class="good">✓ 不会报告：{escape(silent.says)}{_case_text(silent)}</p>')
    return "\n".join(out)


def rules_html() -> str:
    cases = [c for family in families().values() for c in family.cases]
    first_fires = {}
    first_silent = {}
    for c in cases:
        (first_fires if c.fires else first_silent).setdefault(c.rule, c)
    out = [
        '<h2 id="rules">四、审核规则</h2>',
        "<p>每条规则有固定编号，审核结果、审核清单和命令行输出都用这个编号。"
        "每条规则后面各举一例：会报告的改动（✗）和不会报告的相近改动（✓），都取自程序自身的测试。"
        "合计类规则的差额在尾数误差范围内时报告为尾数差异。</p>",
    ]
    by_letter: dict[str, list[Rule]] = {}
    for r in RULES.values():
        by_letter.setdefault(r.id[0], []).append(r)
    index = []
    for letter in FAMILIES:
        rules = by_letter.get(letter, [])
        if not rules:
            continue
        names = list(dict.fromkeys(r.family for r in rules))
        heading = f"{letter} {'·'.join(names)}"
        index.append(f'<a href="#family-{letter}">{escape(heading)}</a>')
        out.append(f'<h2 id="family-{letter}"><a name="family-{letter}"></a>{escape(heading)}</h2>')
        out += [_rule_html(r, first_fires.get(r.id), first_silent.get(r.id)) for r in rules]
    out.insert(2, "<p>" + "　".join(index) + "</p>")
    return "\n".join(out)


def guide_html() -> str:
    contents = (
        '<p><a href="#workflow">一、从新建项目到公开文档</a>　<a href="#keys">二、快捷键</a>　'
        '<a href="#severities">三、审核结果的级别</a>　<a href="#rules">四、审核规则</a></p>'
    )
    return (
        "<!DOCTYPE html>\n"
        "<!-- Generated by `python -m tests.help_guide` from the rules and their cases: do not edit. -->\n"
        '<html lang="zh-CN"><head><meta charset="utf-8"/><title>决算公开编报助手 使用说明</title>'
        f"<style>{STYLE}</style></head><body>\n"
        "<h1>决算公开编报助手 使用说明</h1>\n"
        "<p>部门决算公开九张表的录入、审核与导出。金额单位：万元。本说明随程序提供，不需要联网。</p>\n"
        f"{contents}\n{WORKFLOW}\n{KEYS}\n{SEVERITIES}\n{rules_html()}\n</body></html>\n"
    )


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(guide_html(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
