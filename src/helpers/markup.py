"""Text from ``data/`` made safe for the Markdown and HTML the collection writes.

Data text is untrusted: a title, a note or a paraphrase may hold ``<script>``, an
``onerror=`` attribute or a ``[link](javascript:...)``. Two lines of defence:

- at the source, :func:`markdown_text` and :func:`markdown_url` turn a data string into
  Markdown that can only ever be text (no raw HTML, no link, no heading), and a URL into a
  link only if it is ``http``, ``https`` or relative;
- at the end, :func:`clean_html` passes every HTML fragment the site and the slides show
  (rendered Markdown, table outputs) through the ``nh3`` sanitiser: a fixed list of tags and
  attributes, no script or style, no ``on*=`` attribute, links only to ``http``, ``https``
  and relative addresses.

:func:`json_for_script` writes JSON that is safe inside a ``<script type="application/ld+json">``.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import nh3

#: Link schemes allowed anywhere in the output; relative links (no scheme) are allowed too.
URL_SCHEMES = frozenset({"http", "https"})

#: What may survive in a sanitised fragment: text structure, tables, links, images.
TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

# Markdown that could become markup or a link: '<' opening a tag, comment or autolink, the
# brackets of a link, and the backslash that could undo an escape.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")  # what CommonMark reads as the start of markup
_LINK_CHARS = re.compile(r"([\\\[\]])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# A value at the start of a line must not open a block: heading, quote, list, rule.
_BLOCK_MARK = re.compile(r"^(\s*)([#>+\-*=_~`]|\d+(?=[.)]))")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>", re.IGNORECASE)


def markdown_text(value: object, *, autolinks: bool = False) -> str:
    """``value`` as Markdown that renders as the same text and can never be HTML or a link.

    Line breaks become spaces (so a value cannot start a heading, a list or a link
    definition), ``\\``, ``[`` and ``]`` are backslash-escaped, and so is a ``<`` that could open
    a tag or an autolink. Ordinary text (letters, digits, punctuation, ``->``) is returned
    unchanged. For a value at the start of a line use :func:`markdown_block`. With
    ``autolinks=True``, ``<https://...>`` autolinks to safe ``http``/``https`` addresses are kept
    as links (everything else is still escaped).
    """
    text = _LINE_BREAKS.sub(" ", str(value))
    if autolinks:
        pieces = _AUTOLINK.split(text)  # text, url, text, url, ..., text
        return "".join(
            f"<{piece}>" if odd and safe_url(piece) else markdown_text(f"<{piece}>" if odd else piece)
            for odd, piece in ((i % 2 == 1, p) for i, p in enumerate(pieces))
        )
    text = _LINK_CHARS.sub(r"\\\1", text)
    return _TAG_START.sub(r"\\<", text)


def markdown_block(value: object) -> str:
    """Like :func:`markdown_text`, for a value that starts a line: a mark that would open a block
    there (``#`` heading, ``>`` quote, ``-`` or ``1.`` list, ...) is escaped too."""
    text = markdown_text(value)
    match = _BLOCK_MARK.match(text)
    if match is None:
        return text
    if match.group(2).isdigit():  # "1." or "1)" would start a numbered list: escape the dot
        return text[: match.end()] + "\\" + text[match.end() :]
    return text[: match.start(2)] + "\\" + text[match.start(2) :]


def safe_url(url: object) -> str | None:
    """``url`` if it is an ``http``/``https`` address (or a relative one) that can be written
    as a Markdown autolink, else None."""
    text = str(url).strip()
    if not text or any(c in text for c in "<>\"'`\\") or any(c.isspace() or ord(c) < 32 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme:
        return text if parts.scheme.lower() in URL_SCHEMES and parts.netloc else None
    return None if ":" in text.split("/", 1)[0] else text


def markdown_url(url: object) -> str:
    """A Markdown autolink ``<url>`` for a safe absolute address; otherwise the address as plain
    text (escaped), so that a ``javascript:`` or ``data:`` value is shown and never followed."""
    safe = safe_url(url)
    if safe is not None and urlsplit(safe).scheme:
        return f"<{safe}>"
    return markdown_text(url)


def clean_html(fragment: str) -> str:
    """``fragment`` with everything but the allowed tags, attributes and link schemes removed."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def json_for_script(value: object) -> str:
    """``value`` as JSON that cannot close or confuse the ``<script>`` element it is written in."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
