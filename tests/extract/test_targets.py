"""Targets: sentences of our own, sentences as the sample prints them, and a property test."""
import math
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract.targets import find_targets


def tg(text):
    return [(t.metric, t.value, t.unit, t.comparator) for t in find_targets(text)]


@pytest.mark.parametrize("text, expected", [
    # relation words: the metric stands before them
    ("地区生产总值增长 6.5%左右", [("地区生产总值", 6.5, "%", "增长…左右")]),
    ("一般公共预算收入增长6%", [("一般公共预算收入", 6.0, "%", "增长")]),
    ("固定资产投资增长7%以上", [("固定资产投资", 7.0, "%", "增长…以上")]),
    ("城镇调查失业率控制在 5.5%以内", [("城镇调查失业率", 5.5, "%", "控制在…以内")]),
    ("力争产量突破 35 亿立方米", [("产量", 35.0, "亿立方米", "突破")]),
    ("全年总产值超过 2500 亿元", [("总产值", 2500.0, "亿元", "超过")]),
    ("先进产能占比达到 90%", [("先进产能占比", 90.0, "%", "达到")]),
    ("战略性新兴产业占比达50%以上", [("战略性新兴产业占比", 50.0, "%", "达…以上")]),
    ("森林覆盖率不低于25%", [("森林覆盖率", 25.0, "%", "不低于")]),
    ("确保粮食播种面积不少于 500万亩", [("粮食播种面积", 500.0, "万亩", "不少于")]),
    ("产量稳定在 11 亿公斤以上", [("产量", 11.0, "亿公斤", "稳定在…以上")]),
    ("单位GDP能耗下降3%", [("单位GDP能耗", 3.0, "%", "下降")]),
    ("农村生活污水治理率再提高 2 个百分点", [("农村生活污水治理率", 2.0, "个百分点", "再提高")]),
    ("建成区绿化覆盖率提高到42%", [("建成区绿化覆盖率", 42.0, "%", "提高到")]),
    ("PM2.5平均浓度控制在35微克/立方米以下", [("PM2.5平均浓度", 35.0, "微克/立方米", "控制在…以下")]),
    ("生产规模达到50万吨/年，且服务年限不少于5年",
     [("生产规模", 50.0, "万吨/年", "达到"), ("服务年限", 5.0, "年", "不少于")]),
    # action words: the metric is their object
    ("新建 5G 基站 2000 座", [("5G基站", 2000.0, "座", "新建")]),
    ("新建 10 座以上综合能源站", [("综合能源站", 10.0, "座", "新建…以上")]),
    ("启动 8个新建接续煤矿项目", [("新建接续煤矿项目", 8.0, "个", "启动")]),
    ("智能化改造 17 座矿井、40 处采掘工作面",
     [("矿井", 17.0, "座", "智能化改造"), ("采掘工作面", 40.0, "处", "智能化改造")]),
    ("坚决完成 9600 万吨保供任务", [("保供任务", 9600.0, "万吨", "完成")]),
    ("年内形成 400 万吨优特钢生产规模", [("优特钢生产规模", 400.0, "万吨", "形成")]),
    ("完成 94 万亩水土流失治理", [("水土流失治理", 94.0, "万亩", "完成")]),
    ("年内完成不少于 8 个综合减灾示范社区创建", [("综合减灾示范社区创建", 8.0, "个", "完成不少于")]),
    ("新改造农村户厕 1.2 万户", [("农村户厕", 1.2, "万户", "新改造")]),
    ("新改建“四好农村路”589 公里", [("四好农村路", 589.0, "公里", "新改建")]),
    ("招引高校毕业生 2000 人以上", [("高校毕业生", 2000.0, "人", "招引…以上")]),
    ("培训各类人员2000余人", [("各类人员", 2000.0, "人", "培训…余")]),
    ("累计完成投资120亿元", [("投资", 120.0, "亿元", "累计完成")]),
    # an enumeration shares its verb
    ("新增高新技术企业 15 户、科技型中小企业 10 户",
     [("高新技术企业", 15.0, "户", "新增"), ("科技型中小企业", 10.0, "户", "新增")]),
    ("确保争取上级资金100亿元，新增贷款300亿元、各类融资 1000 亿元以上",
     [("上级资金", 100.0, "亿元", "争取"), ("贷款", 300.0, "亿元", "新增"),
      ("各类融资", 1000.0, "亿元", "新增…以上")]),
    ("力争培训高素质农民 8000 人、致富带头人 800人以上",
     [("高素质农民", 8000.0, "人", "培训"), ("致富带头人", 800.0, "人", "培训…以上")]),
    # the verb inside the metric: no comparator
    ("城镇新增就业 4万人", [("城镇新增就业", 4.0, "万人", None)]),
    # a predicate after the noun
    ("推动 12 个乡村 e镇建成投运", [("乡村e镇", 12.0, "个", "建成投运")]),
    # full-width digits and ％
    ("城镇登记失业率控制在４．５％以内", [("城镇登记失业率", 4.5, "%", "控制在…以内")]),
    ("推动3-5个项目落地", [("项目", 3.0, "个", "落地")]),
])
def test_target_sentences(text, expected):
    assert tg(text) == expected


@pytest.mark.parametrize("text", [
    "城镇居民人均可支配收入与经济增长基本同步。",
    "约束性指标完成省定要求。",
    "对近3年发生过较大事故的县开展重点巡查",
    "各级安委会每月至少召开一次会议",
    "力争前期手续 3 月底办结 70%以上",            # a deadline share, not a target
    "力争2023年底前完成",
    "开工建设 G20 青银高速，加快国道209 南延北拓",  # serials
    "创建5A级景区，打造500亿级优特钢基地",           # grades
    "力争水环境综合指数排名退出全国后 50 位",         # ranks
    "推深做实“7×24 小时不打烊”，提升 12345 政务热线服务水平",
    "实施汾阳华樽 3万吨等项目",                     # an example, not a commitment
    "推进晋能300 万千瓦太阳能高效组件项目竣工投产",    # the scale of a project
    "推动柳林年消纳 40 万吨二氧化碳的特种纳米碳酸钙项目建成投产",
    "全力打造百万吨千亿级铝镁产业集群",               # Chinese numerals are not read
    "实现 80 周岁以上老年人高龄津贴全覆盖。",
    "",
])
def test_no_target(text):
    assert tg(text) == []


def test_target_text_is_the_printed_phrase():
    (t,) = find_targets("力争新能源装机总量达到 300 万千瓦以上。")
    assert t.text == "新能源装机总量达到300万千瓦以上"
    (t,) = find_targets("启动 37 个老旧小区改造。")
    assert (t.metric, t.text) == ("老旧小区改造", "启动37个老旧小区改造")


def test_sample_report_tasks(sample_result):
    """The work-report tasks of the sample (吕政办函〔2023〕8号): the main indicators
    are read exactly, and every target found is printed in its task."""
    tasks = {t.key: t.content for t in sample_result.tasks if t.document == "吕政办函〔2023〕8号"}
    assert len(tasks) > 100
    assert tg(tasks["1"]) == [("地区生产总值", 6.5, "%", "增长…左右")]
    assert tg(tasks["8"]) == [("城镇新增就业", 4.0, "万人", None),
                              ("城镇调查失业率", 5.5, "%", "控制在…以内")]
    assert ("产量", 35.0, "亿立方米", "突破") in tg(tasks["18"])
    assert ("5G基站", 2000.0, "座", "新建") in tg(tasks["37"])
    assert tg(tasks["40"]) == []                       # shares belong to deadlines
    assert ("高层次科技人才", 60.0, "名", "引进…以上") in tg(tasks["106"])
    found = 0
    for content in tasks.values():
        squeezed = "".join(content.split())
        norm = unicodedata.normalize("NFKC", squeezed)
        for t in find_targets(content):
            found += 1
            assert t.text in squeezed
            assert t.metric and t.unit
            assert not (t.unit == "年" and t.value >= 1900)
            assert f"{t.value:g}" in norm
    assert found >= 80


# --- property -----------------------------------------------------------------

ALPHABET = st.sampled_from(list(
    "0123456789０１２３４５６７８９.．%％万亿个座吨元人户项以上以内左右达到突破超过增长下降控制在"
    "不少于新建完成培训年月底前内等的、，。“” 5GPM-×·第后级"))


@settings(max_examples=300)
@given(st.text(ALPHABET, max_size=60))
def test_targets_never_crash_and_are_printed(text):
    squeezed = "".join(text.split())
    for t in find_targets(text):
        assert t.metric
        assert math.isfinite(t.value) and t.value >= 0
        assert t.unit
        assert t.text and t.text in squeezed
