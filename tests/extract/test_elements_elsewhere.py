"""Document elements in the shapes other governments print them: provincial
办公厅 and county documents, joint documents of several departments (stacked,
apart on one line, before 关于, under a two-office masthead), 公告 and 通告
without a number or 主送机关, 令/公告 numbered 第N号, upward documents with a
签发人, numbers in brackets or after the title, 题注 under a title, 主送机关
lists under one 各 or wrapped over many lines, 公开方式 without brackets,
attachments labelled one by one, 咨询与解读 boxes on one line, 版记 variants,
issuers that are not government departments, titles wrapped in narrow
columns, tables of contents, and issues paged so that lines every document
repeats fall next to page numbers. Documents of our own (invented places and
units)."""
from gongbao.extract.pipeline import extract_text


def _one(text, name="doc.txt"):
    (doc,) = extract_text(text, name).documents
    return doc


PROVINCIAL = """江屿省人民政府办公厅文件
江政办发〔2024〕12号
江屿省人民政府办公厅关于进一步加强
农村供水工程建设管理的
实施意见
各市、县（区）人民政府，省政府各部门、各直属机构：
　　为加强农村供水工程建设管理，经省人民政府同意，提出如下意见。
　　一、总体要求
　　到2025年底，农村自来水普及率达到90%。
　　附件：1.江屿省农村供水工程建设任务分解表
　　　　　2.江屿省农村供水工程运行管护办法
　　　　　　（试行）
江屿省人民政府办公厅
2024年3月5日
（此件公开发布）
"""


def test_levels_under_one_ge_share_the_body():
    doc = _one(PROVINCIAL)
    assert doc.doc_number == "江政办发〔2024〕12号"
    assert doc.issuer == "江屿省人民政府办公厅"
    assert doc.title == "关于进一步加强农村供水工程建设管理的实施意见"
    assert doc.doc_type == "意见"
    # 各市、县（区）人民政府 is one collective, not 各市人民政府 + 县（区）人民政府
    assert doc.addressees == ["各市、县（区）人民政府", "省政府各部门", "各直属机构"]
    assert doc.signed_date == "2024-03-05"
    assert doc.publication == "此件公开发布"
    assert doc.attachments == ["江屿省农村供水工程建设任务分解表", "江屿省农村供水工程运行管护办法（试行）"]


JOINT_ONE_LINE = """江屿省财政厅
江屿省教育厅
江财教 〔2024〕 15 号
江屿省财政厅　江屿省教育厅关于下达2024年学生资助补助经费的通知
各市、县（区）财政局、教育局：
　　现将2024年学生资助补助经费下达给你们，请按规定使用。
　　附件：2024年学生资助补助经费分配表
江屿省财政厅　　　　江屿省教育厅
2024年1月18日
（此件依申请公开）
"""


def test_joint_document_of_two_departments():
    doc = _one(JOINT_ONE_LINE)
    assert doc.doc_number == "江财教〔2024〕15号"
    assert doc.issuer == "江屿省财政厅 江屿省教育厅"
    assert doc.title == "关于下达2024年学生资助补助经费的通知"
    assert doc.addressees == ["各市、县（区）财政局、教育局"]
    assert doc.signed_date == "2024-01-18"
    assert doc.publication == "此件依申请公开"
    # the 署名 line of both departments is neither an attachment nor body text
    assert doc.attachments == ["2024年学生资助补助经费分配表"]
    assert doc.body == "现将2024年学生资助补助经费下达给你们，请按规定使用。"


JOINT_STACKED = """临川市发展和改革委员会
临川市财政局
临川市住房和城乡建设局
关于做好2024年老旧小区改造工作的通知
临发改投资〔2024〕41号
各县（市、区）发展改革局、财政局、住建局，市直有关单位：
　　为做好老旧小区改造工作，现将有关事项通知如下。
临川市发展和改革委员会
临川市财政局
临川市住房和城乡建设局
2024年4月2日
"""


def test_joint_document_with_issuers_and_signatures_stacked():
    doc = _one(JOINT_STACKED)
    assert doc.doc_number == "临发改投资〔2024〕41号"
    assert doc.issuer == "临川市发展和改革委员会 临川市财政局 临川市住房和城乡建设局"
    assert doc.title == "关于做好2024年老旧小区改造工作的通知"
    assert doc.addressees == ["各县（市、区）发展改革局、财政局、住建局", "市直有关单位"]
    assert doc.signed_date == "2024-04-02"
    assert doc.body == "为做好老旧小区改造工作，现将有关事项通知如下。"


JOINT_TITLE_PREFIX = """中共青禾县委办公室、青禾县人民政府办公室关于印发青禾县乡村振兴考核办法的通知
青办发〔2024〕4号
各乡镇党委、人民政府，县直各单位：
　　现将《青禾县乡村振兴考核办法》印发给你们，请认真贯彻执行。
中共青禾县委办公室　　　青禾县人民政府办公室
2024年5月6日
"""


def test_joint_issuers_in_front_of_the_title():
    doc = _one(JOINT_TITLE_PREFIX)
    assert doc.doc_number == "青办发〔2024〕4号"
    assert doc.issuer == "中共青禾县委办公室、青禾县人民政府办公室"
    assert doc.title == "关于印发青禾县乡村振兴考核办法的通知"
    assert doc.addressees == ["各乡镇党委、人民政府", "县直各单位"]
    assert doc.signed_date == "2024-05-06"
    assert doc.body == "现将《青禾县乡村振兴考核办法》印发给你们，请认真贯彻执行。"


NOTICE_WITHOUT_NUMBER = """临川市人民政府
关于临川市城区部分道路限制通行的通告
　　为保障城区道路交通安全，决定对城区部分道路实行限制通行，现通告如下：
　　一、限行时间：2024年6月1日起。
　　二、本通告自发布之日起施行。
临川市人民政府
2024年5月20日
"""


def test_tonggao_without_number_or_addressees():
    doc = _one(NOTICE_WITHOUT_NUMBER)
    assert doc.doc_number is None
    assert doc.issuer == "临川市人民政府"
    assert doc.title == "关于临川市城区部分道路限制通行的通告"
    assert doc.doc_type == "通告"
    assert doc.addressees == []          # the sentence ending with 如下： is body text
    assert doc.signed_date == "2024-05-20"
    assert doc.body.startswith("为保障城区道路交通安全，决定对城区部分道路实行限制通行，现通告如下：\n一、限行时间")


OFFICE_GONGGAO = """临川市人民政府办公室关于2024年度政府信息公开工作年度报告的公告
　　根据《中华人民共和国政府信息公开条例》规定，现将年度报告予以公告。
临川市人民政府办公室
2024年3月31日
"""


def test_gonggao_opening_the_input_with_its_title():
    doc = _one(OFFICE_GONGGAO)
    assert doc.doc_number is None
    assert doc.issuer == "临川市人民政府办公室"
    assert doc.title == "关于2024年度政府信息公开工作年度报告的公告"
    assert doc.doc_type == "公告"
    assert doc.addressees == []
    assert doc.signed_date == "2024-03-31"


REPORT_WITH_SIGNER = """青禾县人民政府
青政报〔2024〕6号　　　　　签发人：林远山
青禾县人民政府关于2023年度法治政府建设情况的报告
临川市人民政府：
　　2023年，我县深入推进法治政府建设，现将有关情况报告如下。
青禾县人民政府
二〇二四年一月二十五日
此件主动公开
"""


def test_number_line_with_signer_and_bare_publication():
    doc = _one(REPORT_WITH_SIGNER)
    assert doc.doc_number == "青政报〔2024〕6号"
    assert doc.signer == "林远山"
    assert doc.issuer == "青禾县人民政府"
    assert doc.title == "关于2023年度法治政府建设情况的报告"
    assert doc.doc_type == "报告"
    assert doc.addressees == ["临川市人民政府"]
    assert doc.signed_date == "2024-01-25"
    assert doc.publication == "此件主动公开"


def test_issue_with_a_joint_document_between_others():
    issue = NOTICE_WITHOUT_NUMBER + JOINT_STACKED + REPORT_WITH_SIGNER
    docs = extract_text(issue, "issue.txt").documents
    assert [(d.doc_number, d.issuer, d.signed_date) for d in docs] == [
        (None, "临川市人民政府", "2024-05-20"),
        ("临发改投资〔2024〕41号", "临川市发展和改革委员会 临川市财政局 临川市住房和城乡建设局", "2024-04-02"),
        ("青政报〔2024〕6号", "青禾县人民政府", "2024-01-25"),
    ]
    assert docs[0].body.endswith("二、本通告自发布之日起施行。")


RELAY_ONE_LINE = """临川市人民政府办公室转发市财政局关于加强政府采购管理工作意见的通知
临政办发﹝2024﹞19号
各县（市、区）人民政府，市直各单位：
　　市财政局《关于加强政府采购管理工作的意见》已经市政府同意，现转发给你们，请认真贯彻执行。
附件：
1.临川市政府采购负面清单
2.临川市政府采购内控
制度指引
临川市人民政府办公室
2024年7月3日
（此件公开发布）
"""


def test_relayed_title_and_small_tortoise_brackets():
    doc = _one(RELAY_ONE_LINE)
    assert doc.doc_number == "临政办发﹝2024﹞19号"
    assert doc.issuer == "临川市人民政府办公室"          # not …办公室转发市财政局
    assert doc.title == "转发市财政局关于加强政府采购管理工作意见的通知"
    assert doc.attachments == ["临川市政府采购负面清单", "临川市政府采购内控制度指引"]
    assert doc.signed_date == "2024-07-03"
    assert doc.publication == "此件公开发布"


NUMBERED_GONGGAO = """江屿省人民政府公告
〔2024〕第3号
　　根据《江屿省行政区划管理条例》，经省人民政府批准，青禾县设立南屏镇。
　　特此公告。
江屿省人民政府
2024年4月1日
临川市人民政府办公室
关于印发临川市行政区划调整工作方案的通知
临政办发〔2024〕22号
青禾县人民政府，市民政局：
　　为贯彻江屿省人民政府公告〔2024〕第3号，现将工作方案印发给你们。
临川市人民政府办公室
2024年4月9日
"""


def test_gonggao_numbered_like_a_decree():
    gonggao, notice = extract_text(NUMBERED_GONGGAO, "issue.txt").documents
    assert gonggao.doc_number == "江屿省人民政府公告〔2024〕第3号"
    assert gonggao.issuer == "江屿省人民政府"
    assert gonggao.doc_type == "公告"
    assert gonggao.addressees == []
    assert gonggao.signed_date == "2024-04-01"
    assert gonggao.body.replace("\n", "") == "根据《江屿省行政区划管理条例》，经省人民政府批准，青禾县设立南屏镇。特此公告。"
    assert notice.doc_number == "临政办发〔2024〕22号"
    assert notice.addressees == ["青禾县人民政府", "市民政局"]


EACH_LABELLED = """临川市人民政府办公室
临政办发〔2024〕30号
临川市人民政府办公室关于开展2024年度安全生产大检查的通知
各县（市、区）人民政府，市直各单位：
　　为深入开展安全生产大检查，现将有关事项通知如下。
　　附件1：临川市安全生产大检查工作方案
　　附件2：临川市安全生产大检查重点
　　　　　 任务清单
临川市人民政府办公室
2024年5月30日
（此件公开发布）
"""

SHORT_LABEL = """临川市应急管理局
临应急函〔2024〕12号
临川市应急管理局关于报送2024年防汛物资储备情况的函
各县（市、区）应急管理局：
　　请于6月10日前报送防汛物资储备情况。
　　附：防汛物资储备情况统计表
临川市应急管理局
2024年6月1日
"""


def test_attachments_labelled_one_by_one_or_with_fu():
    doc = _one(EACH_LABELLED)
    assert doc.attachments == ["临川市安全生产大检查工作方案", "临川市安全生产大检查重点任务清单"]
    assert doc.body == "为深入开展安全生产大检查，现将有关事项通知如下。"
    doc = _one(SHORT_LABEL)
    assert doc.doc_type == "函"
    assert doc.attachments == ["防汛物资储备情况统计表"]
    assert doc.body == "请于6月10日前报送防汛物资储备情况。"


NUMBERS_IN_BRACKETS = """江屿省人民政府关于公布江屿省第五批省级文物保护单位的通知
（江政发〔2024〕8号）
各市、县（区）人民政府，省政府各部门：
　　省人民政府核定了第五批省级文物保护单位，现予公布。
江屿省人民政府
2024年3月18日
江屿省人民政府办公厅关于印发江屿省数字经济发展规划的通知
（江政办发〔2024〕9号）
各市、县（区）人民政府，省政府各部门：
　　《江屿省数字经济发展规划》已经省人民政府同意，现印发给你们。
江屿省人民政府办公厅
2024年3月20日
"""


def test_gazette_prints_the_number_in_brackets_under_the_title():
    first, second = extract_text(NUMBERS_IN_BRACKETS, "issue.txt").documents
    assert (first.doc_number, first.issuer, first.title) == (
        "江政发〔2024〕8号", "江屿省人民政府", "关于公布江屿省第五批省级文物保护单位的通知")
    assert first.addressees == ["各市、县（区）人民政府", "省政府各部门"]
    assert first.signed_date == "2024-03-18"
    assert (second.doc_number, second.issuer, second.signed_date) == (
        "江政办发〔2024〕9号", "江屿省人民政府办公厅", "2024-03-20")
    assert second.body == "《江屿省数字经济发展规划》已经省人民政府同意，现印发给你们。"


DATED_UNDER_TITLE = """临川市人民政府关于2024年度市级财政预算执行情况的报告
（2024年8月26日在临川市第十七届人民代表大会常务委员会第二十次会议上）
临川市财政局局长　张明远
主任、各位副主任、秘书长、各位委员：
　　受市人民政府委托，现将2024年度财政预算执行情况报告如下。
　　一、2024年度预算执行情况
　　全市一般公共预算收入完成120亿元。
"""


def test_date_in_a_note_under_the_title_and_a_salutation_of_persons():
    doc = _one(DATED_UNDER_TITLE)
    assert doc.doc_number is None
    assert doc.issuer == "临川市人民政府"
    assert doc.title == "关于2024年度市级财政预算执行情况的报告"
    assert doc.doc_type == "报告"
    assert doc.signed_date == "2024-08-26"
    assert doc.addressees == []          # 主任、各位委员 are persons, not 主送机关


CONTENTS_THEN_DOCUMENTS = """临川市人民政府公报
2024年第4期
目录
【市政府文件】
临川市人民政府关于同意设立青禾经济开发区的批复
（临政函〔2024〕12号）
【市政府办公室文件】
临川市人民政府办公室关于加强城市内涝治理工作的通知
（临政办发〔2024〕8号）
临川市人民政府关于同意设立青禾经济开发区的批复
（临政函〔2024〕12号）
青禾县人民政府：
　　你县《关于设立青禾经济开发区的请示》收悉。经研究，同意设立。
临川市人民政府
2024年3月1日
临川市人民政府办公室关于加强城市内涝治理工作的通知
（临政办发〔2024〕8号）
各县（市、区）人民政府，市直各单位：
　　为加强城市内涝治理，现就有关工作通知如下。
临川市人民政府办公室
2024年3月5日
"""


def test_contents_entries_are_not_documents():
    docs = extract_text(CONTENTS_THEN_DOCUMENTS, "issue.txt").documents
    assert [(d.doc_number, d.addressees, d.signed_date) for d in docs] == [
        ("临政函〔2024〕12号", ["青禾县人民政府"], "2024-03-01"),
        ("临政办发〔2024〕8号", ["各县（市、区）人民政府", "市直各单位"], "2024-03-05"),
    ]


OTHER_ISSUERS = """{issuer}
{code}〔2024〕7号
{issuer}关于做好2024年度有关工作的通知
各有关单位：
　　现将有关事项通知如下。
{issuer}
2024年3月5日
"""


def test_issuers_that_are_not_government_departments():
    for issuer, code in [("青禾县城关街道办事处", "城街办发"), ("临川市总工会", "临工发"),
                         ("临川市人民政府研究室", "临研发"), ("临川市科学技术协会", "临科协发"),
                         ("临川海关", "临关发"), ("临川市城市建设投资集团有限公司", "临城投发")]:
        doc = _one(OTHER_ISSUERS.format(issuer=issuer, code=code))
        assert (doc.doc_number, doc.issuer, doc.title) == (
            f"{code}〔2024〕7号", issuer, "关于做好2024年度有关工作的通知"), issuer
        assert doc.addressees == ["各有关单位"] and doc.signed_date == "2024-03-05", issuer
        assert doc.body == "现将有关事项通知如下。", issuer


def test_addressees_wrapped_over_five_narrow_lines():
    from tests.extract.printer import wrap
    addressees = "各县（市、区）人民政府，青禾经济技术开发区管委会，市人民政府各委、办、局，市直各有关单位，各有关企业："
    lines = ["临川市人民政府办公室", "关于做好2024年防汛抗旱工作的通知", "临政办发〔2024〕25号",
             *wrap(addressees, 11), "　　为做好今年防汛抗旱工作，现将有关事项通知如下。", "临川市人民政府办公室", "2024年5月8日"]
    assert len(wrap(addressees, 11)) == 5
    doc = _one("\n".join(lines) + "\n")
    assert doc.addressees == ["各县（市、区）人民政府", "青禾经济技术开发区管委会", "市人民政府各委、办、局",
                              "市直各有关单位", "各有关企业"]
    assert doc.body == "为做好今年防汛抗旱工作，现将有关事项通知如下。"


OPINION_WITHOUT_ADDRESSEES = """青禾县人民政府办公室
青政办发〔2024〕9号
青禾县人民政府办公室关于加快发展银发经济的意见
　　为加快发展银发经济，增进老年人福祉，经县人民政府同意，结合
本县实际，提出以下意见：
　　一、发展民生事业
青禾县人民政府办公室
2024年6月3日
"""


def test_a_first_sentence_ending_with_a_colon_is_no_addressee():
    doc = _one(OPINION_WITHOUT_ADDRESSEES)
    assert doc.doc_number == "青政办发〔2024〕9号"
    assert doc.addressees == []
    assert doc.body.startswith("为加快发展银发经济，增进老年人福祉，经县人民政府同意，结合本县实际，提出以下意见：")


BOXED_ISSUE = """临川市人民政府
临政发〔2024〕20号
临川市人民政府关于印发临川市促进消费若干措施的通知
各县（市、区）人民政府，市直各单位：
　　现将《临川市促进消费若干措施》印发给你们，请认真贯彻执行。
临川市人民政府
2024年9月20日
（此件公开发布）
临川市人民政府办公室
关于做好2024年秋冬季森林防火工作的通知
临政办发〔2024〕51号
各县（市、区）人民政府，市直各单位：
咨询单位：临川市商务局　咨询电话：0791-6825512
　　秋冬季是森林火灾易发期，现就有关工作通知如下。
临川市人民政府办公室
2024年10月8日
（此件公开发布）
政策咨询
解读单位：临川市应急管理局
联系人：周敏
电话：6825512
"""


def test_contact_boxes_on_one_line_or_with_a_contact_person():
    first, second = extract_text(BOXED_ISSUE, "issue.txt").documents
    assert (first.contact.unit, first.contact.phone) == ("临川市商务局", "0791-6825512")
    assert (second.contact.unit, second.contact.phone) == ("临川市应急管理局", "6825512")
    assert second.body == "秋冬季是森林火灾易发期，现就有关工作通知如下。"


RELAYED_NOTICE = """临川市人民政府办公室
关于转发江屿省人民政府办公厅关于做好冬春火灾防控工作的通知
的通知
临政办发〔2024〕60号
各县（市、区）人民政府，市直各单位：
　　现将江屿省人民政府办公厅《关于做好冬春火灾防控工作的通知》转发给你们，请认真贯彻落实。
临川市人民政府办公室
2024年11月20日
"""


def test_relayed_notice_whose_inner_doc_type_ends_a_line():
    doc = _one(RELAYED_NOTICE)
    assert doc.doc_number == "临政办发〔2024〕60号"
    assert doc.title == "关于转发江屿省人民政府办公厅关于做好冬春火灾防控工作的通知的通知"
    assert doc.doc_type == "通知"
    assert doc.addressees == ["各县（市、区）人民政府", "市直各单位"]
    assert doc.signed_date == "2024-11-20"


DECREE_ON_ONE_LINE_AND_NUMBERED_TONGGAO = """临川市人民政府令 第3号
　　《临川市养犬管理办法》已经2024年5月6日市人民政府第12次常务会议审议通过，现予公布，自2024年7月1日起施行。
市长　陈立新
2024年5月10日
临川市公安局通告
临公通〔2024〕2号
　　为保障2024年临川马拉松赛事顺利进行，现就有关交通管制事项通告如下：
　　一、管制时间：2024年11月10日6时至14时。
临川市公安局
2024年11月1日
"""


def test_decree_number_on_the_title_line_and_a_tonggao_over_its_number():
    decree, tonggao = extract_text(DECREE_ON_ONE_LINE_AND_NUMBERED_TONGGAO, "issue.txt").documents
    assert (decree.doc_number, decree.issuer, decree.doc_type) == ("临川市人民政府令第3号", "临川市人民政府", "令")
    assert (decree.signed_date, decree.signer) == ("2024-05-10", "陈立新")
    assert decree.body.startswith("《临川市养犬管理办法》已经2024年5月6日")
    assert (tonggao.doc_number, tonggao.issuer, tonggao.doc_type) == ("临公通〔2024〕2号", "临川市公安局", "通告")
    assert tonggao.addressees == [] and tonggao.signed_date == "2024-11-01"
    assert tonggao.body.startswith("为保障2024年临川马拉松赛事顺利进行")


IMPRINT_APART = """临川市人民政府办公室
临政办发〔2024〕70号
临川市人民政府办公室关于做好2025年春节期间安全生产工作的通知
各县（市、区）人民政府，市直各单位：
　　春节将至，现将有关事项通知如下。
　　附件：春节期间值班安排表
临川市人民政府办公室
2024年12月30日
（此件公开发布）
抄报：江屿省人民政府办公厅。
抄送：市委办公室，市人大常委会办公室，
市政协办公室。
临川市人民政府办公室
2024年12月30日印发
"""


def test_imprint_with_the_printing_date_on_its_own_line_and_a_chaobao_list():
    doc = _one(IMPRINT_APART)
    assert doc.cc == ["江屿省人民政府办公厅", "市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert (doc.printed_by, doc.printed_date) == ("临川市人民政府办公室", "2024-12-30")
    assert doc.signed_date == "2024-12-30" and doc.publication == "此件公开发布"
    assert doc.attachments == ["春节期间值班安排表"]
    assert doc.body == "春节将至，现将有关事项通知如下。"


ATTACHED_OPINION = """临川市人民政府办公室
关于印发临川市促进民营经济发展意见的通知
临政办发〔2024〕80号
各县（市、区）人民政府，市直各单位：
　　现将《临川市人民政府关于促进民营经济发展的意见》印发给你们，请认真贯彻执行。
　　附件：临川市人民政府关于促进民营经济发展的意见
临川市人民政府办公室
2024年12月5日
附件
临川市人民政府
关于促进民营经济发展的意见
　　为促进民营经济发展壮大，提出如下意见。
　　一、优化发展环境
"""


def test_an_attached_document_under_its_issuer_line_is_no_document():
    (doc,) = extract_text(ATTACHED_OPINION, "doc.txt").documents
    assert doc.doc_number == "临政办发〔2024〕80号"
    assert doc.attachments == ["临川市人民政府关于促进民营经济发展的意见"]
    assert doc.signed_date == "2024-12-05"
    # a 通告 in the same shape but dated under its signature is one
    docs = extract_text(ATTACHED_OPINION.replace("附件\n临川市人民政府\n", "") + NOTICE_WITHOUT_NUMBER, "issue.txt").documents
    assert [(d.doc_number, d.title) for d in docs] == [
        ("临政办发〔2024〕80号", "关于印发临川市促进民营经济发展意见的通知"),
        (None, "关于临川市城区部分道路限制通行的通告")]


TWO_OFFICES_BODY = """临办发〔2024〕3号
中共临川市委办公室　临川市人民政府办公室
关于印发《临川市基层减负若干措施》的通知
各县（市、区）党委和人民政府，市委各部委，市直各单位：
　　《临川市基层减负若干措施》已经市委、市政府同意，现印发给你们，请结合实际认真贯彻落实。
中共临川市委办公室　　　　临川市人民政府办公室
2024年4月3日
"""


def test_two_offices_joint_masthead_shapes():
    mastheads = ["中共临川市委办公室\n临川市人民政府办公室文件\n",
                 "中共临川市委办公室 临川市人民政府办公室文件\n",
                 "中共临川市委办公室\n临川市人民政府办公室\n文件\n",
                 ""]                                  # the masthead left out: the number opens the text
    for masthead in mastheads:
        text = masthead + TWO_OFFICES_BODY
        if not masthead:
            text = text.replace("中共临川市委办公室　临川市人民政府办公室\n关于", "关于")
        doc = _one(text)
        assert doc.doc_number == "临办发〔2024〕3号", masthead
        assert doc.issuer == "中共临川市委办公室 临川市人民政府办公室", masthead
        assert doc.title == "关于印发《临川市基层减负若干措施》的通知", masthead
        assert doc.addressees == ["各县（市、区）党委和人民政府", "市委各部委", "市直各单位"], masthead
        assert doc.signed_date == "2024-04-03", masthead


def test_title_quoting_a_document_soon_after_guanyu():
    doc = _one("临川市人民政府关于印发《临川市2024年政务公开工作要点》的通知\n临政发〔2024〕9号\n"
               "各县（市、区）人民政府：\n　　现印发给你们。\n临川市人民政府\n2024年3月1日\n")
    assert (doc.doc_number, doc.issuer, doc.title) == (
        "临政发〔2024〕9号", "临川市人民政府", "关于印发《临川市2024年政务公开工作要点》的通知")


SHORT_FORM_PREFIXES = """省政府关于公布第三批省级历史文化街区的通知
江政发〔2024〕30号
各市、县（区）人民政府，省各委办厅局，省各直属单位：
　　省政府同意公布第三批省级历史文化街区，现予公布。
江屿省人民政府
2024年7月8日
（此件公开发布）
省政府办公厅关于做好2024年秋季开学工作的通知
江政办发〔2024〕31号
各市、县（区）人民政府，省各委办厅局，省各直属单位：
　　秋季开学在即，现就有关工作通知如下。
江屿省人民政府办公厅　　　　2024年8月20日
（此件公开发布）
"""


def test_short_form_before_guanyu_and_signature_beside_the_date():
    first, second = extract_text(SHORT_FORM_PREFIXES, "issue.txt").documents
    assert (first.doc_number, first.issuer, first.title) == (
        "江政发〔2024〕30号", "江屿省人民政府", "关于公布第三批省级历史文化街区的通知")
    assert first.addressees == ["各市、县（区）人民政府", "省各委办厅局", "省各直属单位"]
    assert (second.doc_number, second.issuer, second.title) == (
        "江政办发〔2024〕31号", "江屿省人民政府办公厅", "关于做好2024年秋季开学工作的通知")
    assert (second.signed_date, second.publication) == ("2024-08-20", "此件公开发布")
    assert second.body == "秋季开学在即，现就有关工作通知如下。"


def test_full_width_digits_in_number_and_date():
    doc = _one("临川市人民政府\n临政发〔２０２４〕５号\n临川市人民政府关于公布２０２４年市级重点项目的通知\n"
               "各县（市、区）人民政府、市直各单位：\n　　现予公布。\n临川市人民政府\n２０２４年３月５日\n")
    assert doc.doc_number == "临政发〔２０２４〕５号"
    assert doc.signed_date == "2024-03-05"
    assert doc.addressees == ["各县（市、区）人民政府", "市直各单位"]


YINFA_WITHOUT_GUANYU = """青禾县政府印发《青禾县2024年政府工作报告重点任务分工》的通知
青政发〔2024〕4号
各乡镇人民政府，县直各单位：
　　现将分工方案印发给你们。
青禾县人民政府
2024年2月2日
江屿省人民政府办公厅印发《江屿省
2024年立法工作计划》的通知
江政办发〔2024〕16号
各市、县（区）人民政府，省政府各部门：
　　《江屿省2024年立法工作计划》已经省政府同意，现印发给你们。
江屿省人民政府办公厅
2024年3月2日
"""


def test_titles_with_yinfa_and_no_guanyu():
    first, second = extract_text(YINFA_WITHOUT_GUANYU, "issue.txt").documents
    # 青禾县政府 in the title is a short form of the signature's name
    assert (first.doc_number, first.issuer, first.title) == (
        "青政发〔2024〕4号", "青禾县人民政府", "印发《青禾县2024年政府工作报告重点任务分工》的通知")
    assert (second.doc_number, second.issuer, second.title) == (
        "江政办发〔2024〕16号", "江屿省人民政府办公厅", "印发《江屿省2024年立法工作计划》的通知")
    assert second.addressees == ["各市、县（区）人民政府", "省政府各部门"]
    assert second.signed_date == "2024-03-02"


def _office_notice(n: int, subject: str, addressees: str = "各县（市、区）人民政府，市直各单位：\n") -> str:
    return (f"临川市人民政府办公室\n关于做好{subject}工作的通知\n临政办发〔2024〕{n}号\n"
            f"{addressees}　　为做好{subject}工作，现将有关事项通知如下。\n"
            f"　　一、提高思想认识。\n　　二、落实工作责任。\n临川市人民政府办公室\n2024年{n}月8日\n（此件公开发布）\n")


def test_lines_every_document_repeats_are_not_running_headers():
    subjects = ["春季森林防火", "防汛抗旱", "安全生产月", "秋冬季疫病防控", "冬季供暖", "年终岁末稳定"]
    wrapped = "各县（市、区）人民政府，市直各单\n位：\n"     # 主送机关 wrapped at a narrow width
    for source in ("".join(_office_notice(n, s) for n, s in enumerate(subjects, start=1)),
                   "".join(_office_notice(n, s, wrapped) for n, s in enumerate(subjects, start=1))):
        _check_repeated_lines(source, subjects)


def _check_repeated_lines(source, subjects):
    from tests.extract.printer import Page
    for page_lines in range(5, 31):
        page = Page(header="临川市人民政府公报 2024年第6期", page_lines=page_lines)
        page.add(*source.splitlines())
        docs = extract_text(page.text(), "issue.txt").documents
        assert [d.doc_number for d in docs] == [f"临政办发〔2024〕{n}号" for n in range(1, 7)], page_lines
        for n, (doc, subject) in enumerate(zip(docs, subjects), start=1):
            # a signature, 主送机关 or 公开方式 line next to two page numbers stays an element
            assert doc.issuer == "临川市人民政府办公室", page_lines
            assert doc.title == f"关于做好{subject}工作的通知", page_lines
            assert doc.addressees == ["各县（市、区）人民政府", "市直各单位"], page_lines
            assert (doc.signed_date, doc.publication) == (f"2024-{n:02d}-08", "此件公开发布"), page_lines


def test_signer_on_a_line_of_its_own_before_or_after_the_number():
    tail = ("青禾县人民政府关于2023年度法治政府建设情况的报告\n临川市人民政府：\n"
            "　　现将有关情况报告如下。\n青禾县人民政府\n2024年1月25日\n")
    for head in ("青禾县人民政府文件\n青政报〔2024〕6号\n签发人：林远山\n",
                 "青禾县人民政府文件\n签发人：林远山\n青政报〔2024〕6号\n"):
        doc = _one(head + tail)
        assert (doc.doc_number, doc.signer) == ("青政报〔2024〕6号", "林远山"), head
        assert doc.title == "关于2023年度法治政府建设情况的报告", head
        assert doc.addressees == ["临川市人民政府"], head


def test_title_whose_issuer_part_wraps_before_guanyu():
    # narrow gazette columns break a long issuer part of a title anywhere
    doc = _one("中共青禾县委办公室、青禾县人民政\n府办公室关于印发青禾县乡村振兴考\n核办法的通知\n青办发〔2024〕4号\n"
               "各乡镇党委、人民政府，县直各单位：\n　　现印发给你们。\n中共青禾县委办公室　青禾县人民政府办公室\n2024年5月6日\n")
    assert doc.issuer == "中共青禾县委办公室、青禾县人民政府办公室"
    assert doc.title == "关于印发青禾县乡村振兴考核办法的通知"
    assert doc.doc_number == "青办发〔2024〕4号"
    doc = _one("临川市人民政府办公室转发市财政局\n关于加强政府采购管理工作意见的通知\n临政办发〔2024〕19号\n"
               "各县（市、区）人民政府，市直各单位：\n　　现转发给你们。\n临川市人民政府办公室\n2024年7月3日\n")
    assert (doc.issuer, doc.title) == ("临川市人民政府办公室", "转发市财政局关于加强政府采购管理工作意见的通知")
    assert doc.doc_number == "临政办发〔2024〕19号"


def test_a_doc_type_inside_a_quoted_title_does_not_end_the_title():
    doc = _one("青禾县政府印发《青禾县2024年政府工作报告\n重点任务分工》的通知\n青政发〔2024〕4号\n"
               "各乡镇人民政府，县直各单位：\n　　现将分工方案印发给你们。\n青禾县人民政府\n2024年2月2日\n")
    assert doc.title == "印发《青禾县2024年政府工作报告重点任务分工》的通知"
    assert doc.doc_number == "青政发〔2024〕4号"
    assert doc.addressees == ["各乡镇人民政府", "县直各单位"]


def test_a_note_under_the_title_wrapped_over_lines():
    doc = _one("临川市人民政府关于2024年度市级财政预算执行情况的报告\n（2024年8月26日在临川市第十七届人民代\n"
               "表大会常务委员会第二十次会议上）\n临川市财政局局长　张明远\n主任、各位副主任、秘书长、各位委员：\n"
               "　　受市人民政府委托，现将2024年度财政预算执行情况报告如下。\n")
    assert doc.title == "关于2024年度市级财政预算执行情况的报告"
    assert doc.signed_date == "2024-08-26"
    assert doc.addressees == []
    assert doc.body.startswith("临川市财政局局长")


def test_number_in_brackets_after_the_title_and_contents_lines_of_that_shape():
    contents = ("目录\n临川市人民政府关于同意设立青禾经济开发区的批复（临政函〔2024〕12号）\n"
                "临川市人民政府关于印发临川市扩大有效投资若干措施的通知（临政发〔2024〕5号）\n")
    documents = ("临川市人民政府关于同意设立青禾经济开发区的批复（临政函〔2024〕12号）\n青禾县人民政府：\n"
                 "　　你县的请示收悉。经研究，同意设立。\n临川市人民政府\n2024年3月1日\n"
                 "临川市人民政府关于印发临川市扩大有效投资若干措施的通知（临政发〔2024〕5号）\n"
                 "各县（市、区）人民政府，市直各单位：\n　　现印发给你们。\n临川市人民政府\n2024年3月5日\n")
    docs = extract_text(contents + documents, "issue.txt").documents
    assert [(d.doc_number, d.title, d.addressees, d.signed_date) for d in docs] == [
        ("临政函〔2024〕12号", "关于同意设立青禾经济开发区的批复", ["青禾县人民政府"], "2024-03-01"),
        ("临政发〔2024〕5号", "关于印发临川市扩大有效投资若干措施的通知", ["各县（市、区）人民政府", "市直各单位"], "2024-03-05"),
    ]


def test_contact_box_line_naming_a_person_between_unit_and_phone():
    text = NOTICE_WITHOUT_NUMBER + "解读机关：临川市公安局交通警察支队 解读人：周敏 联系电话：0791-6233110\n"
    doc = _one(text)
    assert (doc.contact.unit, doc.contact.phone) == ("临川市公安局交通警察支队", "0791-6233110")


def test_a_title_quoted_across_line_breaks_does_not_split_the_document():
    text = ("临川市人民政府办公室\n关于做好全市安全生产工作的通知\n临政办发〔2024〕33号\n各县（市、区）人民政府：\n"
            "　　为认真贯彻落实\n临川市人民政府\n关于加强安全生产工作的通知\n精神，现将有关事项通知如下。\n"
            "临川市人民政府办公室\n2024年6月1日\n")
    doc = _one(text)
    assert doc.doc_number == "临政办发〔2024〕33号"
    assert doc.signed_date == "2024-06-01"
    assert "关于加强安全生产工作的通知" in doc.body


def test_attachment_items_run_on_one_line():
    text = ("临川市人民政府\n临政发〔2024〕9号\n临川市人民政府关于印发临川市2024年计划的通知\n各县（市、区）人民政府：\n"
            "　　现将计划印发给你们。\n　　附件：{}\n临川市人民政府\n2024年2月6日\n")
    for items in ("1.临川市2024年国民经济计划 2.临川市2024年1.5万亩高标准农田建设任务表",
                  "1.临川市2024年国民经济计划；2.临川市2024年1.5万亩高标准农田建设任务表"):
        doc = _one(text.format(items))
        assert doc.attachments == ["临川市2024年国民经济计划", "临川市2024年1.5万亩高标准农田建设任务表"], items


def test_a_doc_type_word_ending_a_title_line_inside_the_title():
    for head in ("临川市人民政府办公室\n关于印发2024年政府工作报告\n", "临川市人民政府办公室关于印发2024年政府工作报告\n"):
        doc = _one(head + "重点工作任务分工的通知\n临政办函〔2024〕8号\n各县（市、区）人民政府，市人民政府各\n委、办、局：\n"
                   "　　现印发给你们。\n临川市人民政府办公室\n2024年3月16日\n")
        assert doc.title == "关于印发2024年政府工作报告重点工作任务分工的通知", head
        assert doc.doc_number == "临政办函〔2024〕8号", head
        assert doc.addressees == ["各县（市、区）人民政府", "市人民政府各委、办、局"], head


def test_imprint_between_rule_lines():
    rule = "—" * 26 + "\n"
    doc = _one(_office_notice(3, "安全生产月") + rule + "抄送：市委办公室，市人大常委会办公室，市政协办公室。\n" + rule
               + "临川市人民政府办公室　　　　2024年3月9日印发\n" + rule)
    assert doc.cc == ["市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert (doc.printed_by, doc.printed_date) == ("临川市人民政府办公室", "2024-03-09")
    assert (doc.signed_date, doc.publication) == ("2024-03-08", "此件公开发布")


def test_the_red_rule_under_the_masthead_is_no_part_of_the_title():
    for rule in ("————————————————", "———————★———————", "________________"):
        doc = _one(f"临川市人民政府文件\n临政发〔2024〕5号\n{rule}\n临川市人民政府关于公布市级重点项目的通知\n"
                   "各县（市、区）人民政府：\n　　现予公布。\n临川市人民政府\n2024年3月5日\n")
        assert (doc.doc_number, doc.issuer, doc.title) == (
            "临政发〔2024〕5号", "临川市人民政府", "关于公布市级重点项目的通知"), rule


def test_joint_issuers_joined_by_a_pause_mark_on_their_own_line():
    doc = _one("中共青禾县委办公室、青禾县人民政府办公室\n关于印发青禾县乡村振兴考核办法的通知\n青办发〔2024〕4号\n"
               "各乡镇党委、人民政府，县直各单位：\n　　现印发给你们。\n中共青禾县委办公室　　青禾县人民政府办公室\n2024年5月6日\n")
    assert doc.issuer == "中共青禾县委办公室、青禾县人民政府办公室"
    assert doc.title == "关于印发青禾县乡村振兴考核办法的通知"
    assert doc.doc_number == "青办发〔2024〕4号"


def test_a_body_ending_with_names_keeps_them_and_the_issuer():
    doc = _one("临川市人民政府\n关于调整市防汛抗旱指挥部成员单位的通知\n临政发〔2024〕12号\n各县（市、区）人民政府：\n"
               "　　经研究，市防汛抗旱指挥部成员单位调整为：\n临川市应急管理局\n临川市水利局\n临川市人民政府\n2024年4月1日\n")
    assert doc.issuer == "临川市人民政府"
    assert doc.body.replace("\n", "") == "经研究，市防汛抗旱指挥部成员单位调整为：临川市应急管理局临川市水利局"


def test_a_space_between_the_issuer_and_guanyu():
    doc = _one("临川市人民政府 关于做好2024年防汛工作的通知\n临政发〔2024〕7号\n各县（市、区）人民政府：\n"
               "　　现通知如下。\n临川市人民政府\n2024年5月1日\n")
    assert (doc.doc_number, doc.issuer, doc.title) == ("临政发〔2024〕7号", "临川市人民政府", "关于做好2024年防汛工作的通知")


def test_letter_spaced_masthead_and_signature():
    doc = _one("临 川 市 人 民 政 府 文 件\n临政发〔2024〕7号\n关于做好2024年防汛工作的通知\n各县（市、区）人民政府：\n"
               "　　现通知如下。\n临 川 市 人 民 政 府\n2024年5月1日\n")
    assert (doc.doc_number, doc.issuer, doc.title) == ("临政发〔2024〕7号", "临川市人民政府", "关于做好2024年防汛工作的通知")
    assert (doc.signed_date, doc.body) == ("2024-05-01", "现通知如下。")


def test_a_section_label_above_the_issuer_is_no_joint_issuer():
    issue = ("临川市人民政府\n关于公布市级重点项目的通知\n临政发〔2024〕5号\n各县（市、区）人民政府：\n　　现予公布。\n"
             "临川市人民政府\n2024年3月1日\n（此件公开发布）\n市政府办公室\n临川市人民政府办公室\n关于做好2024年防汛工作的通知\n"
             "临政办发〔2024〕7号\n各县（市、区）人民政府：\n　　现通知如下。\n临川市人民政府办公室\n2024年5月1日\n")
    docs = extract_text(issue, "issue.txt").documents
    assert [(d.doc_number, d.issuer) for d in docs] == [("临政发〔2024〕5号", "临川市人民政府"),
                                                        ("临政办发〔2024〕7号", "临川市人民政府办公室")]


def test_guanyu_itself_broken_by_the_line_end():
    doc = _one("临川市人民政府国有资产监督管理委员会关\n于加强市属国有企业投资监管的通知\n临国资发〔2024〕3号\n"
               "各市属国有企业：\n　　现通知如下。\n临川市人民政府国有资产监督管理委员会\n2024年1月18日\n")
    assert (doc.doc_number, doc.issuer, doc.title) == (
        "临国资发〔2024〕3号", "临川市人民政府国有资产监督管理委员会", "关于加强市属国有企业投资监管的通知")
    assert doc.addressees == ["各市属国有企业"]


ATTACHED_NOTICE = """临川市人民政府办公室
关于转发《江屿省人民政府办公厅关于做好冬春火灾防控工作的通知》的通知
临政办发〔2024〕61号
各县（市、区）人民政府，市直各单位：
　　现将江屿省人民政府办公厅的通知转发给你们，请认真贯彻落实。
　　附件：江屿省人民政府办公厅关于做好冬春火灾防控工作的通知
临川市人民政府办公室
2024年11月21日
附件
江屿省人民政府办公厅
关于做好冬春火灾防控工作的通知
江政办发〔2024〕44号
各市、县（区）人民政府，省政府各部门：
　　冬春季节是火灾多发期，现就有关工作通知如下。
江屿省人民政府办公厅
2024年11月10日
"""


def test_a_document_attached_under_an_attachment_label_is_part_of_its_parent():
    (doc,) = extract_text(ATTACHED_NOTICE, "doc.txt").documents
    assert doc.doc_number == "临政办发〔2024〕61号"
    assert doc.attachments == ["江屿省人民政府办公厅关于做好冬春火灾防控工作的通知"]
    assert doc.signed_date == "2024-11-21"
