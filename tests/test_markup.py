"""helpers.markup: data text in Markdown stays text; only http/https/relative links survive."""

import mistune
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from helpers.markup import clean_html, json_for_script, markdown_block, markdown_text, markdown_url, safe_url

RENDER = mistune.create_markdown(escape=False)  # the most permissive reading: raw HTML allowed
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)\n\n[x]",
    "\\[x](javascript:alert(1))",
    "<!-- c --><svg onload=alert(1)>",
    "# heading\n- list",
    "`<b>`",
]


def tags_of(markdown: str) -> set[str]:
    return {t.name for t in BeautifulSoup(RENDER(markdown), features="html.parser").find_all(True)}


@given(
    st.one_of(
        st.sampled_from(PAYLOADS), st.text(alphabet=st.sampled_from(list("<>[]()\\/!?:#*_`&;= \nabcjs")), max_size=40)
    )
)
def test_data_text_renders_as_text_only(value):
    inline = tags_of(f"- **ID**: {markdown_text(value)}")
    assert inline <= {"ul", "li", "p", "em", "strong", "code"}, (value, inline)
    block = tags_of(markdown_block(value))
    assert block <= {"p", "em", "strong", "code"}, (value, block)


def test_ordinary_text_is_unchanged():
    for text in ["RUS<-BRN 2003", "TJK->CHN", "3 < 4 & 5 > 2", "Mt (2021: 34.9)", "a_b *c*"]:
        assert markdown_text(text) == text


def test_autolinks_are_kept_only_for_http_and_https():
    text = markdown_text("see <https://ok.org/a?b=1&c=2> and <javascript:alert(1)>", autolinks=True)
    soup = BeautifulSoup(RENDER(text), features="html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["https://ok.org/a?b=1&c=2"]


def test_urls():
    assert safe_url("https://a.org/x") == "https://a.org/x" and safe_url("page.html#a") == "page.html#a"
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        "data:text/html,x",
        "vbscript:x",
        "http:/x",
        "https://a.org/<x>",
        'https://a.org/"x',
        "java\nscript:x",
        "",
    ]:
        assert safe_url(bad) is None, bad
        assert "<a" not in RENDER(markdown_url(bad))
    assert markdown_url("https://a.org/x") == "<https://a.org/x>"


def test_clean_html_keeps_tables_and_links_and_drops_script():
    out = clean_html(
        '<table class="dataframe"><tr><th scope="col">a</th><td onclick="x()">1</td></tr></table>'
        '<script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">j</a>'
        '<a href="#k" id="k">k</a><a href="https://a.org">a</a><style>p{}</style><svg onload="x()"></svg>'
    )
    soup = BeautifulSoup(out, features="html.parser")
    assert not soup.find_all(["script", "style", "svg"])
    assert not [a for t in soup.find_all(True) for a in t.attrs if a.startswith("on")]
    assert [a.get("href") for a in soup.find_all("a")] == [None, "#k", "https://a.org"]
    assert soup.find("th")["scope"] == "col" and soup.find("table")["class"] == ["dataframe"]


@given(st.text(max_size=30))
def test_json_for_script_cannot_close_its_element(value):
    text = json_for_script({"v": value, "w": "</script><!--"})
    assert "<" not in text and ">" not in text and "&" not in text
