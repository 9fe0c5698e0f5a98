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
