"""Information: ISBLANK, ISNUMBER, ISTEXT, ISLOGICAL, ISERROR, ISERR, ISNA, NA."""
from __future__ import annotations

import numpy as np

from ...values import NA
from ..batch import BLANK, BOOL, ERROR, NUMBER, TEXT, V, error, full_kind
from .base import register


def _is(name, test):
    def impl(ctx, v):
        k = full_kind(v)
        return V(test(k, v).astype(float), np.full(k.shape, BOOL, np.int8))
    register(name, zero_grad=True, min_args=1, max_args=1)(impl)


_is("ISBLANK", lambda k, v: k == BLANK)
_is("ISNUMBER", lambda k, v: k == NUMBER)
_is("ISTEXT", lambda k, v: k == TEXT)
_is("ISNONTEXT", lambda k, v: k != TEXT)
_is("ISLOGICAL", lambda k, v: k == BOOL)
_is("ISERROR", lambda k, v: k == ERROR)
_is("ISNA", lambda k, v: (k == ERROR) & np.vectorize(lambda o: o is NA, otypes=[bool])(
    v.obj if v.obj is not None else np.empty(k.shape, object)))
_is("ISERR", lambda k, v: (k == ERROR) & ~np.vectorize(lambda o: o is NA, otypes=[bool])(
    v.obj if v.obj is not None else np.empty(k.shape, object)))


@register("NA", modes=(), zero_grad=True, max_args=0)
def _na(ctx):
    return error(NA)


# --- Excel category and help page of each function defined here ---------------------
from .base import describe  # noqa: E402

_MS = "https://support.microsoft.com/en-us/office/"
_INFORMATION = {
    "ISBLANK": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "ISNUMBER": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "ISTEXT": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "ISNONTEXT": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "ISLOGICAL": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "ISERROR": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "ISERR": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "ISNA": "is-functions-0f2d7971-6019-40a0-a171-f2d869135665",
    "NA": "na-function-5469c2d1-a90c-4fb5-9bbc-64bd9bb6b47c",
}
describe("Information", _INFORMATION, _MS)
