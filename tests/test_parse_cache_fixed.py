"""parse_cache: a text with no relative reference is keyed once for every host cell;
one with any relative part still moves with its host. Expected trees are the parser's
own parse of the text (what the cache must reproduce), never the cache's."""
import pytest

from sheetsolver.formula.parse_cache import parse_at
from sheetsolver.formula.parser import parse

HOSTS = [(2, 2), (40, 3), (7, 30), (1, 1)]


@pytest.mark.parametrize("text", [
    "data!$A$2",                         # graddesc: copied as written 140 times
    "SUM($A$1:$B$2)*2",
    "SUM($C:$D)+SUM($3:$4)",
    "A1+$B$2",                           # relative: must not be taken as fixed
    "$A1+B$1",                           # mixed: half relative
    "SUM($A$1:B2)",                      # one relative corner
    "SUM(C:$D)",
])
def test_same_text_at_many_hosts_parses_as_written(text):
    for r, c in HOSTS:
        assert parse_at("=" + text, r, c).tree == parse(text).tree
