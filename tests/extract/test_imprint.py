"""The 版记 at the end of a document printed on its own: 抄送 (wrapped) and
the 印发 line become cc / printed_by / printed_date, and no task takes them in."""
from gongbao.extract.imprint import split_imprint
from gongbao.extract.lines import to_lines
from gongbao.extract.pipeline import extract_text

DOC = """云州市人民政府办公厅文件
云政办〔2024〕30号
云州市人民政府办公厅
关于加强城市燃气安全管理工作的通知
各区县人民政府，市政府各部门，各直属机构：
　　为进一步加强城市燃气安全管理，经市政府同意，现将有关事项通知如下：
　　1.开展燃气安全隐患大排查，餐饮场所燃气报警器安装率达到100%。
　　牵头单位：市住房城乡建委
　　配合单位：市应急局、市市场监管局
　　2.落实燃气经营企业每季度入户安检制度。
　　牵头单位：市住房城乡建委
　　配合单位：各区县人民政府
　　附件：1．云州市城市燃气安全隐患排查整治清单
　　　　　2．云州市燃气安全管理责任分工表
云州市人民政府办公厅
二〇二四年四月十二日
（此件主动公开）
抄送：市委办公厅，市人大常委会办公厅，市政协办公厅，
　　　市监委，市法院，市检察院。
云州市人民政府办公厅　　　　　　2024年4月12日印发
"""


def test_imprint_is_read_and_kept_out_of_the_tasks():
    result = extract_text(DOC, "yunzhou.txt")
    (doc,) = result.documents
    assert doc.signed_date == "2024-04-12" and doc.publication == "此件主动公开"
    assert doc.attachments == ["云州市城市燃气安全隐患排查整治清单", "云州市燃气安全管理责任分工表"]
    assert doc.cc == ["市委办公厅", "市人大常委会办公厅", "市政协办公厅", "市监委", "市法院", "市检察院"]
    assert (doc.printed_by, doc.printed_date) == ("云州市人民政府办公厅", "2024-04-12")
    units = [r.unit for t in result.tasks for r in t.responsibilities]
    assert units == ["市住房城乡建委", "市应急局", "市市场监管局", "市住房城乡建委", "各区县人民政府"]


def test_no_imprint_leaves_the_lines_alone():
    lines = to_lines("标题\n正文一行。\n云州市人民政府\n2024年4月12日\n")
    kept, imprint = split_imprint(lines)
    assert kept == lines
    assert (imprint.cc, imprint.printed_by, imprint.printed_date) == ([], None, None)
