"""The view kit (view.py): every value is escaped unless it is Markup built by the kit; links start from a root."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handreiking_tools.view import Markup, escape, figure_list, h, join, page_url, reason_list, source_link, text_blocks


@given(st.text())
def test_any_text_comes_out_as_text(text: str) -> None:
    out = h("<p>{}</p>", text)
    assert "<" not in out[3:-4] and ">" not in out[3:-4] and '"' not in out[3:-4]
    assert out[3:-4].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&") == text


def test_markup_is_kept_and_plain_text_escaped() -> None:
    inner = h("<em>{}</em>", "a & b")
    assert h("<p>{}{x}</p>", inner, x="<b>") == "<p><em>a &amp; b</em>&lt;b&gt;</p>"
    assert join(["<i>", Markup("<i>")]) == "&lt;i&gt;<i>"
    assert escape(None) == "" and isinstance(escape("x"), Markup)


def test_a_reason_links_its_page_from_the_root_and_lists_its_code() -> None:
    reasons = [{"code": "a", "message": "Eerste <reden>.", "source": "Handreiking, stap 2Ac", "page": "stappen/stap-2a/#2ac"},
               {"code": "b", "message": "Tweede.", "source": "Eigen schatting", "page": ""}]
    part = reason_list(reasons, "Waarom", "../../", "reasons")
    assert '<ul class="hr-reasons" data-list="reasons"><li data-code="a">Eerste &lt;reden&gt;.' in part.html
    assert '<a href="../../stappen/stap-2a/#2ac">Handreiking, stap 2Ac</a>' in part.html
    assert "(Bron: Eigen schatting)" in part.html and part.html.count("<a ") == 1
    assert part.text == "Waarom:\n- Eerste <reden>. (Bron: Handreiking, stap 2Ac)\n- Tweede. (Bron: Eigen schatting)"
    assert reason_list([], "Waarom", "../../", "reasons").html == ""
    assert page_url("bijlagen/", "https://example.test/") == "https://example.test/bijlagen/"
    assert source_link({"source": "<x>"}, "../../") == "&lt;x&gt;"


def test_figures_and_text_blocks() -> None:
    assert figure_list([("Doel", "target_jobs", "20 banen")]) == (
        '<dl class="hr-figures"><div><dt>Doel</dt><dd data-key="target_jobs">20 banen</dd></div></dl>')
    assert text_blocks("a", "", "b") == "a\n\nb"
