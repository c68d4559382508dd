"""What the Statistical modules (statistical.py, distributions.py, stat_*.py) share:
Excel's help page and category of each function, a registering decorator that fills
them in, and the #NUM! domain check."""
from __future__ import annotations

from functools import partial

from .lift import excel

_BASE = "https://support.microsoft.com/en-us/office/"

_FORECAST = "forecast-and-forecast-linear-functions-50ca49c9-7b40-4892-94e4-7ad38bbeda99"
_SLUGS = {
    "AVEDEV": "avedev-function-58fe8d65-2a84-4dc7-8052-f3f87b5c6639",
    "AVERAGEA": "averagea-function-f5f84098-d453-4f4c-bbba-3d2c66356091",
    "BETA.DIST": "beta-dist-function-11188c9c-780a-42c7-ba43-9ecb5a878d31",
    "BETA.INV": "beta-inv-function-e84cb8aa-8df0-4cf6-9892-83a341d252eb",
    "BETADIST": "betadist-function-49f1b9a9-a5da-470f-8077-5f1730b5fd47",
    "BETAINV": "betainv-function-8b914ade-b902-43c1-ac9c-c05c54f10d6c",
    "BINOM.DIST": "binom-dist-function-c5ae37b6-f39c-4be2-94c2-509a1480770c",
    "BINOM.DIST.RANGE": "binom-dist-range-function-17331329-74c7-4053-bb4c-6653a7421595",
    "BINOM.INV": "binom-inv-function-80a0370c-ada6-49b4-83e7-05a91ba77ac9",
    "BINOMDIST": "binomdist-function-506a663e-c4ca-428d-b9a8-05583d68789c",
    "CRITBINOM": "critbinom-function-eb6b871d-796b-4d21-b69b-e4350d5f407b",
    "CHISQ.DIST": "chisq-dist-function-8486b05e-5c05-4942-a9ea-f6b341518732",
    "CHISQ.DIST.RT": "chisq-dist-rt-function-dc4832e8-ed2b-49ae-8d7c-b28d5804c0f2",
    "CHISQ.INV": "chisq-inv-function-400db556-62b3-472d-80b3-254723e7092f",
    "CHISQ.INV.RT": "chisq-inv-rt-function-435b5ed8-98d5-4da6-823f-293e2cbc94fe",
    "CHISQ.TEST": "chisq-test-function-2e8a7861-b14a-4985-aa93-fb88de3f260f",
    "CHIDIST": "chidist-function-c90d0fbc-5b56-4f5f-ab57-34af1bf6897e",
    "CHIINV": "chiinv-function-cfbea3f6-6e4f-40c9-a87f-20472e0512af",
    "CHITEST": "chitest-function-981ff871-b694-4134-848e-38ec704577ac",
    "CONFIDENCE": "confidence-function-75ccc007-f77c-4343-bc14-673642091ad6",
    "CONFIDENCE.NORM": "confidence-norm-function-7cec58a6-85bb-488d-91c3-63828d4fbfd4",
    "CONFIDENCE.T": "confidence-t-function-e8eca395-6c3a-4ba9-9003-79ccc61d3c53",
    "CORREL": "correl-function-995dcef7-0c0a-4bed-a3fb-239d7b68ca92",
    "COVAR": "covar-function-50479552-2c03-4daf-bd71-a5ab88b2db03",
    "COVARIANCE.P": "covariance-p-function-6f0e1e6d-956d-4e4b-9943-cfef0bf9edfc",
    "COVARIANCE.S": "covariance-s-function-0a539b74-7371-42aa-a18f-1f5320314977",
    "DEVSQ": "devsq-function-8b739616-8376-4df5-8bd0-cfe0a6caf444",
    "EXPON.DIST": "expon-dist-function-4c12ae24-e563-4155-bf3e-8b78b6ae140e",
    "EXPONDIST": "expondist-function-68ab45fd-cd6d-4887-9770-9357eb8ee06a",
    "F.DIST": "f-dist-function-a887efdc-7c8e-46cb-a74a-f884cd29b25d",
    "F.DIST.RT": "f-dist-rt-function-d74cbb00-6017-4ac9-b7d7-6049badc0520",
    "F.INV": "f-inv-function-0dda0cf9-4ea0-42fd-8c3c-417a1ff30dbe",
    "F.INV.RT": "f-inv-rt-function-d371aa8f-b0b1-40ef-9cc2-496f0693ac00",
    "F.TEST": "f-test-function-100a59e7-4108-46f8-8443-78ffacb6c0a7",
    "FDIST": "fdist-function-ecf76fba-b3f1-4e7d-a57e-6a5b7460b786",
    "FINV": "finv-function-4d46c97c-c368-4852-bc15-41e8e31140b1",
    "FTEST": "ftest-function-4c9e1202-53fe-428c-a737-976f6fc3f9fd",
    "FISHER": "fisher-function-d656523c-5076-4f95-b87b-7741bf236c69",
    "FISHERINV": "fisherinv-function-62504b39-415a-4284-a285-19c8e82f86bb",
    "FORECAST": _FORECAST,
    "FORECAST.LINEAR": _FORECAST,
    "FREQUENCY": "frequency-function-44e3be2b-eca0-42cd-a3f7-fd9ea898fdb9",
    "GAMMA": "gamma-function-ce1702b1-cf55-471d-8307-f83be0fc5297",
    "GAMMA.DIST": "gamma-dist-function-9b6f1538-d11c-4d5f-8966-21f6a2201def",
    "GAMMA.INV": "gamma-inv-function-74991443-c2b0-4be5-aaab-1aa4d71fbb18",
    "GAMMADIST": "gammadist-function-7327c94d-0f05-4511-83df-1dd7ed23e19e",
    "GAMMAINV": "gammainv-function-06393558-37ab-47d0-aa63-432f99e7916d",
    "GAMMALN": "gammaln-function-b838c48b-c65f-484f-9e1d-141c55470eb9",
    "GAMMALN.PRECISE": "gammaln-precise-function-5cdfe601-4e1e-4189-9d74-241ef1caa599",
    "GAUSS": "gauss-function-069f1b4e-7dee-4d6a-a71f-4b69044a6b33",
    "GEOMEAN": "geomean-function-db1ac48d-25a5-40a0-ab83-0b38980e40d5",
    "GROWTH": "growth-function-541a91dc-3d5e-437d-b156-21324e68b80d",
    "HARMEAN": "harmean-function-5efd9184-fab5-42f9-b1d3-57883a1d3bc6",
    "HYPGEOM.DIST": "hypgeom-dist-function-6dbd547f-1d12-4b1f-8ae5-b0d9e3d22fbf",
    "HYPGEOMDIST": "hypgeomdist-function-23e37961-2871-4195-9629-d0b2c108a12e",
    "INTERCEPT": "intercept-function-2a9b74e2-9d47-4772-b663-3bca70bf63ef",
    "KURT": "kurt-function-bc3a265c-5da4-4dcb-b7fd-c237789095ab",
    "LINEST": "linest-function-84d7d0d9-6e50-4101-977a-fa7abf772b6d",
    "LOGEST": "logest-function-f27462d8-3657-4030-866b-a272c1d18b4b",
    "LOGNORM.DIST": "lognorm-dist-function-eb60d00b-48a9-4217-be2b-6074aee6b070",
    "LOGNORM.INV": "lognorm-inv-function-fe79751a-f1f2-4af8-a0a1-e151b2d4f600",
    "LOGNORMDIST": "lognormdist-function-f8d194cb-9ee3-4034-8c75-1bdb3884100b",
    "LOGINV": "loginv-function-0bd7631a-2725-482b-afb4-de23df77acfe",
    "MAXA": "maxa-function-814bda1e-3840-4bff-9365-2f59ac2ee62d",
    "MAXIFS": "maxifs-function-dfd611e6-da2c-488a-919b-9b6376b28883",
    "MINA": "mina-function-245a6f46-7ca5-4dc7-ab49-805341bc31d3",
    "MINIFS": "minifs-function-6ca1ddaa-079b-4e74-80cc-72eef32e6599",
    "MODE": "mode-function-e45192ce-9122-4980-82ed-4bdc34973120",
    "MODE.MULT": "mode-mult-function-50fd9464-b2ba-4191-b57a-39446689ae8c",
    "MODE.SNGL": "mode-sngl-function-f1267c16-66c6-4386-959f-8fba5f8bb7f8",
    "NEGBINOM.DIST": "negbinom-dist-function-c8239f89-c2d0-45bd-b6af-172e570f8599",
    "NEGBINOMDIST": "negbinomdist-function-f59b0a37-bae2-408d-b115-a315609ba714",
    "NORM.DIST": "norm-dist-function-edb1cc14-a21c-4e53-839d-8082074c9f8d",
    "NORM.INV": "norm-inv-function-54b30935-fee7-493c-bedb-2278a9db7e13",
    "NORM.S.DIST": "norm-s-dist-function-1e787282-3832-4520-a9ae-bd2a8d99ba88",
    "NORM.S.INV": "norm-s-inv-function-d6d556b4-ab7f-49cd-b526-5a20918452b1",
    "NORMDIST": "normdist-function-126db625-c53e-4591-9a22-c9ff422d6d58",
    "NORMINV": "norminv-function-87981ab8-2de0-4cb0-b1aa-e21d4cb879b8",
    "NORMSDIST": "normsdist-function-463369ea-0345-445d-802a-4ff0d6ce7cac",
    "NORMSINV": "normsinv-function-8d1bce66-8e4d-4f3b-967c-30eed61f019d",
    "PEARSON": "pearson-function-0c3e30fc-e5af-49c4-808a-3ef66e034c18",
    "PERCENTILE": "percentile-function-91b43a53-543c-4708-93de-d626debdddca",
    "PERCENTILE.EXC": "percentile-exc-function-bbaa7204-e9e1-4010-85bf-c31dc5dce4ba",
    "PERCENTILE.INC": "percentile-inc-function-680f9539-45eb-410b-9a5e-c1355e5fe2ed",
    "PERCENTRANK": "percentrank-function-f1b5836c-9619-4847-9fc9-080ec9024442",
    "PERCENTRANK.EXC": "percentrank-exc-function-d8afee96-b7e2-4a2f-8c01-8fcdedaa6314",
    "PERCENTRANK.INC": "percentrank-inc-function-149592c9-00c0-49ba-86c1-c1f45b80463a",
    "PERMUT": "permut-function-3bd1cb9a-2880-41ab-a197-f246a7a602d3",
    "PERMUTATIONA": "permutationa-function-6c7d7fdc-d657-44e6-aa19-2857b25cae4e",
    "PHI": "phi-function-23e49bc6-a8e8-402d-98d3-9ded87f6295c",
    "POISSON": "poisson-function-d81f7294-9d7c-4f75-bc23-80aa8624173a",
    "POISSON.DIST": "poisson-dist-function-8fe148ff-39a2-46cb-abf3-7772695d9636",
    "PROB": "prob-function-9ac30561-c81c-4259-8253-34f0a238fc49",
    "QUARTILE": "quartile-function-93cf8f62-60cd-4fdb-8a92-8451041e1a2a",
    "QUARTILE.EXC": "quartile-exc-function-5a355b7a-840b-4a01-b0f1-f538c2864cad",
    "QUARTILE.INC": "quartile-inc-function-1bbacc80-5075-42f1-aed6-47d735c4819d",
    "RANK": "rank-function-6a2fc49d-1831-4a03-9d8c-c279cf99f723",
    "RANK.AVG": "rank-avg-function-bd406a6f-eb38-4d73-aa8e-6d1c3c72e83a",
    "RANK.EQ": "rank-eq-function-284858ce-8ef6-450e-b662-26245be04a40",
    "RSQ": "rsq-function-d7161715-250d-4a01-b80d-a8364f2be08f",
    "SKEW": "skew-function-bdf49d86-b1ef-4804-a046-28eaea69c9fa",
    "SKEW.P": "skew-p-function-76530a5c-99b9-48a1-8392-26632d542fcb",
    "SLOPE": "slope-function-11fb8f97-3117-4813-98aa-61d7e01276b9",
    "STANDARDIZE": "standardize-function-81d66554-2d54-40ec-ba83-6437108ee775",
    "STDEVA": "stdeva-function-5ff38888-7ea5-48de-9a6d-11ed73b29e9d",
    "STDEVP": "stdevp-function-1f7c1c88-1bec-4422-8242-e9f7dc8bb195",
    "STDEVPA": "stdevpa-function-5578d4d6-455a-4308-9991-d405afe2c28c",
    "STEYX": "steyx-function-6ce74b2c-449d-4a6e-b9ac-f9cef5ba48ab",
    "T.DIST": "t-dist-function-4329459f-ae91-48c2-bba8-1ead1c6c21b2",
    "T.DIST.2T": "t-dist-2t-function-198e9340-e360-4230-bd21-f52f22ff5c28",
    "T.DIST.RT": "t-dist-rt-function-20a30020-86f9-4b35-af1f-7ef6ae683eda",
    "T.INV": "t-inv-function-2908272b-4e61-4942-9df9-a25fec9b0e2e",
    "T.INV.2T": "t-inv-2t-function-ce72ea19-ec6c-4be7-bed2-b9baf2264f17",
    "T.TEST": "t-test-function-d4e08ec3-c545-485f-962e-276f7cbed055",
    "TDIST": "tdist-function-630a7695-4021-4853-9468-4a1f9dcdd192",
    "TINV": "tinv-function-a7c85b9d-90f5-41fe-9ca5-1cd2f3e1ed7c",
    "TTEST": "ttest-function-1696ffc1-4811-40fd-9d13-a0eaad83c7ae",
    "TREND": "trend-function-e2f135f0-8827-4096-9873-9a7cf7b51ef1",
    "TRIMMEAN": "trimmean-function-d90c9878-a119-4746-88fa-63d988f511d3",
    "VARA": "vara-function-3de77469-fa3a-47b4-85fd-81758a1e1d07",
    "VARP": "varp-function-26a541c4-ecee-464d-a731-bd4c575b1a6b",
    "VARPA": "varpa-function-59a62635-4e89-4fad-88ac-ce4dc0513b96",
    "WEIBULL": "weibull-function-b83dc2c6-260b-4754-bef2-633196f6fdcc",
    "WEIBULL.DIST": "weibull-dist-function-4e783c39-9325-49be-bbc9-a83ef82b45db",
    "Z.TEST": "z-test-function-d633d5a3-2031-4614-a016-92180ad82bee",
    "ZTEST": "ztest-function-8f33be8a-6bd6-4ecc-8e3a-d9a4420c4a6a",
}

# Excel lists the pre-2010 names (NORMDIST, ...) in its Compatibility category.
COMPATIBILITY = {
    "BETADIST", "BETAINV", "BINOMDIST", "CHIDIST", "CHIINV", "CHITEST", "CONFIDENCE",
    "COVAR", "CRITBINOM", "EXPONDIST", "FDIST", "FINV", "FTEST", "GAMMADIST", "GAMMAINV",
    "HYPGEOMDIST", "LOGINV", "LOGNORMDIST", "MODE", "NEGBINOMDIST", "NORMDIST", "NORMINV",
    "NORMSDIST", "NORMSINV", "PERCENTILE", "PERCENTRANK", "POISSON", "QUARTILE", "RANK",
    "STDEVP", "TDIST", "TINV", "TTEST", "VARP", "WEIBULL", "ZTEST"}


def help_url(name: str) -> str:
    """The support.microsoft.com page of an Excel function of this module's list."""
    return _BASE + _SLUGS[name]


def category(name: str) -> str:
    return "Compatibility" if name in COMPATIBILITY else "Statistical"


class Domain(ValueError):
    """An argument outside the function's domain: Excel's #NUM! (lift.py turns a
    ValueError raised by a function into #NUM!)."""


def need(ok: bool) -> None:
    """Raise #NUM! unless ``ok``."""
    if not ok:
        raise Domain()


def nonzero_sd(x, min_n: int, ddof: int = 1):
    """The standard deviation of the numbers x (sample when ddof=1), or None where
    Excel's shape statistics and tests answer #DIV/0!: fewer than min_n numbers, or
    all of them equal."""
    if x.size < min_n:
        return None
    s = x.std(ddof=ddof)
    return None if s == 0 else s


def stat(name: str, spec: str, aliases=(), agrad=None, **kw):
    """``excel(...)`` under ``name`` and its compatibility ``aliases``, with Excel's
    category and help page filled in. ``agrad`` (a function, or "numeric" for central
    differences) gives the gradient of a function of ranges: see stat_grad.py."""
    if spec.endswith("*"):
        kw.setdefault("min_args", 1)   # number1 is required

    def deco(fn):
        from .base import FUNCTIONS
        from .stat_grad import array_grad, numeric_agrad
        for n in (name, *aliases):
            excel(n, spec, category=category(n), help=help_url(n), **kw)(fn)
            if agrad is not None:
                a = numeric_agrad(fn, spec) if agrad == "numeric" else agrad
                FUNCTIONS[n].grad = array_grad(spec, a)
        return fn
    return deco


def stat_variants(fn, spec: str, variants, **kw):
    """Register ``fn`` once per ``(name, aliases, options)`` of ``variants``, with the
    options bound as keywords: Excel's pairs that differ in one switch (LINEST/LOGEST,
    RANK.EQ/RANK.AVG). ``kw`` goes to :func:`stat` for each."""
    for name, aliases, options in variants:
        stat(name, spec, aliases=aliases, **kw)(partial(fn, **options))
