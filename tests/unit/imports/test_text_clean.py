"""`clean` (the quick form: emphasis pattern only where a ``*`` or ``_`` is, ``str.split`` for
whitespace) gives what the regular expressions gave, for any text."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from balise.imports.text import clean

_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\w)_(?!\s))")
_SPACES = re.compile(r"\s+")


def _by_regular_expressions(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return _SPACES.sub(" ", _EMPHASIS.sub("", text)).strip()


# Every kind of whitespace Python knows (and \x1c-\x1f, \x85, \u2028, \u3000…), emphasis marks, words.
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
texts = st.text(alphabet=st.sampled_from(WHITESPACE + "*_-ab é1\u200b\u00a0\u202f"), max_size=40)


@given(texts)
@example(" **Foo**  bar ")
@example("\x1c_x_\u3000 *y*\u2028z\x85")
def test_clean_is_what_the_regular_expressions_gave(text: str) -> None:
    assert clean(text) == _by_regular_expressions(text)


def test_clean_examples() -> None:
    assert clean(" **Foo**  bar ") == "Foo bar"
    assert clean("un\u00a0mot\tet\n l'autre") == "un mot et l'autre"
