"""Solver models laid out the way analysts' workbooks are (issue #10 follow-up): grids of
variable cells with SUM/SUMPRODUCT totals, data on other or hidden sheets, sheet names
with spaces and apostrophes, variables and constraints through defined names, several
variable areas, right sides that are constants, ranges or formulas, and the functions
analysts use in models. Registered into corpus_models.MODELS (same writer, same test).

Every expected optimum is a textbook's published answer (cited) or HiGHS / SLSQP /
least squares run directly on the same numbers.
"""
from __future__ import annotations

import numpy as np
from openpyxl.utils import get_column_letter as col
from scipy import optimize

from corpus_models import PM, PM_SOLVER, _linprog, base, model


def _q(sheet: str) -> str:
    """A sheet name as Excel writes it in a reference ('Bob''s jobs')."""
    return "'" + sheet.replace("'", "''") + "'" if not sheet.isidentifier() else sheet


def _grid(cells, top, left, rows):
    """Write the 2-D list ``rows`` with its first cell at (row ``top``, column ``left``);
    returns the A1 range it covers."""
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            cells[f"{col(left + j)}{top + i}"] = v
    return f"${col(left)}${top}:${col(left + len(rows[0]) - 1)}${top + len(rows) - 1}"


def _constraints(sheet: str, *cons) -> dict:
    """solver_lhsN/relN/rhsN for (lhs, rel, rhs); references get the quoted sheet."""
    out = {"solver_num": str(len(cons))}
    rels = {"<=": "1", "=": "2", ">=": "3", "int": "4", "bin": "5", "dif": "6"}
    for k, (lhs, rel, rhs) in enumerate(cons, start=1):
        out[f"solver_lhs{k}"] = lhs if "!" in lhs or "$" not in lhs else f"{_q(sheet)}!{lhs}"
        out[f"solver_rel{k}"] = rels[rel]
        out[f"solver_rhs{k}"] = (rhs if not rhs.startswith("$") else f"{_q(sheet)}!{rhs}")
    return out


def _transport_cells(cost, supply, demand, start=0):
    """Costs from B3, shipments (variables, ``start`` or left blank with None) from row
    t = 6 + plants, row totals and supplies to their right, column totals and demands in
    the two rows under them, the total cost two rows lower (for three plants: shipments
    B9, total cost B15, Winston's spreadsheet layout). Returns cells, the shipments'
    range, the four constraint ranges and the total cost's row."""
    m, n = len(cost), len(cost[0])
    t, last = 6 + m, col(1 + n)
    cells = {"A1": "Unit shipping cost", f"A{t - 1}": "Shipments",
             f"A{t + m + 3}": "Total cost"}
    crng = _grid(cells, 3, 2, cost)
    xrng = _grid(cells, t, 2, [[start] * n for _ in range(m)])
    tc, sc = col(2 + n), col(3 + n)
    for i in range(m):
        cells[f"A{3 + i}"] = cells[f"A{t + i}"] = f"Plant {i + 1}"
        cells[f"{tc}{t + i}"] = f"=SUM(B{t + i}:{last}{t + i})"
        cells[f"{sc}{t + i}"] = supply[i]
    for j in range(n):
        L = col(2 + j)
        cells[f"{L}2"] = cells[f"{L}{t - 1}"] = f"City {j + 1}"
        cells[f"{L}{t + m}"] = f"=SUM({L}{t}:{L}{t + m - 1})"
        cells[f"{L}{t + m + 1}"] = demand[j]
    cells[f"B{t + m + 3}"] = f"=SUMPRODUCT({crng},{xrng})"
    rows = (f"${tc}${t}:${tc}${t + m - 1}", f"${sc}${t}:${sc}${t + m - 1}",
            f"$B${t + m}:${last}${t + m}", f"$B${t + m + 1}:${last}${t + m + 1}")
    return cells, xrng, rows, t + m + 3


def _transport_lp(cost, supply, demand):
    m, n = len(cost), len(cost[0])
    A = [[1 if k // n == i else 0 for k in range(m * n)] for i in range(m)] + \
        [[1 if k % n == j else 0 for k in range(m * n)] for j in range(n)]
    return _linprog(np.ravel(cost), A, ["<="] * m + [">="] * n, list(supply) + list(demand),
                    "min", [(0, np.inf)] * (m * n))


def transport(id, category, sheet, cost, supply, demand, expect, start=0, **extra):
    cells, xrng, (tot, sup, got, dem), total = _transport_cells(cost, supply, demand, start)
    model(id, category,
          {sheet: cells},
          {"solver_opt": f"{_q(sheet)}!$B${total}", "solver_adj": f"{_q(sheet)}!{xrng}",
           "solver_eng": "2", **_constraints(sheet, (tot, "<=", sup), (got, ">=", dem))},
          expect, sheet=sheet, **extra)


# Winston, Operations Research: Applications and Algorithms (4th ed.), section 7.1,
# Powerco: three plants, four cities; the optimal cost is $1,020. The shipment cells are
# left empty, as analysts often leave them before the first solve.
POWERCO = ([[8, 6, 10, 9], [9, 12, 13, 7], [14, 9, 16, 5]], [35, 50, 40], [45, 20, 30, 30])
transport("real_transport_powerco", "LP", "Powerco Plan", *POWERCO,
          dict(kind="optimum", fun=1020.0, tol=1e-9), start=None, active="notes")
# the same plan with the demands raised beyond the total supply of 125: infeasible
transport("real_transport_short_supply", "infeasible", "Powerco Plan", POWERCO[0],
          POWERCO[1], [45, 20, 30, 40], dict(kind="infeasible"))
assert _transport_lp(POWERCO[0], POWERCO[1], [45, 20, 30, 40]) == "infeasible"
assert abs(_transport_lp(*POWERCO)[0] - 1020) < 1e-9


# Winston section 7.5, Machineco: four machines, four jobs, binary assignment; optimal
# cost 15. Model on a sheet whose name holds an apostrophe and a space.
MACHINECO = [[14, 5, 8, 7], [2, 12, 6, 5], [7, 8, 3, 9], [2, 4, 6, 10]]
cells = {"A1": "Setup time", "A7": "Assign", "A13": "Total time"}
_grid(cells, 2, 2, MACHINECO)
xrng = _grid(cells, 8, 2, [[0] * 4 for _ in range(4)])
for i in range(4):
    cells[f"F{8 + i}"] = f"=SUM(B{8 + i}:E{8 + i})"
    cells[f"{col(2 + i)}12"] = f"=SUM({col(2 + i)}8:{col(2 + i)}11)"
cells["B13"] = "=SUMPRODUCT(B2:E5,B8:E11)"
SH = "Bob's jobs"
model("real_assignment_machineco", "MILP", {SH: cells},
      {"solver_opt": f"{_q(SH)}!$B$13", "solver_adj": f"{_q(SH)}!{xrng}", "solver_eng": "2",
       **_constraints(SH, ("$F$8:$F$11", "=", "1"), ("$B$12:$E$12", "=", "1"),
                      (f"{xrng}", "bin", "binary"))},
      dict(kind="optimum", fun=15.0, tol=1e-9), sheet=SH)


# Winston section 9.2 Example 1, Stockco capital budgeting: NPV 16, 22, 12, 8 ($1000s),
# cash 5, 7, 4, 3, budget 14; optimum 42 (invest in 2, 3 and 4). Variables through a
# workbook-level name, the budget row through sheet-scoped names.
def _stockco_cells():
    cells = {"A1": "Investment", "A2": "Invest?", "A3": "NPV", "A4": "Cash",
             "A6": "Total NPV", "B6": "=SUMPRODUCT(B2:E2,B3:E3)",
             "A7": "Cash used", "B7": "=SUMPRODUCT(B2:E2,B4:E4)", "A8": "Budget", "B8": 14}
    _grid(cells, 1, 2, [[f"Project {k}" for k in range(1, 5)], [0] * 4, [16, 22, 12, 8],
                        [5, 7, 4, 3]])
    return cells


STOCKCO = dict(kind="optimum", fun=42.0, x=[0, 1, 1, 1], atol=1e-9)
SB = "Capital Budget"
for eng, tag in (("2", "simplex"), ("1", "grg"), ("3", "evolutionary")):
    model(f"real_capital_budget_names_{tag}", "MILP", {SB: _stockco_cells()},
          {"solver_opt": "='Capital Budget'!$B$6", "solver_typ": "1", "solver_adj": "=Invest",
           "solver_eng": eng, "solver_tol": "0",
           **_constraints(SB, ("'Capital Budget'!CashUsed", "<=", "Budget"),
                          ("Invest", "bin", "binary"))},
          STOCKCO, sheet=SB, names={"Invest": "'Capital Budget'!$B$2:$E$2"},
          sheet_names={SB: {"CashUsed": "'Capital Budget'!$B$7",
                            "Budget": "'Capital Budget'!$B$8"}})


# Winston section 3.5 Example 7 / 9.2, post office staff scheduling: each employee works
# five consecutive days; daily needs Mon..Sun 17 13 15 19 14 16 11; the integer optimum
# employs 23 (the LP relaxation 67/3).
NEED = [17, 13, 15, 19, 14, 16, 11]
COVER = [[1 if (d - s) % 7 < 5 else 0 for s in range(7)] for d in range(7)]
cells = {"A1": "Start day", "A2": "Employees", "A12": "Total employees",
         "B12": "=SUM(B2:H2)", "J3": "Working", "K3": "Needed"}
_grid(cells, 1, 2, [["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], [0] * 7])
_grid(cells, 4, 2, COVER)
for d in range(7):
    cells[f"A{4 + d}"] = cells["B1"] if d == 0 else f"Day {d + 1}"
    cells[f"J{4 + d}"] = f"=SUMPRODUCT(B{4 + d}:H{4 + d},$B$2:$H$2)"
    cells[f"K{4 + d}"] = NEED[d]


def _post_office():
    got = _linprog([1] * 7, COVER, [">="] * 7, NEED, "min", [(0, np.inf)] * 7, [1] * 7)
    assert abs(got[0] - 23) < 1e-9            # Winston's answer
    return got


model("real_staff_schedule_integer", "MILP", {"Roster": cells},
      {"solver_opt": "Roster!$B$12", "solver_adj": "Roster!$B$2:$H$2", "solver_eng": "2",
       **_constraints("Roster", ("$J$4:$J$10", ">=", "$K$4:$K$10"),
                      ("$B$2:$H$2", "int", "integer"))},
      dict(kind="optimum", solve=lambda: (_post_office()[0], None), tol=1e-9),
      sheet="Roster")


# Winston section 3.10, Sailco: demand 40 60 75 25 sailboats; regular time up to 40 a
# quarter at $400, overtime at $450, $20 a boat held at the end of a quarter, 10 in
# stock at the start; optimal cost $78,450. Regular and overtime are two variable areas,
# the objective a workbook-level name, the model's sheet hidden.
cells = {"A1": "Quarter", "B1": "Regular", "C1": "Cap", "D1": "Overtime", "E1": "Demand",
         "F1": "Ending stock", "A8": "Total cost", "A9": "Starting stock", "B9": 10,
         "B8": "=400*SUM(B2:B5)+450*SUM(D2:D5)+20*SUM(F2:F5)"}
for q, d in enumerate([40, 60, 75, 25]):
    r = 2 + q
    prev = "$B$9" if q == 0 else f"F{r - 1}"
    cells.update({f"A{r}": f"Q{q + 1}", f"B{r}": 0, f"C{r}": 40, f"D{r}": 0, f"E{r}": d,
                  f"F{r}": f"={prev}+B{r}+D{r}-E{r}"})
model("real_production_sailco_two_areas", "LP", {"Sailco": cells},
      {"solver_opt": "=TotalCost", "solver_adj": "Sailco!$B$2:$B$5,Sailco!$D$2:$D$5",
       "solver_eng": "2",
       **_constraints("Sailco", ("$B$2:$B$5", "<=", "$C$2:$C$5"), ("$F$2:$F$5", ">=", "0"))},
      dict(kind="optimum", fun=78450.0, tol=1e-9), sheet="Sailco",
      names={"TotalCost": "Sailco!$B$8"}, hidden=["Sailco"])


# A gasoline blend: 1000 gallons from three components (cost 2.00, 2.50, 3.20; octane
# 82, 90, 98) with octane at least 89 on average and at most 300 gallons of the third.
# The octane row's right side is a formula of a cell that depends on the variables.
def _blend():
    c, octane = [2.0, 2.5, 3.2], [82, 90, 98]
    return _linprog(c, [[o - 89 for o in octane], [1, 1, 1], [0, 0, 1]], [">=", "=", "<="],
                    [0, 1000, 300], "min", [(0, np.inf)] * 3)


cells = {"A1": "Component", "A2": "Gallons", "A3": "Cost", "A4": "Octane",
         "E1": "Total", "E2": "=SUM(B2:D2)", "F1": "Required", "F2": 1000, "G1": "Min octane",
         "G2": 89, "A6": "Octane-gallons", "B6": "=SUMPRODUCT(B2:D2,B4:D4)",
         "A7": "Blend cost", "B7": "=SUMPRODUCT(B2:D2,B3:D3)"}
_grid(cells, 1, 2, [["Base", "Mid", "Premium"], [0, 0, 0], [2.0, 2.5, 3.2], [82, 90, 98]])
model("real_blend_rhs_formula", "LP", {"m": cells},
      {"solver_opt": "m!$B$7", "solver_adj": "m!$B$2:$D$2", "solver_eng": "2",
       **_constraints("m", ("$B$6", ">=", "=$G$2*$E$2"), ("$E$2", "=", "$F$2"),
                      ("$D$2", "<=", "300"))},
      dict(kind="auto", solve=_blend))


# Markowitz with a budget equality and a return target read from a hidden inputs
# sheet; the objective (portfolio standard deviation) sits on a third sheet.
COV = np.array([[0.0400, 0.0060, 0.0100, 0.0020], [0.0060, 0.0900, 0.0200, 0.0050],
                [0.0100, 0.0200, 0.1600, 0.0080], [0.0020, 0.0050, 0.0080, 0.0225]])
MU = np.array([0.08, 0.12, 0.15, 0.06])


def _portfolio():
    r = optimize.minimize(lambda w: np.sqrt(w @ COV @ w), np.ones(4) / 4, method="SLSQP",
                          bounds=[(0, None)] * 4, options=dict(ftol=1e-14, maxiter=500),
                          constraints=[dict(type="eq", fun=lambda w: w.sum() - 1),
                                       dict(type="ineq", fun=lambda w: w @ MU - 0.10)])
    return r.fun, r.x


inputs = {"A1": "Covariance", "A7": "Expected return", "A9": "Target return", "B9": 0.10}
_grid(inputs, 2, 2, COV.tolist())
_grid(inputs, 7, 2, [MU.tolist()])
model("real_portfolio_hidden_inputs", "NLP",
      {"Weights": {"A1": "Asset", "A2": "Weight", "B1": "Bonds", "C1": "Growth",
                   "D1": "Emerging", "E1": "Cash+", "B2": 0, "C2": 0, "D2": 0, "E2": 0,
                   "A4": "Total", "B4": "=SUM(B2:E2)", "A5": "Return",
                   "B5": "=SUMPRODUCT(B2:E2,Inputs!B7:E7)"},
       "Inputs": inputs,
       "Risk": {"A1": "Std dev", "B1": "=SQRT(SUMPRODUCT(MMULT(Weights!B2:E2,Inputs!B2:E5),"
                                     "Weights!B2:E2))"}},
      {"solver_opt": "Risk!$B$1", "solver_adj": "Weights!$B$2:$E$2",
       **_constraints("Weights", ("$B$4", "=", "1"), ("$B$5", ">=", "Inputs!$B$9"))},
      dict(kind="optimum", solve=_portfolio, tol=1e-6), sheet="Weights",
      hidden=["Inputs"], active="Risk")


# Capacitated facility location: open sites (binary, fixed cost) and shipments to four
# customers; each site ships at most capacity x open (the right side a range of
# formulas), data on a hidden sheet, the variables a sheet-scoped name of two areas.
FIX, CAP, DEM = [300, 250, 400], [60, 50, 90], [30, 25, 40, 20]
SHIP = [[4, 6, 9, 5], [7, 3, 4, 8], [6, 5, 3, 2]]


def _facility():
    m, n = 3, 4
    c = list(np.ravel(SHIP)) + FIX
    A = [[1 if k < m * n and k % n == j else 0 for k in range(m * n + m)] for j in range(n)]
    A += [[1 if k < m * n and k // n == i else (-CAP[i] if k == m * n + i else 0)
           for k in range(m * n + m)] for i in range(m)]
    return _linprog(c, A, ["="] * n + ["<="] * m, DEM + [0] * m, "min",
                    [(0, np.inf)] * (m * n) + [(0, 1)] * m, [0] * (m * n) + [1] * m)


data = {"A1": "Ship cost", "A6": "Fixed", "A7": "Capacity", "A8": "Demand"}
_grid(data, 2, 2, SHIP)
_grid(data, 6, 2, [FIX, CAP])
_grid(data, 8, 2, [DEM])
cells = {"A1": "Ship", "A6": "Received", "A7": "Open", "G1": "Shipped", "H1": "Room",
         "A9": "Total cost",
         "B9": "=SUMPRODUCT(Data!B2:E4,B2:E4)+SUMPRODUCT(B7:D7,Data!B6:D6)"}
_grid(cells, 2, 2, [[0] * 4 for _ in range(3)])
_grid(cells, 7, 2, [[0] * 3])
for i in range(3):
    cells[f"G{2 + i}"] = f"=SUM(B{2 + i}:E{2 + i})"
    cells[f"H{2 + i}"] = f"=Data!{col(2 + i)}7*{col(2 + i)}7"
for j in range(4):
    cells[f"{col(2 + j)}6"] = f"=SUM({col(2 + j)}2:{col(2 + j)}4)"
model("real_facility_location", "MILP", {"Plan": cells, "Data": data},
      {"solver_opt": "Plan!$B$9", "solver_adj": "Plan!Decisions",
       "solver_eng": "2", "solver_tol": "0",
       **_constraints("Plan", ("$B$6:$E$6", "=", "Data!$B$8:$E$8"),
                      ("$G$2:$G$4", "<=", "$H$2:$H$4"), ("$B$7:$D$7", "bin", "binary"))},
      dict(kind="auto", solve=_facility), sheet="Plan", hidden=["Data"],
      sheet_names={"Plan": {"Decisions": "Plan!$B$2:$E$4,Plan!$B$7:$D$7"}})


# Least squares: y = a + b x with a negative intercept (Make Unconstrained Variables
# Non-Negative off), no constraints (solver_num 0); numpy's lstsq on the same numbers.
XS = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
YS = [-1.1, 0.9, 3.2, 4.8, 7.1, 9.2, 10.8, 13.1]


def _lstsq():
    X = np.column_stack([np.ones(len(XS)), XS])
    coef, res, *_ = np.linalg.lstsq(X, np.asarray(YS), rcond=None)
    return float(res[0]), coef


cells = {"A1": "Intercept", "B1": 0, "A2": "Slope", "B2": 0, "A4": "SSE", "B4": "=SUM(F2:F9)",
         "D1": "x", "E1": "y", "F1": "sq. residual"}
for i, (x_, y_) in enumerate(zip(XS, YS), start=2):
    cells.update({f"D{i}": x_, f"E{i}": y_, f"F{i}": f"=(E{i}-($B$1+$B$2*D{i}))^2"})
model("real_least_squares_free", "NLP", {"Fit": cells},
      {"solver_opt": "Fit!$B$4", "solver_adj": "Fit!$B$1:$B$2", "solver_neg": "2",
       "solver_num": "0"},
      dict(kind="optimum", solve=_lstsq, atol=1e-6), sheet="Fit")

# Break-even price by Value Of: (p - 7) * 1000 - 5000 = 0 at p = 12 (hand computation)
model("real_break_even_value_of", "semantics",
      {"m": {"A1": "Price", "B1": 9, "A2": "Units", "B2": 1000, "A3": "Unit cost", "B3": 7,
             "A4": "Fixed", "B4": 5000, "A5": "Profit", "B5": "=(B1-B3)*B2-B4"}},
      {"solver_opt": "m!$B$5", "solver_typ": "3", "solver_val": "0", "solver_adj": "m!$B$1"},
      dict(kind="value", x=[12.0], atol=1e-6))


# Functions analysts use: prices by VLOOKUP and INDEX/MATCH of a price list, unit costs
# ROUNDed from a base cost, sales capped by MIN(made, demand), overtime by IF, a balance
# constraint with ABS; GRG. The same model as an LP (auxiliaries for MIN, IF, ABS) with
# prices 20, 15 and costs ROUND(10*1.075, 2) = 10.75, ROUND(8*1.075, 2) = 8.60.
def _analyst():
    # variables x1 x2 s1 s2 o: max 20 s1 + 15 s2 - 10.75 x1 - 8.6 x2 - 5 o
    A = [[-1, 0, 1, 0, 0], [0, -1, 0, 1, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0],
         [1, 1, 0, 0, -1], [1, -1, 0, 0, 0], [-1, 1, 0, 0, 0]]
    fun, x = _linprog([-10.75, -8.6, 20, 15, -5], A, ["<="] * 7, [0, 0, 75, 60, 100, 20, 20],
                      "max", [(0, 90), (0, 90), (0, np.inf), (0, np.inf), (0, np.inf)])
    return fun, x[:2]


cells = {"A1": "Product", "B1": "Widget", "C1": "Gadget", "A2": "Make", "B2": 0, "C2": 0,
         "A3": "Price", "B3": '=VLOOKUP(B1,$F$2:$G$3,2,FALSE)',
         "C3": "=INDEX($G$2:$G$3,MATCH(C1,$F$2:$F$3,0))",
         "A4": "Unit cost", "B4": "=ROUND(B5*1.075,2)", "C4": "=ROUND(C5*1.075,2)",
         "A5": "Base cost", "B5": 10, "C5": 8, "A6": "Demand", "B6": 75, "C6": 60,
         "A7": "Sold", "B7": "=MIN(B2,B6)", "C7": "=MIN(C2,C6)",
         "A8": "Overtime", "B8": "=IF(SUM(B2:C2)>100,SUM(B2:C2)-100,0)",
         "A9": "Profit", "B9": "=SUMPRODUCT(B3:C3,B7:C7)-SUMPRODUCT(B4:C4,B2:C2)-5*B8",
         "A10": "Imbalance", "B10": "=ABS(B2-C2)", "F1": "Price list", "F2": "Widget",
         "G2": 20, "F3": "Gadget", "G3": 15}
model("real_analyst_functions_grg", "non-smooth", {"m": cells},
      {"solver_opt": "m!$B$9", "solver_typ": "1", "solver_adj": "m!$B$2:$C$2",
       **_constraints("m", ("$B$10", "<=", "20"), ("$B$2:$C$2", "<=", "90"))},
      dict(kind="auto", solve=_analyst))

# the objective is text until something is made (IF(...,"no plan",...)): Excel's
# error-value message from zeros; from a random start the product mix of Hillier &
# Lieberman (max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18): 36 at (2, 6)
cells = {"A1": "x", "B1": 0, "A2": "y", "B2": 0,
         "A3": "Profit", "B3": '=IF(SUM(B1:B2)=0,"no plan",3*B1+5*B2)',
         "A5": "Plant 1", "B5": "=B1", "A6": "Plant 2", "B6": "=2*B2",
         "A7": "Plant 3", "B7": "=3*B1+2*B2"}
model("real_objective_text_at_start", "semantics", {"m": cells},
      {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$B$2",
       **_constraints("m", ("$B$5", "<=", "4"), ("$B$6", "<=", "12"), ("$B$7", "<=", "18"))},
      dict(kind="optimum", fun=36.0, x=[2, 6], atol=1e-6),
      expect_zeros=dict(kind="error", cell="m!B3"))

# a deleted row left #REF! in a constraint and in the objective: one clear refusal
for id_, key in (("real_ref_error_constraint", "solver_lhs1"),
                 ("real_ref_error_right_side", "solver_rhs1"),
                 ("real_ref_error_variables", "solver_adj"),
                 ("real_ref_error_objective", "solver_opt")):
    model(id_, "semantics", {"m": {"A1": "x", "B1": 0, "A2": "f", "B2": "=(B1-2)^2"}},
          {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1", "solver_num": "1",
           "solver_lhs1": "m!$B$1", "solver_rel1": "1", "solver_rhs1": "5", key: "m!#REF!"},
          dict(kind="refused", text="#REF!"), starts=("zeros",))

# unbounded, constraints through sheet-scoped names: max 3x + 2y with only x - y <= 5
model("real_unbounded_named_rows", "unbounded",
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "Profit", "B3": "=3*B1+2*B2",
             "A4": "Gap", "B4": "=B1-B2", "C4": 5}},
      {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$B$2",
       "solver_eng": "2", **_constraints("m", ("Gap", "<=", "GapLimit"))},
      dict(kind="unbounded"), sheet_names={"m": {"Gap": "m!$B$4", "GapLimit": "m!$C$4"}})


# EOQ with quantity discounts (Winston section 15.3): demand 10,000 a year, $100 an
# order, holding 20% of the unit price, which VLOOKUP takes from the price breaks
# (approximate match on the order quantity): a step function, solved with Evolutionary
# over whole units; the optimum by enumerating every quantity.
BREAKS = [[0, 10.0], [1000, 9.6], [2500, 9.4]]


def _eoq_discount():
    def cost(q):
        p = [b[1] for b in BREAKS if b[0] <= q][-1]
        return 10000 / q * 100 + q / 2 * 0.2 * p + 10000 * p
    q = min(range(1, 5001), key=cost)
    return cost(q), [q]


cells = {"A1": "Order quantity", "B1": 500, "A2": "Unit price",
         "B2": "=VLOOKUP(B1,$E$2:$F$4,2,TRUE)", "A3": "Annual cost",
         "B3": "=10000/B1*100+B1/2*0.2*B2+10000*B2", "E1": "From", "F1": "Price"}
_grid(cells, 2, 5, BREAKS)
model("real_eoq_discount_vlookup_evolutionary", "non-smooth", {"m": cells},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1", "solver_eng": "3", "solver_rsd": "3",
       **_constraints("m", ("$B$1", ">=", "1"), ("$B$1", "<=", "5000"),
                      ("$B$1", "int", "integer"))},
      dict(kind="optimum", solve=_eoq_discount, tol=1e-9), starts=("saved", "uniform"))

# a right side typed as a formula of a variable cell, GRG: min (x-5)^2 + (y-5)^2 with
# x <= y/2; on the active constraint (y/2-5)/2 + (y-5) = 0 gives y = 6, x = 3, f = 5
# (hand computation)
model("real_rhs_formula_on_variables_grg", "NLP",
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "f", "B3": "=(B1-5)^2+(B2-5)^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2",
       **_constraints("m", ("$B$1", "<=", "m!$B$2/2"))},
      dict(kind="optimum", fun=5.0, x=[3.0, 6.0], atol=1e-6))

# an order list as analysts keep it: one row per product with its plant; plant hours by
# SUMIF over the variable column, unit margins by INDEX/MATCH from a price sheet;
# Simplex LP. The same LP with linprog: max sum m_i x_i, hours by plant <= capacity.
ORDERS = [("Chair", "North", 2.0), ("Table", "North", 5.0), ("Desk", "South", 4.0),
          ("Shelf", "South", 1.5), ("Stool", "North", 1.0)]
MARGIN = {"Chair": 30.0, "Table": 70.0, "Desk": 65.0, "Shelf": 18.0, "Stool": 12.0}
CAPACITY = {"North": 120.0, "South": 90.0}
MAX_UNITS = 25


def _orders():
    A = [[h if p == plant else 0.0 for _, p, h in ORDERS] for plant in CAPACITY]
    return _linprog([MARGIN[n] for n, _, _ in ORDERS], A, ["<="] * 2, list(CAPACITY.values()),
                    "max", [(0, MAX_UNITS)] * len(ORDERS))


cells = {"A1": "Product", "B1": "Plant", "C1": "Hours", "D1": "Make", "E1": "Margin",
         "G1": "Plant", "H1": "Hours used", "I1": "Capacity", "A9": "Total margin",
         "B9": "=SUMPRODUCT(D2:D6,E2:E6)"}
for i, (name, plant, hours) in enumerate(ORDERS, start=2):
    cells.update({f"A{i}": name, f"B{i}": plant, f"C{i}": hours, f"D{i}": 0,
                  f"E{i}": f"=INDEX(Prices!$B$2:$B$6,MATCH(A{i},Prices!$A$2:$A$6,0))",
                  f"F{i}": f"=C{i}*D{i}"})
for k, (plant, cap) in enumerate(CAPACITY.items(), start=2):
    cells.update({f"G{k}": plant, f"H{k}": f'=SUMIF($B$2:$B$6,G{k},$F$2:$F$6)', f"I{k}": cap})
prices = {"A1": "Product", "B1": "Margin"}
for i, (name, m_) in enumerate(MARGIN.items(), start=2):
    prices.update({f"A{i}": name, f"B{i}": m_})
model("real_orders_sumif_index_match", "LP", {"Orders": cells, "Prices": prices},
      {"solver_opt": "Orders!$B$9", "solver_typ": "1", "solver_adj": "Orders!$D$2:$D$6",
       "solver_eng": "2",
       **_constraints("Orders", ("$H$2:$H$3", "<=", "$I$2:$I$3"),
                      ("$D$2:$D$6", "<=", str(MAX_UNITS)))},
      dict(kind="auto", solve=_orders), sheet="Orders")

# the product mix of Hillier & Lieberman (max 3x + 5y: 36 at (2, 6)) on sheets named as
# people name them, the limits a sheet-scoped name of another sheet, the left side
# written without a sheet (as Solver does for the active sheet)
for k, title in enumerate(["2024 Plan (v2)", "Planificación", "Q1&Q2 - it's final"]):
    q = _q(title)
    model(f"real_sheet_name_{k}", "semantics",
          {title: {**base}, "Limits": {"A1": "Plant", "B1": "Hours", "B5": 4, "B6": 12,
                                       "B7": 18}},
          {"solver_opt": f"{q}!$B$3", "solver_typ": "1", "solver_adj": f"{q}!$B$1:$B$2",
           "solver_eng": "2", "solver_num": "1", "solver_lhs1": "$B$5:$B$7",
           "solver_rel1": "1", "solver_rhs1": "Limits!Hours"},
          PM, sheet=title, sheet_names={"Limits": {"Hours": "Limits!$B$5:$B$7"}})

# integer and binary constraints on the same cells, a lower bound on a binary (x1 >= 1
# forces it to 1), and lower bounds typed as formulas: the Stockco budget (Winston 9.2)
# with project 1 required: 16 + best of {22, 12, 8} within 14 - 5 = 9 cash -> 16+12+8+..
# -> enumerated below; INDIRECT reads the cash row in the constraint cell.
def _stockco_forced():
    best = max((16 * a + 22 * b + 12 * c + 8 * d, (a, b, c, d))
               for a in (1,) for b in (0, 1) for c in (0, 1) for d in (0, 1)
               if 5 * a + 7 * b + 4 * c + 3 * d <= 14)
    return float(best[0]), list(best[1])


cells = _stockco_cells()
cells["B7"] = '=SUMPRODUCT(B2:E2,INDIRECT("B"&4&":E"&4))'
model("real_capital_budget_forced_project", "MILP", {"m": cells},
      {"solver_opt": "m!$B$6", "solver_typ": "1", "solver_adj": "m!$B$2:$E$2",
       "solver_eng": "2", "solver_tol": "0",
       **_constraints("m", ("$B$7", "<=", "$B$8"), ("$B$2:$E$2", "int", "integer"),
                      ("$B$2:$E$2", "bin", "binary"), ("$B$2", ">=", "=2-1"),
                      ("$C$2:$E$2", ">=", "=0*3"))},
      dict(kind="optimum", solve=_stockco_forced, atol=1e-9))

# a right side whose cell holds #N/A (a failed lookup): Excel's error-value message
model("real_error_in_right_side", "semantics",
      {"m": {**base, "C6": '=VLOOKUP("Plant 9",E10:F11,2,FALSE)', "E10": "Plant 1",
             "F10": 4, "E11": "Plant 2", "F11": 12}}, PM_SOLVER,
      dict(kind="error", cell="m!C6"))

# the same product mix with its solver_* names at workbook level (no sheet scope), as
# some generators write them, on the second of two sheets
model("real_workbook_level_solver_names", "semantics", {"Other": {"A1": 1}, "m": {**base}},
      PM_SOLVER, PM, solver_scope="workbook")

# Powerco (Winston 7.1, $1,020) with the supplies typed in a row under the plan while
# the plant totals are a column: paired in reading order, as Solver pairs them
cells, xrng, (tot, sup, got, dem), _ = _transport_cells(*POWERCO)
cells.update({"A17": "Supply", "B17": 35, "C17": 50, "D17": 40})
model("real_transport_supply_row_vs_column", "semantics", {"Powerco": cells},
      {"solver_opt": "Powerco!$B$15", "solver_adj": f"Powerco!{xrng}", "solver_eng": "2",
       **_constraints("Powerco", (tot, "<=", "$B$17:$D$17"), (got, ">=", dem))},
      dict(kind="optimum", fun=1020.0, tol=1e-9), sheet="Powerco")

# upper bounds for a column of variables typed in a row: max 3a + 2b + c with
# (a, b, c) <= (2, 5, 4) and a + b + c <= 8 -> (2, 5, 1), 17 (hand computation)
model("real_bounds_row_vs_column", "semantics",
      {"m": {"A1": "a", "B1": 0, "A2": "b", "B2": 0, "A3": "c", "B3": 0, "C1": 3, "C2": 2,
             "C3": 1, "D1": 2, "E1": 5, "F1": 4, "A5": "Value", "B5": "=SUMPRODUCT(B1:B3,C1:C3)",
             "A6": "Total", "B6": "=SUM(B1:B3)"}},
      {"solver_opt": "m!$B$5", "solver_typ": "1", "solver_adj": "m!$B$1:$B$3",
       **_constraints("m", ("$B$1:$B$3", "<=", "$D$1:$F$1"), ("$B$6", "<=", "8"))},
      dict(kind="optimum", fun=17.0, x=[2, 5, 1], atol=1e-6))

# a lower bound typed as a formula of constants (=C1-7 = -5) on a variable: a bound,
# so "Make Unconstrained Variables Non-Negative" does not apply to it; min (x+3)^2 +
# (y-1)^2 -> x = -3, y = 1, 0 (closed form)
model("real_formula_bound_keeps_negative", "semantics",
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "C1": 2, "D1": "=C1-7",
             "A3": "f", "B3": "=(B1+3)^2+(B2-1)^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2", "solver_neg": "1",
       **_constraints("m", ("$B$1", ">=", "$D$1"))},
      dict(kind="optimum", fun=0.0, x=[-3.0, 1.0], atol=1e-6))

# an IF whose other piece lies beyond both of the linearity probes near the start:
# Simplex LP must not report the linear piece's optimum (x = 200, profit 100 while
# x = 150 gives 150) as a solution; Excel's linearity message names the cell
model("real_if_beyond_the_probes_simplex", "semantics",
      {"m": {"A1": "x", "B1": 0, "A2": "profit", "B2": "=IF(B1>150,300-B1,B1)"}},
      {"solver_opt": "m!$B$2", "solver_typ": "1", "solver_adj": "m!$B$1", "solver_eng": "2",
       **_constraints("m", ("$B$1", "<=", "200"))},
      dict(kind="not_linear", cell="m!B2"))

# a distribution plan at Excel Solver's size limit: 10 plants x 20 cities = 200 variable
# cells (seeded costs); HiGHS directly on the same numbers
_r = np.random.default_rng(2024)
BIG_T = (_r.integers(1, 30, (10, 20)).tolist(), [60] * 10, [25] * 20)
transport("real_transport_200_variables", "LP", "Network", *BIG_T,
          dict(kind="auto", solve=lambda: _transport_lp(*BIG_T)))
