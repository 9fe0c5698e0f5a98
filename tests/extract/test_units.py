"""Splitting printed unit lists and reading their roles."""
import pytest

from gongbao.extract.units import read_roles, split_bodies

CASES = [
    ("市能源局牵头、其他部门根据工作职能做好配合，各县（市、区）政府落实",
     [("市能源局", "lead"), ("其他部门", "cooperate"), ("各县（市、区）政府", "implement")]),
    ("市应急管理局牵头，市防震减灾中心和相关部门按照职责做好配合",
     [("市应急管理局", "lead"), ("市防震减灾中心", "cooperate"), ("相关部门", "cooperate")]),
    ("各行业主管部门、负有安全监管职责的部门组织开展，督促企业落实整改",
     [("各行业主管部门", "responsible"), ("负有安全监管职责的部门", "responsible")]),
    ("市直有关部门，各县（市、区）政府及其有关部门",
     [("市直有关部门", "responsible"), ("各县（市、区）政府", "responsible"),
      ("各县（市、区）政府有关部门", "responsible")]),
    ("县发改局、甲镇、乙乡政府", [("县发改局", "responsible"), ("甲镇政府", "responsible"), ("乙乡政府", "responsible")]),
    ("北区、南区、东区等政府", [("北区政府", "responsible"), ("南区政府", "responsible"), ("东区政府", "responsible")]),
    ("市卫健委等、市医保局等", [("市卫健委", "responsible"), ("市医保局", "responsible")]),
    ("市住房和城乡建设局、市文化和旅游局分工负责", [("市住房和城乡建设局", "responsible"), ("市文化和旅游局", "responsible")]),
    ("市、县（市、区）安委办", [("市安委办", "responsible"), ("县（市、区）安委办", "responsible")]),
    ("市、县两级财政部门牵头，市发改委配合", [("市、县两级财政部门", "lead"), ("市发改委", "cooperate")]),
    ("区教体局牵头，区妇联、团区委配合", [("区教体局", "lead"), ("区妇联", "cooperate"), ("团区委", "cooperate")]),
]


@pytest.mark.parametrize("cell,expected", CASES)
def test_read_roles(cell, expected):
    assert read_roles(cell) == expected


def test_label_lists_keep_unknown_bodies():
    assert read_roles("市残联、市红十字会", default="lead", strict=False) == [
        ("市残联", "lead"), ("市红十字会", "lead")]


@pytest.mark.parametrize("line,expected", [
    ("各县（市、区）人民政府，市人民政府各委、办、局", ["各县（市、区）人民政府", "市人民政府各委、办、局"]),
    ("甲县、乙县、丙区人民政府，市直有关单位", ["甲县人民政府", "乙县人民政府", "丙区人民政府", "市直有关单位"]),
    ("各区人民政府、市政府各部门、各直属机构", ["各区人民政府", "市政府各部门", "各直属机构"]),
    ("市直企、事业单位", ["市直企、事业单位"]),
])
def test_split_bodies(line, expected):
    assert split_bodies(line) == expected
