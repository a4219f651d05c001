"""read: decoding, page splitting, line re-joining, and clear errors."""
import pytest

from graph.errors import ZhkgError
from graph.read import join_broken_lines, read_file, read_paths, split_page

PAGE = """
长江银行加大信贷投放

三季度新增贷款超百亿元

□本报记者 陈明

本报讯，长江银行近日宣布，将向辖区内的制造业企业
新增贷款。该行行长介绍，相关工作已经启动。

某某新区：

企业复工率超九成

□本报记者 刘芳 王强

截至3月1日，新区内的企业已全部复工，
园区管委会表示将继续做好服务。
"""


def test_page_splits_into_articles_at_bylines():
    docs = split_page(PAGE, source="page.txt")
    assert [d.title for d in docs] == ["长江银行加大信贷投放", "某某新区：企业复工率超九成"]
    assert docs[0].subtitles == ("三季度新增贷款超百亿元",)
    assert docs[0].authors == ("陈明",)
    assert docs[1].authors == ("刘芳", "王强")
    assert [d.id for d in docs] == ["page-1", "page-2"]


def test_a_byline_with_a_correspondent_names_two_people():
    docs = split_page("□本报记者 胡晓蕾 通讯员 陈波\n\n某某公司近日投产。", source="page.txt")
    assert docs[0].authors == ("胡晓蕾", "陈波")


def test_lines_broken_mid_sentence_are_joined():
    body = split_page(PAGE, source="page.txt")[0].text
    assert "制造业企业新增贷款。" in body
    assert "该行行长介绍" in body
    comma_break = split_page(PAGE, source="page.txt")[1].text
    assert "已全部复工，园区管委会表示" in comma_break


def test_headline_and_body_lines_stay_apart():
    doc = split_page(PAGE, source="page.txt")[0]
    assert doc.text.splitlines()[0] == "长江银行加大信贷投放"


def test_file_without_byline_is_one_article_with_title():
    docs = split_page("某某公司发布年报\n公司全年营收增长两成。\n净利润同比增长。", source="a.txt")
    assert len(docs) == 1 and docs[0].title == "某某公司发布年报"
    assert docs[0].authors == ()


def test_date_line_sets_document_date():
    docs = split_page("2021年3月5日\n某某公司发布年报\n公司全年营收增长两成。", source="a.txt")
    assert docs[0].date == "2021-03-05"
    assert "2021年3月5日" not in docs[0].text


def test_gb18030_file_is_decoded(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("浙江某某纺织股份有限公司位于绍兴市。".encode("gb18030"))
    assert read_file(f)[0].text == "浙江某某纺织股份有限公司位于绍兴市。"


def test_utf8_with_bom_is_decoded(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeff某某银行向企业发放贷款。".encode("utf-8"))
    assert read_file(f)[0].text == "某某银行向企业发放贷款。"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02PNG\x00" * 50, "binary"),
])
def test_bad_files_give_one_clear_error(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ZhkgError, match=message) as err:
        read_file(f)
    assert str(f) in str(err.value) and "\n" not in str(err.value)


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(ZhkgError, match="no such file"):
        list(read_paths([tmp_path / "nope.txt"]))


def test_folder_is_read_recursively_in_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("乙公司位于杭州市。", encoding="utf-8")
    (tmp_path / "1.txt").write_text("甲公司位于南京市。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.source.split("/")[-1] for d in read_paths([tmp_path])] == ["1.txt", "2.txt"]


def test_same_file_name_in_two_folders_gives_two_documents(tmp_path):
    for year in ("2020", "2021"):
        (tmp_path / "news" / year).mkdir(parents=True)
        (tmp_path / "news" / year / "page1.txt").write_text(f"某某银行{year}年向企业发放贷款。", encoding="utf-8")
    docs = list(read_paths([tmp_path / "news"]))
    assert [d.id for d in docs] == ["2020/page1-1", "2021/page1-1"]
    # a file named directly keeps its plain name
    assert [d.id for d in read_paths([tmp_path / "news" / "2021" / "page1.txt"])] == ["page1-1"]


def test_a_document_id_given_twice_is_skipped_and_reported(tmp_path):
    f = tmp_path / "dump.jsonl"
    f.write_text('{"id": "n1", "text": "甲公司生产口罩。"}\n{"id": "n1", "text": "乙公司生产手套。"}\n', encoding="utf-8")
    skipped = []
    docs = list(read_paths([f], on_skip=skipped.append))
    assert [d.text for d in docs] == ["甲公司生产口罩。"]
    assert skipped == [f"{f}: document id 'n1' given twice (the later one is skipped)"]
    with pytest.raises(ZhkgError, match="given twice"):
        list(read_paths([f]))


def test_a_numbered_item_opens_a_paragraph_of_its_own():
    lines = ["为支持小微企业发展，现将有关事项通知如下：", "一、某某公司将减免租金。", "（二）承租人可提交申请。", "3. 特此通告。"]
    assert join_broken_lines(lines) == lines


INDENTED_PAGE = """钢企获贷扩产
□本报记者　周立
　　本报讯　园区内的河北冀康医疗器械有限公司是华北精
密集团旗下企业，主营医用敷料。
　　华北精密集团总经理说，今年产能将翻番。
"""


def test_an_unindented_line_continues_the_indented_paragraph_it_breaks():
    # "华北精" is short and unpunctuated, like a headline, but the page indents
    # its paragraphs and the next line is not indented: it is the same sentence.
    [doc] = split_page(INDENTED_PAGE, source="page.txt")
    assert doc.title == "钢企获贷扩产"
    assert "华北精密集团旗下企业" in doc.text
    assert doc.text.count("\n") == 2  # title, two paragraphs


def test_an_indented_line_after_a_mid_word_break_stays_a_paragraph():
    [doc] = split_page(INDENTED_PAGE.replace("\n密集团", "\n　　密集团"), source="page.txt")
    assert "华北精\n密集团" in doc.text
