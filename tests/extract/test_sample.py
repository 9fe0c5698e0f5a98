"""Structure of the sample gazette's extraction (spot checks beyond the score)."""


def test_gazette_and_documents(sample_result):
    r = sample_result
    assert r.gazette == {"title": "吕梁市人民政府公报", "issue": "2023·2"}
    assert [d.doc_number for d in r.documents][:3] == ["吕政发〔2023〕1号", "吕政函〔2023〕11号", "吕政函〔2023〕18号"]
    first = r.documents[0]
    assert first.title == "关于做好2023年安全生产工作的通知"
    assert first.addressees == ["各县（市、区）人民政府", "市人民政府各委、办、局"]
    assert first.attachments == ["重点任务分工"]
    assert first.contact.unit == "吕梁市安全生产委员会" and first.contact.phone == "8228066"
    # the box is printed inside the next document; its source says so
    assert first.contact_source.line_start == 2148
    assert first.body.startswith("2023年，全市安全生产工作要以习近平")


def test_every_record_has_a_source(sample_result):
    for name in sample_result.RECORD_TYPES:
        for record in getattr(sample_result, name):
            src = record.source
            assert src is not None and 1 <= src.line_start <= src.line_end <= 6047, (name, record)
            assert src.page is not None and src.page >= 1


def test_table_task_units_and_roles(sample_result):
    tasks = {(t.document, t.key): t for t in sample_result.tasks}
    t = tasks[("吕政发〔2023〕1号", "11.2")]
    assert t.heading == "煤矿"
    assert [(r.unit, r.role) for r in t.responsibilities] == [
        ("市能源局", "lead"), ("其他部门", "cooperate"), ("各县（市、区）政府", "implement")]
    # source span covers the item and its unit cell
    assert t.source.line_start == 1294 and t.source.line_end >= 1304


def test_labelled_list_tasks(sample_result):
    tasks = {(t.document, t.key): t for t in sample_result.tasks}
    t = tasks[("吕政办函〔2023〕8号", "12")]
    assert t.section == "二、重点工作任务 / （一）奋力攻坚千亿产业，锻造高质量发展的坚固基石"
    assert [(r.unit, r.role) for r in t.responsibilities] == [
        ("市工信局", "lead"), ("文水县政府", "cooperate"), ("中阳县政府", "cooperate"), ("岚县政府", "cooperate")]
    t40 = tasks[("吕政办函〔2023〕8号", "40")]
    assert [(d.date, d.share) for d in t40.deadlines] == [
        ("2023-03-31", 0.7), ("2023-06-30", 0.75), ("2023-10-31", 0.85)]
