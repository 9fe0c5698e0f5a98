"""Government web pages in the shapes sites other than the ones already
covered print: the 信息公开 metadata as <dl><dt><dd> pairs, as label and value
<div>s without colons (and under the other names catalogues give the fields:
信息名称, 发文单位, 文件编号, 生成日期), as <ul><li> pairs; the article in
zoom / Custom_UnionStyle / TRS_Editor divs; attachments as links; site chrome
(menus, breadcrumbs, 解读 and related links, share and print buttons, footers)
around it. Pages of our own (invented places and departments)."""
from gongbao.extract.pipeline import extract_path
from gongbao.readers import read_document

CHROME = ("首页", "政务公开", "您的位置", "当前位置", "分享", "微信", "打印", "关闭", "解读", "网站标识码", "ICP",
          "主办", "版权所有", "索引号", "相关信息", "浏览次数", "搜索", "无障碍")

DL_PAGE = """<html><head><title>关于进一步加强城市道路挖掘管理的通告</title></head>
<body>
<div id="header"><div class="logo">禾川县人民政府门户网站</div><ul class="menu"><li>首页</li><li>政务公开</li><li>办事服务</li><li>互动交流</li></ul></div>
<div class="position">您的位置：首页 &gt; 信息公开 &gt; 法定主动公开内容 &gt; 通知公告</div>
<div class="xxgk_table">
<dl><dt>索引号：</dt><dd>000014349/2024-00215</dd></dl>
<dl><dt>信息分类：</dt><dd>通知公告</dd></dl>
<dl><dt>发文机关：</dt><dd>禾川县城市管理局</dd></dl>
<dl><dt>文　　号：</dt><dd>禾城管通[2024]3号</dd></dl>
<dl><dt>成文日期：</dt><dd>2024-06-03</dd></dl>
<dl><dt>发布日期：</dt><dd>2024-06-05</dd></dl>
<dl><dt>名　　称：</dt><dd>禾川县城市管理局关于进一步加强城市道路挖掘管理的通告</dd></dl>
</div>
<div class="article-content">
<div class="zoom" id="zoom">
<p align="center"><b>禾川县城市管理局</b></p>
<p align="center"><b>关于进一步加强城市道路挖掘管理的通告</b></p>
<p align="center">禾城管通〔2024〕3号</p>
<p>　　为规范城市道路挖掘行为，保障道路设施完好和通行安全，根据有关法律法规规定，现就有关事项通告如下：</p>
<p>　　一、凡因工程建设需要挖掘城市道路的，建设单位应当提前向县城市管理局申请办理审批手续。</p>
<p>　　二、经批准挖掘城市道路的，应当在施工现场设置明显标志和安全防围设施，并在规定期限内修复路面。</p>
<p>　　三、未经批准擅自挖掘城市道路的，由县城市管理局依法予以查处。</p>
<p>　　四、本通告自发布之日起施行，有效期五年。</p>
<p>　　附件：1.<a href="/files/a1.doc">城市道路挖掘申请表</a></p>
<p>　　　　　2.<a href="/files/a2.pdf">城市道路挖掘修复标准</a></p>
<p style="text-align: right;">禾川县城市管理局&nbsp;&nbsp;&nbsp;&nbsp;</p>
<p style="text-align: right;">2024年6月3日&nbsp;&nbsp;&nbsp;&nbsp;</p>
</div>
</div>
<div class="jd">政策解读：<a href="/jd/2.html">《关于进一步加强城市道路挖掘管理的通告》政策解读</a></div>
<div class="share-box">分享到：<a>微信</a><a>微博</a></div>
<div class="print_close"><a>[打印本页]</a> <a>[关闭窗口]</a></div>
<div id="footer">
<p>版权所有：禾川县人民政府　主办：禾川县人民政府办公室</p>
<p>网站标识码：3607000012　赣ICP备05001234号-1</p>
</div>
</body></html>
"""


def _page(tmp_path, name, html, encoding="gb18030"):
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def _text(read):
    return "\n".join(ln.text for ln in read.lines)


def _record(doc):
    return (doc.doc_number, doc.issuer, doc.title, doc.doc_type, doc.addressees, doc.signed_date,
            doc.publication, doc.attachments)


def test_dl_metadata_zoom_article_and_attachment_links(tmp_path):
    """GBK without any charset declared; the body prints its own head, which
    the metadata (禾城管通[2024]3号) does not override."""
    path = _page(tmp_path, "hechuan.html", DL_PAGE)
    read = read_document(path)
    assert read.meta == {
        "index_no": "000014349/2024-00215", "issuer": "禾川县城市管理局", "doc_number": "禾城管通〔2024〕3号",
        "signed_date": "2024-06-03", "published_date": "2024-06-05",
        "title": "禾川县城市管理局关于进一步加强城市道路挖掘管理的通告",
        "attachments": ["城市道路挖掘申请表", "城市道路挖掘修复标准"],      # the file links
    }
    texts = [ln.text for ln in read.lines]
    assert texts[:3] == ["禾川县城市管理局", "关于进一步加强城市道路挖掘管理的通告", "禾城管通〔2024〕3号"]
    assert texts[-2:] == ["禾川县城市管理局", "2024年6月3日"]
    text = _text(read)
    for chrome in CHROME + ("信息分类", "门户网站", "微博"):
        assert chrome not in text, chrome
    (doc,) = extract_path(path).documents
    assert _record(doc) == ("禾城管通〔2024〕3号", "禾川县城市管理局", "关于进一步加强城市道路挖掘管理的通告", "通告",
                            [], "2024-06-03", None, ["城市道路挖掘申请表", "城市道路挖掘修复标准"])


DIV_PAGE = """<html><head><title>南屿区人民政府关于表彰2023年度安全生产先进单位的通报</title></head>
<body>
<div class="head"><img src="logo.png" alt="南屿区人民政府"><div class="search"><input type="text"><a>搜索</a></div></div>
<div class="breadcrumbs"><a>首页</a> &gt; <a>政府信息公开</a> &gt; <a>区政府文件</a></div>
<div class="info-box">
 <div class="info-row"><div class="info-label">信息名称</div><div class="info-value">南屿区人民政府关于表彰2023年度安全生产先进单位的通报</div></div>
 <div class="info-row"><div class="info-label">发文单位</div><div class="info-value">南屿区人民政府</div>
   <div class="info-label">生成日期</div><div class="info-value">2024-01-22</div></div>
 <div class="info-row"><div class="info-label">文件编号</div><div class="info-value">南政〔2024〕2号</div>
   <div class="info-label">公开日期</div><div class="info-value">2024-01-25</div></div>
 <div class="info-row"><div class="info-label">内容概述</div><div class="info-value">表彰2023年度全区安全生产工作先进单位</div></div>
</div>
<div class="con">
<div class="Custom_UnionStyle">
<p align="center"><span style="font-size:22pt">南屿区人民政府<br>关于表彰2023年度安全生产先进单位的通报</span></p>
<p>各街道办事处、镇人民政府，区政府各部门：</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;2023年，全区各级各部门认真贯彻落实安全生产决策部署，全区安全生产形势持续稳定。为表彰先进，区政府决定对安全生产工作成绩突出的单位予以通报表彰。</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;希望受表彰的单位珍惜荣誉，再接再厉，为全区经济社会高质量发展作出新的更大贡献。</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;附件：南屿区2023年度安全生产先进单位名单</p>
<p style="text-align:right;">南屿区人民政府</p>
<p style="text-align:right;">2024年1月22日</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;（此件公开发布）</p>
<p>附件</p>
<p align="center">南屿区2023年度安全生产先进单位名单</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;区应急管理局、区住房和城乡建设局、东湖街道办事处、青石镇人民政府</p>
</div>
</div>
<div class="fx"><span>打印</span><span>关闭</span></div>
<div class="foot-bar">主办单位：南屿区人民政府办公室　网站标识码：3501000003　闽ICP备12001234号</div>
</body></html>
"""


def test_label_and_value_divs_under_other_catalogue_names(tmp_path):
    """信息名称 / 发文单位 / 生成日期 / 文件编号 with no colon, values in sibling
    divs: the number, printed only there, fills the record's; the head the
    body prints (issuer and title on one <p> split by <br>) stays."""
    path = _page(tmp_path, "nanyu.html", DIV_PAGE, "gbk")
    read = read_document(path)
    assert read.meta == {
        "title": "南屿区人民政府关于表彰2023年度安全生产先进单位的通报", "issuer": "南屿区人民政府",
        "signed_date": "2024-01-22", "doc_number": "南政〔2024〕2号", "published_date": "2024-01-25",
    }
    texts = [ln.text for ln in read.lines]
    assert texts[:4] == ["南屿区人民政府", "关于表彰2023年度安全生产先进单位的通报", "南政〔2024〕2号",
                         "各街道办事处、镇人民政府，区政府各部门："]
    assert texts[-1] == "区应急管理局、区住房和城乡建设局、东湖街道办事处、青石镇人民政府"
    text = _text(read)
    for chrome in CHROME + ("内容概述", "信息名称", "文件编号"):
        assert chrome not in text, chrome
    (doc,) = extract_path(path).documents
    assert _record(doc) == ("南政〔2024〕2号", "南屿区人民政府", "关于表彰2023年度安全生产先进单位的通报", "通报",
                            ["各街道办事处", "镇人民政府", "区政府各部门"], "2024-01-22", "此件公开发布",
                            ["南屿区2023年度安全生产先进单位名单"])


def _ul_page(rows: str, header: str) -> str:
    return """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>临溪市人民政府办公室关于印发临溪市2025年城乡供水保障工作方案的通知_临溪市人民政府</title></head>
<body>
<div class="top-bar"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府文件</div>
<div class="xxgk-info"><ul>
<li><span class="lab">索 引 号：</span><span class="val">11141100LX0000001/2025-00112</span></li>
<li><span class="lab">主题分类：</span><span class="val">城乡建设、环境保护\\水利</span></li>
<li><span class="lab">发布机构：</span><span class="val">临溪市人民政府办公室</span></li>
<li><span class="lab">成文日期：</span><span class="val">2025年04月07日</span></li>
<li><span class="lab">标　　题：</span><span class="val">临溪市人民政府办公室关于印发临溪市2025年城乡供水保障工作方案的通知</span></li>
<li><span class="lab">发文字号：</span><span class="val">临政办发〔2025〕9号</span></li>
<li><span class="lab">发布日期：</span><span class="val">2025年04月10日</span></li>
<li><span class="lab">有 效 性：</span><span class="val">有效</span></li>
</ul></div>
<div class="article">
<h1 class="art-title">临溪市人民政府办公室关于印发临溪市2025年城乡供水保障工作方案的通知</h1>
<div class="art-info">来源：临溪市人民政府办公室　发布时间：2025-04-10 09:30　浏览次数：<span id="hits">1024</span></div>
<div class="TRS_Editor">
<p>各县（市、区）人民政府，市人民政府各委、办、局：</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;《临溪市2025年城乡供水保障工作方案》已经市人民政府同意，现印发给你们，请认真抓好落实。</p>
<p style="text-align:right">临溪市人民政府办公室</p>
<p style="text-align:right">2025年4月7日</p>
<p>　　（此件公开发布）</p>
<p align="center"><strong>临溪市2025年城乡供水保障工作方案</strong></p>
<p>　　为持续提升城乡供水保障水平，确保群众喝上放心水，结合我市实际，制定本方案。</p>
<p>　　一、工作目标</p>
<p>　　到2025年底，农村自来水普及率达到96%以上，规模化供水工程覆盖人口比例达到70%。</p>
<p>　　二、重点任务</p>
<table border="1" cellspacing="0" cellpadding="0" width="100%">
""" + header + rows + """</table>
<p>　　附件：<a href="/u/cms/2025/0410/fj1.xlsx">临溪市城乡供水工程项目清单.xlsx</a></p>
</div>
<div class="jiedu">相关解读：<a href="/jd/1.html">图解：临溪市2025年城乡供水保障工作方案</a></div>
<div class="bottom-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="xgxx"><h3>相关信息</h3><ul><li><a href="/a.html">临溪市召开供水工作推进会议</a></li><li><a href="/b.html">关于做好汛期供水安全工作的紧急通知</a></li></ul></div>
<div class="footer-wrap"><p>主办单位：临溪市人民政府办公室　承办：临溪市大数据中心</p><p>网站标识码：1411000001　晋ICP备12345678号　晋公网安备14110002000123号</p></div>
</body></html>
"""


BR_ROWS = """<tr><td>1</td><td>水源保护</td><td>完成县级以上饮用水水源地规范化建设，6月底前完成排查整治。</td><td>市生态环境局</td><td>市水利局<br>各县（市、区）人民政府</td></tr>
<tr><td>2</td><td>工程建设</td><td>新建改造农村供水工程30处，<br>三季度末开工率达到90%。</td><td>市水利局</td><td>市发展改革委<br>市财政局</td></tr>
<tr><td>3</td><td>水质检测</td><td>每季度对农村集中供水工程开展一次水质抽检。</td><td>市卫生健康委</td><td></td></tr>
"""
BR_HEADER = """<tr><td width="8%">序号</td><td width="16%">任务</td><td width="44%">主要内容</td><td width="16%">牵头单位</td><td width="16%">配合单位</td></tr>
"""


def _tasks(result):
    return [(t.key, t.heading, t.content, [(r.unit, r.role) for r in t.responsibilities],
             [(d.date, d.share) for d in t.deadlines]) for t in result.tasks]


def test_ul_metadata_trs_article_and_units_broken_by_br(tmp_path):
    """A 配合单位 cell whose units stand on lines of their own (<br>) beside a
    one-line 牵头单位 cell; a content cell broken by <br>; an empty cell; the
    attachment link after the table ends the last row."""
    path = _page(tmp_path, "linxi.html", _ul_page(BR_ROWS, BR_HEADER), "gbk")
    read = read_document(path)
    assert read.meta["doc_number"] == "临政办发〔2025〕9号"
    assert read.meta["validity"] == "有效"
    texts = [ln.text for ln in read.lines]
    assert texts[:3] == ["临溪市人民政府办公室关于印发临溪市2025年城乡供水保障工作方案的通知", "临政办发〔2025〕9号",
                         "各县（市、区）人民政府，市人民政府各委、办、局："]
    assert texts[-1] == "附件：临溪市城乡供水工程项目清单.xlsx"
    text = _text(read)
    for chrome in CHROME + ("English", "来源", "有效", "召开", "紧急通知", "图解", "大数据中心"):
        assert chrome not in text, chrome
    result = extract_path(path)
    (doc,) = result.documents
    assert _record(doc) == ("临政办发〔2025〕9号", "临溪市人民政府办公室", "关于印发临溪市2025年城乡供水保障工作方案的通知",
                            "通知", ["各县（市、区）人民政府", "市人民政府各委、办、局"], "2025-04-07", "此件公开发布",
                            ["临溪市城乡供水工程项目清单"])       # the file linked after the table
    assert _tasks(result) == [
        ("1", "水源保护", "完成县级以上饮用水水源地规范化建设，6月底前完成排查整治。",
         [("市生态环境局", "lead"), ("市水利局", "cooperate"), ("各县（市、区）人民政府", "cooperate")],
         [("2025-06-30", None)]),
        ("2", "工程建设", "新建改造农村供水工程30处，三季度末开工率达到90%。",
         [("市水利局", "lead"), ("市发展改革委", "cooperate"), ("市财政局", "cooperate")], [("2025-09-30", None)]),
        ("3", "水质检测", "每季度对农村集中供水工程开展一次水质抽检。", [("市卫生健康委", "lead")], []),
    ]
    assert all(t.document == "临政办发〔2025〕9号" for t in result.tasks)


SPAN_HEADER = """<tr><td width="8%">序号</td><td width="16%">任务</td><td width="44%">主要内容</td><td width="16%">牵头单位</td><td width="16%">配合单位</td><td>完成时限</td></tr>
"""
SPAN_ROWS = """<tr><td>1</td><td>水源保护</td><td>完成县级以上饮用水水源地规范化建设。</td><td rowspan="2">市生态环境局</td><td>市水利局</td><td rowspan="2">2025年6月底前</td></tr>
<tr><td>2</td><td>保护区划定</td><td>完成农村千人以上水源地保护区划定。</td><td>各县（市、区）人民政府</td></tr>
<tr><td>3</td><td>工程建设</td><td>新建改造农村供水工程30处，<br>开工率达到90%。</td><td>市水利局</td><td>市发展改革委<br>市财政局</td><td>2025年9月底前</td></tr>
"""


def test_lead_and_time_cells_spanning_two_tasks(tmp_path):
    """One 牵头单位 and one 完成时限 cell over tasks 1 and 2 (rowspan) are
    both tasks'; a column without a declared width (the header squeezed)
    does not break the header's names."""
    path = _page(tmp_path, "linxi2.html", _ul_page(SPAN_ROWS, SPAN_HEADER), "gbk")
    texts = [ln.text for ln in read_document(path).lines]
    assert "序号 任务 主要内容 牵头单位 配合单位 完成时限" in texts
    assert _tasks(extract_path(path)) == [
        ("1", "水源保护", "完成县级以上饮用水水源地规范化建设。", [("市生态环境局", "lead"), ("市水利局", "cooperate")],
         [("2025-06-30", None)]),
        ("2", "保护区划定", "完成农村千人以上水源地保护区划定。",
         [("市生态环境局", "lead"), ("各县（市、区）人民政府", "cooperate")], [("2025-06-30", None)]),
        ("3", "工程建设", "新建改造农村供水工程30处，开工率达到90%。",
         [("市水利局", "lead"), ("市发展改革委", "cooperate"), ("市财政局", "cooperate")], [("2025-09-30", None)]),
    ]


TABLE_META_PAGE = """<html><head><meta charset="utf-8"><title>石泉市农业农村局关于做好2025年春耕生产工作的通知</title>
<meta name="ArticleTitle" content="石泉市农业农村局关于做好2025年春耕生产工作的通知">
<meta name="PubDate" content="2025-02-20 10:00">
<meta name="ContentSource" content="石泉市农业农村局">
</head>
<body>
<div class="nav"><ul><li>首页</li><li>机构概况</li><li>政务公开</li></ul></div>
<table class="xxgk" width="100%">
<tr><th>索引号</th><td>SQ-NY-2025-0031</td><th>主题分类</th><td>农业、林业、水利</td></tr>
<tr><th>发文机关</th><td>石泉市农业农村局</td><th>成文日期</th><td>2025-02-18</td></tr>
<tr><th>标题</th><td colspan="3">石泉市农业农村局关于做好2025年春耕生产工作的通知</td></tr>
<tr><th>发文字号</th><td>石农发〔2025〕4号</td><th>发布日期</th><td>2025-02-20</td></tr>
</table>
<div class="main-content">
<div class="article-title">石泉市农业农村局关于做好2025年春耕生产工作的通知</div>
<div class="article-meta">发布时间：2025-02-20　来源：石泉市农业农村局　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="article-content">
<p>各县（市、区）农业农村局：</p>
<p>　　当前正值春耕备耕关键时期，为确保全年粮食生产目标任务完成，现就做好春耕生产工作通知如下。</p>
<p>　　一、抓好农资供应。各地要加强种子、化肥、农药等农资储备调运，3月底前完成春耕农资储备。（责任单位：市农业农村局种植业科、市供销社）</p>
<p>　　二、强化技术指导。组织农技人员深入田间地头开展技术服务，4月中旬前完成全覆盖培训。（责任单位：市农业技术推广中心）</p>
<p>　　三、加强农机调度。做好农机具检修和跨区作业调度，确保春耕农机作业需要。（责任单位：市农业机械化服务中心）</p>
<p style="text-align:right">石泉市农业农村局<br>2025年2月18日</p>
</div>
<div class="fujian"><p>附件下载：</p><ul><li><a href="/f/1.docx">1.春耕生产农资储备情况统计表.docx</a></li><li><a href="/f/2.xls">2.春耕生产技术指导人员名单.xls</a></li></ul></div>
<div class="jd-link"><a href="/jd/3.html">【政策解读】一图读懂春耕生产工作通知</a> <a href="/jd/3.pdf">解读全文.pdf</a></div>
<div class="page-tools">【<a>打印本页</a>】【<a>关闭窗口</a>】</div>
</div>
<div class="bottom"><div class="links">相关链接：<a>中国政府网</a><a>省人民政府</a></div><p>网站标识码：SQ00000001　备案号：某ICP备2025000001号</p><p>主办单位：石泉市农业农村局</p><p><a href="/guide.pdf">网站使用指南.pdf</a></p></div>
</body></html>
"""


def test_th_td_metadata_table_and_a_file_download_list(tmp_path):
    """A 4-column <th>/<td> metadata table; the article's own title outside
    the body div; the 附件下载 list of files (not the 解读 PDF next to it, not
    a file in the footer) gives the attachments the body does not print."""
    path = _page(tmp_path, "shiquan.html", TABLE_META_PAGE, "utf-8")
    read = read_document(path)
    assert read.meta["attachments"] == ["春耕生产农资储备情况统计表", "春耕生产技术指导人员名单"]
    texts = [ln.text for ln in read.lines]
    assert texts[:3] == ["石泉市农业农村局关于做好2025年春耕生产工作的通知", "石农发〔2025〕4号", "各县（市、区）农业农村局："]
    assert texts[-2:] == ["石泉市农业农村局", "2025年2月18日"]
    text = _text(read)
    for chrome in CHROME + ("字体", "来源", "附件", "统计表", "相关链接", "中国政府网", "机构概况", "指南"):
        assert chrome not in text, chrome
    result = extract_path(path)
    (doc,) = result.documents
    assert _record(doc) == ("石农发〔2025〕4号", "石泉市农业农村局", "关于做好2025年春耕生产工作的通知", "通知",
                            ["各县（市、区）农业农村局"], "2025-02-18", None,
                            ["春耕生产农资储备情况统计表", "春耕生产技术指导人员名单"])
    assert _tasks(result) == [
        ("1", None, "抓好农资供应。各地要加强种子、化肥、农药等农资储备调运，3月底前完成春耕农资储备。",
         [("市农业农村局种植业科", "implement"), ("市供销社", "implement")], [("2025-03-31", None)]),
        ("2", None, "强化技术指导。组织农技人员深入田间地头开展技术服务，4月中旬前完成全覆盖培训。",
         [("市农业技术推广中心", "implement")], [("2025-04-20", None)]),
        ("3", None, "加强农机调度。做好农机具检修和跨区作业调度，确保春耕农机作业需要。",
         [("市农业机械化服务中心", "implement")], []),
    ]


BYLINE_PAGE = """<html><head><meta charset="gbk"><title>关于公布2024年度县级财政预算执行情况的公告</title></head>
<body>
<div class="wrap">
<div class="content-box">
<h2 class="title">凤台县财政局关于公布2024年度县级财政预算执行情况的公告</h2>
<div class="subtitle"><span>信息来源：凤台县财政局</span><span>发布时间：2025-03-12 16:20:08</span><span>阅读次数：356</span><span>【字体：大 中 小】</span></div>
<div class="content" id="UCAP-CONTENT">
<p style="text-align:center">凤台县财政局</p>
<p style="text-align:center">关于公布2024年度县级财政预算执行情况的公告</p>
<p style="text-align:center">凤财〔2025〕6号</p>
<p style="text-indent:2em">根据《中华人民共和国预算法》有关规定，现将2024年度县级财政预算执行情况予以公告。</p>
<p style="text-indent:2em">一、一般公共预算收入完成情况。全县一般公共预算收入完成12.6亿元，同比增长5.3%。</p>
<p style="text-indent:2em">二、一般公共预算支出完成情况。全县一般公共预算支出完成38.2亿元，同比增长4.1%。</p>
<p style="text-indent:2em">特此公告。</p>
<p style="text-align:right">凤台县财政局</p>
<p style="text-align:right">2025年3月10日</p>
</div>
<div class="editor">责任编辑：李明　审核：王芳</div>
<div class="err"><a>【我要纠错】</a></div>
<div class="prevnext"><p>上一篇：<a>凤台县财政局2025年部门预算公开</a></p><p>下一篇：<a>关于开展会计信息质量检查的通知</a></p></div>
<div class="ewm"><img src="q.png"><p>扫一扫在手机打开当前页</p></div>
</div>
</div>
<div class="foot"><p>凤台县人民政府办公室主办　凤台县财政局承办</p><p>网站标识码：3400000099　皖ICP备00000000号　皖公网安备 34000002000001号</p></div>
</body></html>
"""


def test_page_title_in_the_article_box_and_the_byline_and_credits(tmp_path):
    """The page's <h2> title inside the article box, above the document's own
    head (发文机关 and 标题 on lines of their own), is not a second title; the
    byline (信息来源 / 发布时间 / 阅读次数 / 字体) and credits (责任编辑, 审核,
    我要纠错, 上一篇) are no text."""
    path = _page(tmp_path, "fengtai.html", BYLINE_PAGE, "gbk")
    read = read_document(path)
    assert read.meta == {"published_date": "2025-03-12"}
    texts = [ln.text for ln in read.lines]
    assert texts[:4] == ["凤台县财政局", "关于公布2024年度县级财政预算执行情况的公告", "凤财〔2025〕6号",
                         "根据《中华人民共和国预算法》有关规定，现将2024年度县级财政预算执行情况予以公告。"]
    assert texts[-3:] == ["特此公告。", "凤台县财政局", "2025年3月10日"]
    result = extract_path(path)
    (doc,) = result.documents
    assert _record(doc) == ("凤财〔2025〕6号", "凤台县财政局", "关于公布2024年度县级财政预算执行情况的公告", "公告",
                            [], "2025-03-10", None, [])


ONE_TABLE_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>信息公开</title></head>
<body><table width="900" align="center"><tr><td>
<table width="100%" border="1" class="xxgk">
<tr><td width="15%">索 引 号：</td><td width="35%">113300001/2023-01123</td><td width="15%">发布机构：</td><td width="35%">梅岭市人民政府</td></tr>
<tr><td>文　　号：</td><td>梅政发〔2023〕15号</td><td>成文日期：</td><td>2023年08月21日</td></tr>
<tr><td>标　　题：</td><td colspan="3">梅岭市人民政府关于调整市级行政许可事项的决定</td></tr>
<tr><td colspan="4">
<div style="text-align:center;font-size:22px">梅岭市人民政府关于调整市级行政许可事项的决定</div>
<p>各县（市、区）人民政府，市政府直属各单位：</p>
<p>　　为深化“放管服”改革，经市政府研究，决定取消市级行政许可事项5项，下放市级行政许可事项3项。</p>
<p>　　各有关部门要做好取消和下放事项的衔接落实工作，不得以任何形式变相审批。</p>
<p>　　附件：1.市政府决定取消的行政许可事项目录</p>
<p>　　　　　2.市政府决定下放的行政许可事项目录</p>
<p align="right">梅岭市人民政府</p>
<p align="right">2023年8月21日</p>
<p>　　（此件公开发布）</p>
</td></tr></table>
</td></tr></table>
<table width="900" align="center"><tr><td align="center">主办单位：梅岭市人民政府办公室 网站标识码：3311000001 浙ICP备00000001号</td></tr></table>
</body></html>
"""


def test_document_in_the_metadata_tables_last_row(tmp_path):
    """An old 信息公开 system prints the document in the last row of the
    metadata table: the label rows go, the document stays (it was taken out
    with the table); the footer row of the layout table is no text."""
    path = _page(tmp_path, "meiling.html", ONE_TABLE_PAGE, "gbk")
    read = read_document(path)
    texts = [ln.text for ln in read.lines]
    assert texts[:3] == ["梅岭市人民政府关于调整市级行政许可事项的决定", "梅政发〔2023〕15号", "各县（市、区）人民政府，市政府直属各单位："]
    assert texts[-1] == "（此件公开发布）"
    assert len(texts) == 10
    (doc,) = extract_path(path).documents
    assert _record(doc) == ("梅政发〔2023〕15号", "梅岭市人民政府", "关于调整市级行政许可事项的决定", "决定",
                            ["各县（市、区）人民政府", "市政府直属各单位"], "2023-08-21", "此件公开发布",
                            ["市政府决定取消的行政许可事项目录", "市政府决定下放的行政许可事项目录"])


OFFICE_PUBLISHES_PAGE = """<html><head><meta charset="utf-8"><title>云溪县人民政府关于同意设立云溪县湿地保护区的批复</title></head><body>
<div class="breadcrumb">首页 &gt; 政府文件</div>
<table class="info"><tbody>
<tr><td>发布机构：</td><td>云溪县人民政府办公室</td><td>发文日期：</td><td>2024年11月5日</td></tr>
<tr><td>文号：</td><td>云政复〔2024〕22号</td><td>标题：</td><td>云溪县人民政府关于同意设立云溪县湿地保护区的批复</td></tr>
</tbody></table>
<div id="zoom" class="TRS_Editor">
<p align="center">云溪县人民政府关于同意设立云溪县湿地保护区的批复</p>
<p>县林业局：</p>
<p>　　你局《关于设立云溪县湿地保护区的请示》收悉。经研究，同意设立云溪县湿地保护区，保护区面积约1200公顷。请你局会同相关乡镇做好保护区规划编制和管理工作。</p>
<p style="text-align: right">云溪县人民政府</p>
<p style="text-align: right">2024年11月4日</p>
</div>
<div class="xgwj"><h4>相关文件</h4><a href="/x.pdf">附件：云溪县湿地保护区范围图.pdf</a></div>
</body></html>
"""


def test_the_metadata_fills_but_does_not_override(tmp_path):
    """The office publishes the government's 批复: 发布机构 and 发文日期 differ
    from the 署名 and 成文日期 the document prints, which stay; the number,
    printed only in the table, is taken; a file in the 相关文件 box is not an
    attachment."""
    path = _page(tmp_path, "yunxi.html", OFFICE_PUBLISHES_PAGE, "utf-8")
    read = read_document(path)
    assert read.meta == {"issuer": "云溪县人民政府办公室", "signed_date": "2024-11-05", "doc_number": "云政复〔2024〕22号",
                         "title": "云溪县人民政府关于同意设立云溪县湿地保护区的批复"}
    (doc,) = extract_path(path).documents
    assert _record(doc) == ("云政复〔2024〕22号", "云溪县人民政府", "关于同意设立云溪县湿地保护区的批复", "批复",
                            ["县林业局"], "2024-11-04", None, [])
