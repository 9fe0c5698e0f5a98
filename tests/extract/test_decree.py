"""A 命令（令）: `XX市人民政府令` over its 令号 `第18号`, no title and no
addressees, signed by the mayor above the date; in an issue with another
document that cites it by its 令号."""
from gongbao.extract.pipeline import extract_text

ISSUE = """安平市人民政府令
第18号
《安平市城市绿化管理办法》已经2024年3月12日市人民政府第36次常务会议通过，现予公布，自2024年5月1日起施行。
市　长　　赵文军
2024年3月20日
安平市城市绿化管理办法
第一章　总　则
第一条　为了促进城市绿化事业发展，改善生态环境，结合本市实际，制定本办法。
安平市人民政府办公室关于做好2024年城市绿化工作的通知
安政办发〔2024〕31号
各区人民政府，市政府各部门：
　　为贯彻《安平市城市绿化管理办法》（安平市人民政府令第18号），现就做好今年城市绿化工作通知如下。
安平市人民政府办公室
2024年4月8日
"""


def test_decree_and_its_citation():
    result = extract_text(ISSUE, "anping.txt")
    decree, notice = result.documents
    assert decree.doc_number == "安平市人民政府令第18号"
    assert decree.issuer == "安平市人民政府" and decree.doc_type == "令"
    assert decree.signed_date == "2024-03-20" and decree.signer == "赵文军"
    assert decree.body.startswith("《安平市城市绿化管理办法》已经") and "赵文军" not in decree.body
    assert notice.doc_number == "安政办发〔2024〕31号"
    assert notice.cites == ["安平市人民政府令第18号"]
