"""Grid.write when the result is a view of the grid it is stored in (a formula such as =B5
returns a view of the sheet): the value lands, and the store does not hand numpy an
operand that overlaps the whole sheet (numpy's put then copies the sheet on every
one-cell write, which made big graddesc gradients grow faster than their cells, issue 14).
And RefV reads, whose place in the grid is worked out once."""
import numpy as np

from sheetsolver.engine.batch import BLANK, ERROR, NUMBER, TEXT, V
from sheetsolver.engine.grid import Grid, RefV, _unshared
from sheetsolver.values import VALUE


def _grid():
    g = Grid("s", 6, 4)
    g.num[1:7, 1:5] = np.arange(24, dtype=float).reshape(6, 4)   # row r, col c: 4(r-1) + c-1
    g.kind[1:7, 1:5] = NUMBER
    return g


def test_view_of_the_grid_is_copied_before_storing():
    a = np.zeros((100, 10))
    view = a[3:4, 2:3][None]
    x = _unshared(a, view)
    assert not np.shares_memory(x, a)
    assert x.shape == view.shape


def test_unrelated_arrays_are_stored_as_they_are():
    a = np.zeros((100, 10))
    own = np.ones((1, 1, 1))
    other_view = np.ones((5, 5))[1:2, 1:2][None]
    assert _unshared(a, own) is own
    assert _unshared(a, other_view) is other_view
    assert _unshared(a, None) is None


def test_one_cell_write_of_a_view_by_put():
    # =B1 written into D6 (rows and columns 1-based): the value read, 1.0
    g = _grid()
    width = g.num.shape[1]
    flat = np.array([[[6 * width + 4]]])
    g.write(flat, V(g.num[1:2, 2:3][None]))
    assert g.get(6, 4) == 1.0          # hand: B1 holds arange(24).reshape(6, 4)[0, 1]
    assert g.get(1, 2) == 1.0          # the source is unchanged


def test_block_write_of_an_overlapping_view():
    # rows 2..3 of column A moved down one row (a view that overlaps the target)
    g = _grid()
    block = (slice(3, 5), slice(1, 2))
    g.write(None, V(g.num[2:4, 1:2][None]), block)
    assert [g.get(r, 1) for r in range(2, 6)] == [4.0, 4.0, 8.0, 16.0]   # A: 0,4,8,12,16,20


def test_a_reference_reads_what_was_written_after_its_first_read():
    # the reference's place in the grid is worked out once; its values are read each time
    g = _grid()
    ref = RefV(g, 2, 3, 1, 2)              # C2:D2 = 6, 7 (hand: 4*1 + 2, 4*1 + 3)
    assert ref.values().num.tolist() == [[[6.0, 7.0]]]
    g.set(2, 4, 60.0)
    g.set(2, 3, "x")
    v = ref.values()
    assert v.num.tolist()[0][0][1] == 60.0
    assert v.kind.tolist() == [[[TEXT, NUMBER]]] and v.obj[0, 0, 0] == "x"


def test_references_before_row_one_and_past_the_used_range():
    g = _grid()
    bad = RefV(g, 0, 1, 1, 1).values()          # a row above row 1: #VALUE!
    assert bad.kind.tolist() == [[[ERROR]]] and bad.obj[0, 0, 0] is VALUE
    far = RefV(g, 5, 3, 4, 1).values()          # C5:C8 on a 6 x 4 sheet: 18, 22, blank, blank
    assert far.num.tolist() == [[[18.0], [22.0], [0.0], [0.0]]]
    assert far.kind.tolist() == [[[NUMBER], [NUMBER], [BLANK], [BLANK]]]
