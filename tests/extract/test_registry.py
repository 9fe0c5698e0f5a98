"""The unit registry: standard names, short forms, city prefixes, learning, collectives."""

import pytest

from gongbao.extract.registry import DATA, UnitRegistry, normalise


@pytest.fixture
def reg():
    return UnitRegistry.default()


@pytest.mark.parametrize("printed, canonical", [
    ("市发改委", "市发展和改革委员会"),
    ("市发展改革委", "市发展和改革委员会"),
    ("市发展和改革委员会", "市发展和改革委员会"),
    ("县发改局", "县发展和改革局"),
    ("市应急局", "市应急管理局"),
    ("市应急管理局", "市应急管理局"),
    ("市工信局", "市工业和信息化局"),
    ("市住建局", "市住房和城乡建设局"),
    ("市文旅局", "市文化和旅游局"),
    ("市人社局", "市人力资源和社会保障局"),
    ("市卫健委", "市卫生健康委员会"),
    ("县卫健局", "县卫生健康局"),
    ("市城管局", "市城市管理局"),
    ("市交通局", "市交通运输局"),
    ("市行政审批局", "市行政审批服务管理局"),
    ("市审批局", "市行政审批服务管理局"),
    ("市市场监管局", "市市场监督管理局"),
    ("市自然资源局", "市规划和自然资源局"),
    ("市公安局交警支队", "市公安局交通警察支队"),
    ("市交警支队", "市公安局交通警察支队"),
    ("市生态环境局", "市生态环境局"),
    ("市农业农村局", "市农业农村局"),
    ("市大数据局", "市大数据应用局"),
    ("市医保局", "市医疗保障局"),
    ("市国资委", "市国有资产监督管理委员会"),
    ("市安委办", "市安全生产委员会办公室"),
    ("市委政法委", "市委政法委员会"),
    ("市委编办", "市委机构编制委员会办公室"),
    ("市政府", "市人民政府"),
    ("市政府办", "市人民政府办公室"),
    ("省应急厅", "省应急厅"),                   # unknown: kept as printed
    ("河西县政府", "河西县人民政府"),
    ("东城区应急局", "东城区应急管理局"),
    ("市 应急局", "市应急管理局"),
    ("开发区管委会", "开发区管理委员会"),
    ("各行业主管部门", "各行业主管部门"),
    ("市县两级安委办", "市县两级安委办"),
])
def test_canonical(reg, printed, canonical):
    assert reg.canonical(printed) == canonical


def test_city_prefix_becomes_level(reg):
    assert reg.canonical("青山市应急管理局", city="青山市") == "市应急管理局"
    assert reg.canonical("青山市应急局", city="青山市") == "市应急管理局"
    assert reg.canonical("青山市人民政府", city="青山市") == "市人民政府"
    assert reg.canonical("中共青山市委宣传部", city="青山市") == "市委宣传部"
    assert reg.canonical("青山市应急管理局", city="青山") == "市应急管理局"
    # another place keeps its name
    assert reg.canonical("河西县应急局", city="青山市") == "河西县应急管理局"
    # without a city the place stays
    assert reg.canonical("青山市应急局") == "青山市应急管理局"


@pytest.mark.parametrize("printed", [
    "各县（市、区）政府", "各县(市、区)政府", "各县市区政府", "各县市区人民政府",
    "各县（市、区）人民政府", "各县市区", "各县（市、区）",
])
def test_county_collectives_share_one_id(reg, printed):
    assert reg.canonical(printed) == "各县（市、区）人民政府"
    assert reg.is_collective(printed)


def test_other_collectives(reg):
    assert reg.canonical("市直各部门") == "市直各部门"
    assert reg.canonical("市人民政府各委、办、局") == "市直各部门"
    assert reg.canonical("各相关县市区政府") == "各相关县（市、区）人民政府"
    assert reg.canonical("市直有关部门") == "市直有关部门"
    assert reg.expand("市直各部门") == []
    assert reg.expand("各相关县市区政府") == []


def test_expand_before_learning_is_empty(reg):
    assert reg.expand("各县（市、区）政府") == []
    assert reg.expand("市应急局") == []


def test_learn_then_expand(reg):
    reg.learn([
        "青山市人民政府", "青山市应急管理局", "青山市城市管理局",          # the city
        "河西县人民政府", "东城区人民政府区长", "南岭市人民政府办公室",   # county level
        "北坡县人民政府县长、县委副书记",
        "各县（市、区）人民政府", "市人民政府各委、办、局",               # collectives: nothing to learn
        "市人民政府副市长",
    ])
    members = ["东城区人民政府", "北坡县人民政府", "南岭市人民政府", "河西县人民政府"]
    assert reg.expand("各县（市、区）政府") == members
    assert reg.expand("各县市区") == members
    # members are unit ids, as canonical() gives them
    assert reg.canonical("河西县政府") in members
    # the city given to canonical() decides, too
    reg.canonical("南岭市应急局", city="南岭市")
    assert "南岭市人民政府" not in reg.expand("各县（市、区）政府")


def test_learned_names_choose_between_bodies(reg):
    assert reg.canonical("市城管局") == "市城市管理局"
    reg.learn(["青山市城市管理综合行政执法局"])
    assert reg.canonical("市城管局") == "市城市管理综合行政执法局"
    other = UnitRegistry.default()          # a fresh registry has learned nothing
    assert other.canonical("市城管局") == "市城市管理局"
    reg.learn(["青山市大数据管理局"])
    assert reg.canonical("市大数据局") == "市大数据管理局"


def test_learned_full_names_resolve_abbreviations(reg):
    assert reg.canonical("市新区建管中心") == "市新区建管中心"
    reg.learn(["青山市新区建设管理中心主任"])
    assert reg.canonical("市新区建管中心") == "市新区建设管理中心"
    assert reg.canonical("市防灾中心") == "市防灾中心"


def test_titles_are_stripped_when_learning(reg):
    reg.learn(["市能源局三级调研员", "河西县人民政府县长", "市乡村振兴局扶贫服务中心主任"])
    assert reg.expand("各县（市、区）政府") == ["河西县人民政府"]


def test_normalise():
    assert normalise(" 各县(市、区) 政府 ") == "各县（市、区）政府"
    assert normalise("市５Ｇ办") == "市5G办"


def test_table_is_generic():
    """The curated table is generic naming: it names none of the sample's places."""
    text = DATA.read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(rows) > 60
    assert {row[0] for row in rows} == {"body", "collective", "title"}
    for place in ("吕梁", "离石", "孝义", "汾阳", "文水", "交城", "交口", "柳林", "中阳",
                  "石楼", "方山", "岚县", "兴县", "临县", "山西"):
        assert place not in text, place


def test_canonical_resolves_each_printed_unit_once(reg, monkeypatch):
    """Repeated units (thousands per corpus) are answered from the cache: the
    resolution runs once per distinct printed name. (Speed itself is measured
    by bench/extract.py, never by timing here.)"""
    units = [f"市{b}" for b in ("发改委", "应急局", "工信局", "住建局", "文旅局", "人社局")] * 1000
    units += [f"第{i}县政府" for i in range(2000)]
    reg._cache.clear()
    calls = []
    real = reg._canonical
    monkeypatch.setattr(reg, "_canonical", lambda unit, city: calls.append(unit) or real(unit, city))
    first = [reg.canonical(u) for u in units]
    assert len(calls) == len(set(units))
    assert [reg.canonical(u) for u in units] == first
    assert len(calls) == len(set(units))
