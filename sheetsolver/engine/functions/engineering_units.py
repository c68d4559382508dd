"""CONVERT's unit table: Excel's unit names by group, with their size in the group's
base unit, and the SI (and binary, for information) prefixes the metric ones accept.

Unit names are case-sensitive, as in Excel. A name that is a unit itself wins over a
prefixed reading ("Pa" is the pascal, "mi" the mile). Units of different groups, or
names that are not units, give #N/A.
"""
from __future__ import annotations

from ...values import NA

_IN = 0.0254
_FT = 0.3048
_YD = 0.9144
_MI = 1609.344
_NMI = 1852.0
_LY = 9460730472580800.0
_PC = 3.08567758128155e16
_PICA_PT = _IN / 72
_PICA = _IN / 6
_ANG = 1e-10
_LBF = 4.4482216152605
_GAL = 3.785411784e-3
_UK_GAL = 4.54609e-3

# group -> {name: (size in the group's base unit, accepts prefixes)}
_UNITS: dict[str, dict[str, tuple[float, bool]]] = {
    "mass": {  # gram
        "g": (1.0, True), "sg": (14593.9029372064, False), "lbm": (453.59237, False),
        "u": (1.66053886282e-24, True), "ozm": (28.349523125, False),
        "grain": (0.06479891, False), "cwt": (45359.237, False),
        "shweight": (45359.237, False), "uk_cwt": (50802.34544, False),
        "lcwt": (50802.34544, False), "hweight": (50802.34544, False),
        "stone": (6350.29318, False), "ton": (907184.74, False),
        "uk_ton": (1016046.9088, False), "LTON": (1016046.9088, False),
        "brton": (1016046.9088, False),
    },
    "distance": {  # meter
        "m": (1.0, True), "mi": (_MI, False), "Nmi": (_NMI, False), "in": (_IN, False),
        "ft": (_FT, False), "yd": (_YD, False), "ang": (_ANG, True),
        "ell": (1.143, False), "ly": (_LY, True), "parsec": (_PC, True), "pc": (_PC, True),
        "Picapt": (_PICA_PT, False), "Pica": (_PICA_PT, False), "pica": (_PICA, False),
        "survey_mi": (1609.34721869444, False),
    },
    "time": {  # second
        "yr": (31557600.0, False), "day": (86400.0, False), "d": (86400.0, False),
        "hr": (3600.0, False), "mn": (60.0, False), "min": (60.0, False),
        "sec": (1.0, True), "s": (1.0, True),
    },
    "pressure": {  # pascal
        "Pa": (1.0, True), "p": (1.0, True), "atm": (101325.0, True), "at": (101325.0, True),
        "mmHg": (133.322368421053, True), "psi": (6894.75729316836, False),
        "Torr": (133.322368421053, False),
    },
    "force": {  # newton
        "N": (1.0, True), "dyn": (1e-5, True), "dy": (1e-5, True), "lbf": (_LBF, False),
        "pond": (9.80665e-3, True),
    },
    "energy": {  # joule
        "J": (1.0, True), "e": (1e-7, True), "c": (4.184, True), "cal": (4.1868, True),
        "eV": (1.602176487e-19, True), "ev": (1.602176487e-19, True),
        "HPh": (2684519.53769617, False), "hh": (2684519.53769617, False),
        "Wh": (3600.0, True), "wh": (3600.0, True), "flb": (_FT * _LBF, False),
        "BTU": (1055.05585262, False), "btu": (1055.05585262, False),
    },
    "power": {  # watt
        "HP": (745.69987158227, False), "h": (745.69987158227, False),
        "PS": (735.49875, False), "W": (1.0, True), "w": (1.0, True),
    },
    "magnetism": {"T": (1.0, True), "ga": (1e-4, True)},
    "volume": {  # cubic meter
        "tsp": (4.92892159375e-6, False), "tspm": (5e-6, False),
        "tbs": (1.478676478125e-5, False), "oz": (2.95735295625e-5, False),
        "cup": (2.365882365e-4, False), "pt": (4.73176473e-4, False),
        "us_pt": (4.73176473e-4, False), "uk_pt": (5.6826125e-4, False),
        "qt": (9.46352946e-4, False), "uk_qt": (1.1365225e-3, False),
        "gal": (_GAL, False), "uk_gal": (_UK_GAL, False),
        "l": (1e-3, True), "L": (1e-3, True), "lt": (1e-3, True),
        "barrel": (0.158987294928, False), "bushel": (0.03523907016688, False),
        "GRT": (2.8316846592, False), "regton": (2.8316846592, False),
        "MTON": (1.13267386368, False),
    },
    "area": {  # square meter
        "uk_acre": (4046.8564224, False), "us_acre": (4046.87260987425, False),
        "ar": (100.0, True), "ha": (10000.0, False), "Morgen": (2500.0, False),
    },
    "information": {"bit": (1.0, True), "byte": (8.0, True)},
    "speed": {  # meter per second
        "m/s": (1.0, True), "m/sec": (1.0, True), "m/h": (1 / 3600, True),
        "m/hr": (1 / 3600, True), "mph": (_MI / 3600, False), "kn": (_NMI / 3600, False),
        "admkn": (1853.184 / 3600, False),
    },
}

# squared and cubed lengths: "m2", "ft^2", "m3", "in^3", ...
_LENGTHS = {"m": (1.0, True), "mi": (_MI, False), "Nmi": (_NMI, False), "in": (_IN, False),
            "ft": (_FT, False), "yd": (_YD, False), "ang": (_ANG, True), "ly": (_LY, True),
            "Pica": (_PICA_PT, False), "Picapt": (_PICA_PT, False), "pica": (_PICA, False)}
for _name, (_size, _pre) in _LENGTHS.items():
    for _p, _group in ((2, "area"), (3, "volume")):
        _UNITS[_group][f"{_name}{_p}"] = (_size ** _p, _pre)
        _UNITS[_group][f"{_name}^{_p}"] = (_size ** _p, _pre)

_PREFIXES = {"Y": 1e24, "Z": 1e21, "E": 1e18, "P": 1e15, "T": 1e12, "G": 1e9, "M": 1e6,
             "k": 1e3, "h": 1e2, "da": 1e1, "e": 1e1, "d": 1e-1, "c": 1e-2, "m": 1e-3,
             "u": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15, "a": 1e-18, "z": 1e-21,
             "y": 1e-24}
_BINARY = {"Yi": 2.0 ** 80, "Zi": 2.0 ** 70, "Ei": 2.0 ** 60, "Pi": 2.0 ** 50, "Ti": 2.0 ** 40,
           "Gi": 2.0 ** 30, "Mi": 2.0 ** 20, "ki": 2.0 ** 10}

_TEMPERATURE = {"C": "C", "cel": "C", "F": "F", "fah": "F", "K": "K", "kel": "K",
                "Rank": "Rank", "Reau": "Reau"}


def _power_of(name: str) -> int:
    """2 for a squared length ("km2"), 3 for cubed, else 1: the prefix is raised too."""
    return 2 if name.endswith("2") else 3 if name.endswith("3") else 1


def _lookup(name: str):
    """(group, size in base units) of a unit name, prefixes applied; None if unknown."""
    for group, units in _UNITS.items():
        if name in units:
            return group, units[name][0]
    for table in (_BINARY, _PREFIXES):
        for p, factor in table.items():
            if name.startswith(p) and len(name) > len(p):
                rest = name[len(p):]
                for group, units in _UNITS.items():
                    hit = units.get(rest)
                    if hit is not None and hit[1]:
                        if table is _BINARY and group != "information":
                            continue
                        return group, hit[0] * factor ** _power_of(rest)
    return None


def _to_kelvin(x: float, unit: str) -> float:
    return {"C": x + 273.15, "F": (x - 32) * 5 / 9 + 273.15, "K": x, "Rank": x * 5 / 9,
            "Reau": x * 1.25 + 273.15}[unit]


def _from_kelvin(k: float, unit: str) -> float:
    return {"C": k - 273.15, "F": (k - 273.15) * 9 / 5 + 32, "K": k, "Rank": k * 9 / 5,
            "Reau": (k - 273.15) * 0.8}[unit]


def _temperature(name: str):
    """(scale, factor) for temperature names; prefixes only on kelvin ("mK")."""
    if name in _TEMPERATURE:
        return _TEMPERATURE[name], 1.0
    for p, factor in _PREFIXES.items():
        if name.startswith(p) and name[len(p):] in ("K", "kel"):
            return "K", factor
    return None


def convert(number: float, from_unit: str, to_unit: str):
    """CONVERT(number, from_unit, to_unit): #N/A for unknown or mismatched units."""
    ta, tb = _temperature(from_unit), _temperature(to_unit)
    if ta is not None or tb is not None:
        if ta is None or tb is None:
            return NA
        k = _to_kelvin(number * ta[1], ta[0])
        return _from_kelvin(k, tb[0]) / tb[1]
    a, b = _lookup(from_unit), _lookup(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return NA
    return number * a[1] / b[1]
