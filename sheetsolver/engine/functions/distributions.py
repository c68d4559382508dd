"""Excel's probability distributions (NORM.DIST, T.INV, BINOM.DIST, ...) and the scalar
statistical functions around them (FISHER, GAMMA, PERMUT, CONFIDENCE, STANDARDIZE).

Every cdf, density and inverse comes from scipy.special / scipy.stats; this module only
adds Excel's argument rules (domain errors are #NUM!, integer arguments truncated, the
cumulative flag) and, for the continuous ones, partial derivatives so Solver models
(maximum-likelihood fits) can differentiate through them: analytic where short (normal,
lognormal, exponential, Weibull; the density is the cdf's derivative in x), central
differences of the same scipy function for shape parameters.
"""
from __future__ import annotations

import math

import numpy as np
from ...lazy_modules import lazy_module

sp = lazy_module("scipy.special")  # imported on first use (start-up)
st = lazy_module("scipy.stats")

from ...values import DIV0
from .statistical_base import need, stat


# --- derivatives -------------------------------------------------------------------
def _as_args(spec: str, xs):
    out = []
    for ch, x in zip(spec, xs):
        if ch == "i":
            out.append(int(math.trunc(x)))
        elif ch == "b":
            out.append(bool(x))
        else:
            out.append(float(x))
    return out


def _partial(fn, spec, xs, k):
    """d fn / d argument k by central differences (0 where fn is undefined nearby)."""
    args = _as_args(spec, xs)
    h = 1e-6 * max(1.0, abs(args[k]))
    lo, hi = list(args), list(args)
    lo[k] -= h
    hi[k] += h
    try:
        a, b = fn(*lo), fn(*hi)
    except (ArithmeticError, ValueError):
        return 0.0
    if not (isinstance(a, float) and isinstance(b, float)):
        return 0.0
    return (b - a) / (2 * h)


def numeric_deriv(fn, spec, ks):
    """deriv= for ``fn``: central differences in the arguments ``ks``, 0 in the others."""
    def d(*xs):
        return tuple(_partial(fn, spec, xs, k) if k in ks else 0.0 for k in range(len(xs)))
    return d


def cdf_deriv(fn, spec, density, ks, flag=None):
    """deriv= for a distribution function ``fn(x, ..., cumulative)``: in x the density
    when cumulative (``flag`` is the flag's index, None when always cumulative),
    central differences otherwise and in the other arguments ``ks``."""
    def d(*xs):
        out = [_partial(fn, spec, xs, k) if k in ks else 0.0 for k in range(len(xs))]
        cumulative = flag is None or (flag < len(xs) and bool(xs[flag]))
        if cumulative:
            args = _as_args(spec, xs)
            try:
                out[0] = float(density(*args))
            except (ArithmeticError, ValueError):
                out[0] = 0.0
        return tuple(out)
    return d


# --- normal ------------------------------------------------------------------------
_SQRT2PI = math.sqrt(2 * math.pi)


def _phi(z: float) -> float:
    return math.exp(-0.5 * z * z) / _SQRT2PI


@stat("NORM.S.DIST", "nb", deriv=lambda z, c=1.0: (_phi(z) if c else -z * _phi(z), 0.0))
def norm_s_dist(z, cumulative):
    return float(sp.ndtr(z)) if cumulative else _phi(z)


@stat("NORMSDIST", "n", deriv=lambda z: (_phi(z),))
def normsdist(z):
    return float(sp.ndtr(z))


@stat("PHI", "n", deriv=lambda x: (-x * _phi(x),))
def phi(x):
    return _phi(x)


@stat("GAUSS", "n", deriv=lambda z: (_phi(z),))
def gauss(z):
    """P(0 <= Z <= z) as 0.5*erf(z/sqrt 2): NORM.S.DIST(z)-0.5 cancels near 0."""
    return 0.5 * float(sp.erf(z / math.sqrt(2.0)))


def _norm_d(x, mu, s, c=1.0):
    z = (x - mu) / s
    f = _phi(z) / s
    if c:
        return (f, -f, -z * f, 0.0)
    return (-z / s * f, z / s * f, f * (z * z - 1) / s, 0.0)


@stat("NORM.DIST", "nnnb", aliases=("NORMDIST",), deriv=_norm_d)
def norm_dist(x, mean, sd, cumulative):
    need(sd > 0)
    z = (x - mean) / sd
    return float(sp.ndtr(z)) if cumulative else _phi(z) / sd


def _norm_inv_d(p, mu=0.0, s=1.0):
    z = float(sp.ndtri(p))
    return (s / _phi(z), 1.0, z)


@stat("NORM.INV", "nnn", aliases=("NORMINV",), deriv=_norm_inv_d)
def norm_inv(p, mean, sd):
    need(0 < p < 1 and sd > 0)
    return mean + sd * float(sp.ndtri(p))


@stat("NORM.S.INV", "n", aliases=("NORMSINV",), deriv=lambda p: (_norm_inv_d(p)[0],))
def norm_s_inv(p):
    need(0 < p < 1)
    return float(sp.ndtri(p))


def _std_d(x, mu, s):
    return (1 / s, -1 / s, -(x - mu) / (s * s))


@stat("STANDARDIZE", "nnn", deriv=_std_d)
def standardize(x, mean, sd):
    need(sd > 0)
    return (x - mean) / sd


# --- lognormal ---------------------------------------------------------------------
def _lognorm_d(x, mu, s, c=1.0):
    z = (math.log(x) - mu) / s
    if c:
        g = _phi(z) / s
        return (g / x, -g, -z * g, 0.0)
    f = _phi(z) / (s * x)
    return (f * (-z / s - 1) / x, f * z / s, f * (z * z - 1) / s, 0.0)


@stat("LOGNORM.DIST", "nnnb", deriv=_lognorm_d)
def lognorm_dist(x, mean, sd, cumulative):
    need(x > 0 and sd > 0)
    z = (math.log(x) - mean) / sd
    return float(sp.ndtr(z)) if cumulative else _phi(z) / (sd * x)


@stat("LOGNORMDIST", "nnn", deriv=lambda x, mu, s: _lognorm_d(x, mu, s)[:3])
def lognormdist(x, mean, sd):
    return lognorm_dist(x, mean, sd, True)


def _loginv_d(p, mu, s):
    z = float(sp.ndtri(p))
    x = math.exp(mu + s * z)
    return (x * s / _phi(z), x, x * z)


@stat("LOGNORM.INV", "nnn", aliases=("LOGINV",), deriv=_loginv_d)
def lognorm_inv(p, mean, sd):
    need(0 < p < 1 and sd > 0)
    return math.exp(mean + sd * float(sp.ndtri(p)))


# --- exponential, Weibull ----------------------------------------------------------
def _expon_d(x, lam, c=1.0):
    e = math.exp(-lam * x)
    if c:
        return (lam * e, x * e, 0.0)
    return (-lam * lam * e, e * (1 - lam * x), 0.0)


@stat("EXPON.DIST", "nnb", aliases=("EXPONDIST",), deriv=_expon_d)
def expon_dist(x, lam, cumulative):
    need(x >= 0 and lam > 0)
    return -math.expm1(-lam * x) if cumulative else lam * math.exp(-lam * x)


def _weibull_d(x, a, b, c=1.0):
    u = (x / b) ** a
    e = math.exp(-u)
    lg = math.log(x / b) if x > 0 else 0.0
    if c:
        return (e * u * a / x if x > 0 else 0.0, e * u * lg, -e * u * a / b, 0.0)
    f = a / x * u * e if x > 0 else 0.0
    if x <= 0:
        return (0.0, 0.0, 0.0, 0.0)
    return (f * ((a - 1) / x - a * u / x), f * (1 / a + lg * (1 - u)), f * a / b * (u - 1), 0.0)


@stat("WEIBULL.DIST", "nnnb", aliases=("WEIBULL",), deriv=_weibull_d)
def weibull_dist(x, alpha, beta, cumulative):
    need(x >= 0 and alpha > 0 and beta > 0)
    u = (x / beta) ** alpha
    if cumulative:
        return -math.expm1(-u)
    return float(st.weibull_min.pdf(x, alpha, scale=beta))


# --- gamma -------------------------------------------------------------------------
def gamma_dist(x, alpha, beta, cumulative):
    need(x >= 0 and alpha > 0 and beta > 0)
    if cumulative:
        return float(sp.gammainc(alpha, x / beta))
    return float(st.gamma.pdf(x, alpha, scale=beta))


stat("GAMMA.DIST", "nnnb", aliases=("GAMMADIST",),
     deriv=cdf_deriv(gamma_dist, "nnnb", lambda x, a, b, c: gamma_dist(x, a, b, False),
                     (0, 1, 2), flag=3))(gamma_dist)


def gamma_inv(p, alpha, beta):
    need(0 <= p <= 1 and alpha > 0 and beta > 0)
    return float(sp.gammaincinv(alpha, p)) * beta


stat("GAMMA.INV", "nnn", aliases=("GAMMAINV",),
     deriv=numeric_deriv(gamma_inv, "nnn", (0, 1, 2)))(gamma_inv)


@stat("GAMMA", "n", deriv=lambda x: (float(sp.gamma(x) * sp.digamma(x)),))
def gamma_fn(x):
    need(not (x <= 0 and x == math.floor(x)))
    return float(sp.gamma(x))


@stat("GAMMALN", "n", aliases=("GAMMALN.PRECISE",), deriv=lambda x: (float(sp.digamma(x)),))
def gammaln(x):
    need(x > 0)
    return float(sp.gammaln(x))


# --- beta --------------------------------------------------------------------------
def beta_dist(x, alpha, beta, cumulative, lo=0.0, hi=1.0):
    need(alpha > 0 and beta > 0 and lo < hi and lo <= x <= hi)
    if cumulative:
        return float(sp.betainc(alpha, beta, (x - lo) / (hi - lo)))
    return float(st.beta.pdf(x, alpha, beta, loc=lo, scale=hi - lo))


stat("BETA.DIST", "nnnbnn", deriv=cdf_deriv(
    beta_dist, "nnnbnn", lambda x, a, b, c, lo=0.0, hi=1.0: beta_dist(x, a, b, False, lo, hi),
    (0, 1, 2, 4, 5), flag=3))(beta_dist)


def betadist(x, alpha, beta, lo=0.0, hi=1.0):
    return beta_dist(x, alpha, beta, True, lo, hi)


stat("BETADIST", "nnnnn", deriv=cdf_deriv(
    betadist, "nnnnn", lambda x, a, b, lo=0.0, hi=1.0: beta_dist(x, a, b, False, lo, hi),
    (0, 1, 2, 3, 4)))(betadist)


def beta_inv(p, alpha, beta, lo=0.0, hi=1.0):
    need(0 < p <= 1 and alpha > 0 and beta > 0 and lo < hi)
    return lo + (hi - lo) * float(sp.betaincinv(alpha, beta, p))


stat("BETA.INV", "nnnnn", aliases=("BETAINV",),
     deriv=numeric_deriv(beta_inv, "nnnnn", (0, 1, 2, 3, 4)))(beta_inv)


# --- Student t ---------------------------------------------------------------------
def _df_ok(df: int) -> None:
    need(1 <= df <= 1e10)


def t_dist(x, df, cumulative):
    _df_ok(df)
    return float(sp.stdtr(df, x)) if cumulative else float(st.t.pdf(x, df))


stat("T.DIST", "nib", deriv=cdf_deriv(t_dist, "nib", lambda x, df, c: t_dist(x, df, False),
                                      (0,), flag=2))(t_dist)


def t_dist_rt(x, df):
    _df_ok(df)
    return float(sp.stdtr(df, -x))


stat("T.DIST.RT", "ni", deriv=cdf_deriv(t_dist_rt, "ni", lambda x, df: -t_dist(x, df, False),
                                        ()))(t_dist_rt)


def t_dist_2t(x, df):
    need(x >= 0)
    _df_ok(df)
    return 2 * float(sp.stdtr(df, -x))


stat("T.DIST.2T", "ni", deriv=cdf_deriv(
    t_dist_2t, "ni", lambda x, df: -2 * t_dist(x, df, False), ()))(t_dist_2t)


def tdist(x, df, tails):
    need(x >= 0 and tails in (1, 2))
    _df_ok(df)
    return tails * float(sp.stdtr(df, -x))


stat("TDIST", "nii", deriv=cdf_deriv(
    tdist, "nii", lambda x, df, tails: -tails * t_dist(x, df, False), ()))(tdist)


def t_inv(p, df):
    need(0 < p < 1)
    _df_ok(df)
    return float(sp.stdtrit(df, p))


stat("T.INV", "ni", deriv=cdf_deriv(t_inv, "ni", lambda p, df: 1 / t_dist(t_inv(p, df), df,
                                                                           False), ()))(t_inv)


def t_inv_2t(p, df):
    need(0 < p <= 1)
    _df_ok(df)
    return float(sp.stdtrit(df, 1 - p / 2))


stat("T.INV.2T", "ni", aliases=("TINV",), deriv=cdf_deriv(
    t_inv_2t, "ni", lambda p, df: -0.5 / t_dist(t_inv_2t(p, df), df, False), ()))(t_inv_2t)


# --- chi-squared -------------------------------------------------------------------
def chisq_dist(x, df, cumulative):
    need(x >= 0)
    _df_ok(df)
    return float(sp.chdtr(df, x)) if cumulative else float(st.chi2.pdf(x, df))


stat("CHISQ.DIST", "nib", deriv=cdf_deriv(
    chisq_dist, "nib", lambda x, df, c: chisq_dist(x, df, False), (0,), flag=2))(chisq_dist)


def chisq_dist_rt(x, df):
    need(x >= 0)
    _df_ok(df)
    return float(sp.chdtrc(df, x))


stat("CHISQ.DIST.RT", "ni", aliases=("CHIDIST",), deriv=cdf_deriv(
    chisq_dist_rt, "ni", lambda x, df: -chisq_dist(x, df, False), ()))(chisq_dist_rt)


def chisq_inv(p, df):
    need(0 <= p <= 1)
    _df_ok(df)
    return float(st.chi2.ppf(p, df))


stat("CHISQ.INV", "ni", deriv=numeric_deriv(chisq_inv, "ni", (0,)))(chisq_inv)


def chisq_inv_rt(p, df):
    need(0 <= p <= 1)
    _df_ok(df)
    return float(st.chi2.isf(p, df))


stat("CHISQ.INV.RT", "ni", aliases=("CHIINV",),
     deriv=numeric_deriv(chisq_inv_rt, "ni", (0,)))(chisq_inv_rt)


# --- F -----------------------------------------------------------------------------
def _dfs_ok(d1: int, d2: int) -> None:
    need(1 <= d1 < 1e10 and 1 <= d2 < 1e10)


def f_dist(x, d1, d2, cumulative):
    need(x >= 0)
    _dfs_ok(d1, d2)
    return float(sp.fdtr(d1, d2, x)) if cumulative else float(st.f.pdf(x, d1, d2))


stat("F.DIST", "niib", deriv=cdf_deriv(
    f_dist, "niib", lambda x, a, b, c: f_dist(x, a, b, False), (0,), flag=3))(f_dist)


def f_dist_rt(x, d1, d2):
    need(x >= 0)
    _dfs_ok(d1, d2)
    return float(sp.fdtrc(d1, d2, x))


stat("F.DIST.RT", "nii", aliases=("FDIST",), deriv=cdf_deriv(
    f_dist_rt, "nii", lambda x, a, b: -f_dist(x, a, b, False), ()))(f_dist_rt)


def f_inv(p, d1, d2):
    need(0 <= p <= 1)
    _dfs_ok(d1, d2)
    return float(st.f.ppf(p, d1, d2))


stat("F.INV", "nii", deriv=numeric_deriv(f_inv, "nii", (0,)))(f_inv)


def f_inv_rt(p, d1, d2):
    need(0 <= p <= 1)
    _dfs_ok(d1, d2)
    return float(st.f.isf(p, d1, d2))


stat("F.INV.RT", "nii", aliases=("FINV",), deriv=numeric_deriv(f_inv_rt, "nii", (0,)))(f_inv_rt)


# --- discrete ----------------------------------------------------------------------
def binom_dist(k, n, p, cumulative):
    need(0 <= k <= n and 0 <= p <= 1)
    return float(st.binom.cdf(k, n, p) if cumulative else st.binom.pmf(k, n, p))


stat("BINOM.DIST", "iinb", aliases=("BINOMDIST",),
     deriv=numeric_deriv(binom_dist, "iinb", (2,)))(binom_dist)


def binom_dist_range(n, p, s, s2=None):
    s2 = s if s2 is None else s2
    need(n >= 0 and 0 <= p <= 1 and 0 <= s <= n and s <= s2 <= n)
    ks = np.arange(s, s2 + 1)
    return float(st.binom.pmf(ks, n, p).sum())


stat("BINOM.DIST.RANGE", "inii", deriv=numeric_deriv(binom_dist_range, "inii", (1,)))(
    binom_dist_range)


@stat("BINOM.INV", "inn", aliases=("CRITBINOM",), zero_grad=True)
def binom_inv(n, p, alpha):
    """The smallest k with BINOM.DIST(k, n, p, TRUE) >= alpha."""
    need(n >= 0 and 0 <= p <= 1 and 0 <= alpha <= 1)
    if n <= 1_000_000:
        cdf = st.binom.cdf(np.arange(n + 1), n, p)
        k = int(np.searchsorted(cdf, alpha, side="left"))
        return float(min(k, n))
    return float(st.binom.ppf(alpha, n, p))


def negbinom_dist(f, s, p, cumulative):
    need(f >= 0 and s >= 1 and 0 <= p <= 1)
    return float(st.nbinom.cdf(f, s, p) if cumulative else st.nbinom.pmf(f, s, p))


stat("NEGBINOM.DIST", "iinb", deriv=numeric_deriv(negbinom_dist, "iinb", (2,)))(negbinom_dist)


def negbinomdist(f, s, p):
    return negbinom_dist(f, s, p, False)


stat("NEGBINOMDIST", "iin", deriv=numeric_deriv(negbinomdist, "iin", (2,)))(negbinomdist)


def poisson_dist(x, mean, cumulative):
    need(x >= 0 and mean >= 0)
    return float(st.poisson.cdf(x, mean) if cumulative else st.poisson.pmf(x, mean))


stat("POISSON.DIST", "inb", aliases=("POISSON",),
     deriv=numeric_deriv(poisson_dist, "inb", (1,)))(poisson_dist)


@stat("HYPGEOM.DIST", "iiiib", zero_grad=True)
def hypgeom_dist(k, n, big_k, big_n, cumulative):
    need(big_n > 0 and 0 < n <= big_n and 0 < big_k <= big_n)
    need(max(0, n - big_n + big_k) <= k <= min(n, big_k))
    d = st.hypergeom(big_n, big_k, n)
    return float(d.cdf(k) if cumulative else d.pmf(k))


@stat("HYPGEOMDIST", "iiii", zero_grad=True)
def hypgeomdist(k, n, big_k, big_n):
    return hypgeom_dist(k, n, big_k, big_n, False)


# --- transforms, counting, confidence ----------------------------------------------
@stat("FISHER", "n", deriv=lambda x: (1 / (1 - x * x),))
def fisher(x):
    need(-1 < x < 1)
    return math.atanh(x)


@stat("FISHERINV", "n", deriv=lambda y: (1 - math.tanh(y) ** 2,))
def fisherinv(y):
    return math.tanh(y)


@stat("PERMUT", "ii", zero_grad=True)
def permut(n, k):
    need(n > 0 and k >= 0 and n >= k)
    return float(math.perm(n, k))


@stat("PERMUTATIONA", "ii", zero_grad=True)
def permutationa(n, k):
    need(n >= 0 and k >= 0)
    return float(n) ** k


def _conf_norm_d(alpha, sd, size):
    z = float(sp.ndtri(1 - alpha / 2))
    return (-0.5 / _phi(z) * sd / math.sqrt(size), z / math.sqrt(size), 0.0)


@stat("CONFIDENCE.NORM", "nni", aliases=("CONFIDENCE",), deriv=_conf_norm_d)
def confidence_norm(alpha, sd, size):
    need(0 < alpha < 1 and sd > 0 and size >= 1)
    return float(sp.ndtri(1 - alpha / 2)) * sd / math.sqrt(size)


def confidence_t(alpha, sd, size):
    need(0 < alpha < 1 and sd > 0 and size >= 1)
    if size == 1:
        return DIV0
    return float(sp.stdtrit(size - 1, 1 - alpha / 2)) * sd / math.sqrt(size)


stat("CONFIDENCE.T", "nni", deriv=numeric_deriv(confidence_t, "nni", (0, 1)))(confidence_t)

