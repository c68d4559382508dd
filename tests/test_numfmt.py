"""Excel number format codes (numfmt.py, the engine of TEXT).

Expected values: the examples of Excel's "Number format codes" page (https://support.
microsoft.com/en-us/office/number-format-codes-5026bbd6-04bc-48cd-bf33-80f18b4eae68)
and of the TEXT help page
(https://support.microsoft.com/en-us/office/text-function-20d5ac4d-7b94-49fd-bb38-93d29371225c),
otherwise worked out by hand from the rules those pages state."""
import pytest

from sheetsolver.engine.functions.numfmt import fixed_text, format_value
from sheetsolver.values import VALUE

D2008 = 39448.0          # 1 Jan 2008, a Tuesday (DATEVALUE("1/1/2008") = 39448)

CASES = [
    # --- the help pages' examples
    (1234.567, "$#,##0.00", "$1,234.57"),
    (0.285, "0.0%", "28.5%"),
    (4.34, "# ?/?", "4 1/3"),
    (12200000, "0.00E+00", "1.22E+07"),
    (1234567898, "[<=9999999]###-####;(###) ###-####", "(123) 456-7898"),
    (1234567, "[<=9999999]###-####;(###) ###-####", "123-4567"),
    (1234, "0000000", "0001234"),
    (123456, "##0° 00' 00''", "12° 34' 56''"),
    (1234.59, "####.#", "1234.6"),
    (8.9, "#.000", "8.900"),
    (0.631, "0.#", "0.6"),
    (12, "#.0#", "12.0"),
    (1234.568, "#.0#", "1234.57"),
    (44.398, "???.???", " 44.398"),      # ? pads with spaces to align the point
    (102.65, "???.???", "102.65 "),
    (2.8, "???.???", "  2.8  "),
    (12000, "#,###", "12,000"),
    (12000, "#,", "12"),
    (12200000, "0.0,,", "12.2"),
    # --- sections, conditions, colours, literals (by hand from the stated rules)
    (-1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)"),      # 2nd section: no minus sign
    (-5, "0", "-5"),                                       # one section: minus shown
    (0, '0;-0;"zero"', "zero"),
    (0, "0.00;(0.00)", "0.00"),                            # two sections: zero uses the first
    (0, "0;-0;;@", ""),                                    # an empty section shows nothing
    (-3, "[Red]0.00;[Blue]-0.00", "-3.00"),
    (150, '[>100]"big";"small"', "big"),
    (50, '[>100]"big";"small"', "small"),
    (5, "0_)", "5 "),                                      # _x leaves a space
    (1234.4, "$#,##0_);($#,##0)", "$1,234 "),
    (-1234.4, "$#,##0_);($#,##0)", "($1,234)"),
    (1, '0.00 "kg"', "1.00 kg"),
    (7, "\\#0", "#7"),
    (1234, "#,##0.00 [$€-407]", "1,234.00 €"),
    (1234, "[$$-409]#,##0.00", "$1,234.00"),
    (12, "@", "12"),
    ("abc", '0;0;0;"text:"@', "text:abc"),
    ("abc", "0.00", "abc"),
    ("abc", "@ @", "abc abc"),
    # --- digits, rounding, scaling
    (1234567, "#,##0", "1,234,567"),
    (-1234567.891, "#,##0.00", "-1,234,567.89"),
    (1234567, "#,##0,", "1,235"),
    (12345678, '#,##0,,"M"', "12M"),
    (5, "0,000", "0,005"),
    (2.675, "0.00", "2.68"),          # the decimal value is rounded, not the binary one
    (0.125, "0.00", "0.13"),
    (-0.125, "0.00", "-0.13"),        # half away from zero
    (0.5, "#.00", ".50"),
    (0, "#", ""),
    (0, "#.##", "."),
    (0, "#,##0", "0"),
    (0.999999, "0.00", "1.00"),
    (99.999, "#,##0.0", "100.0"),
    (12.5, ".00", "12.50"),           # integer digits shown even without placeholders
    (5, "0%", "500%"),
    (0.1234, "0.0%;-0.0%", "12.3%"),
    (1234567890123456789, "0", "1234567890123460000"),   # 15 significant digits
    (0.5, '"Total: "General', "Total: 0.5"),
    # --- scientific
    (0.000123, "0.00E+00", "1.23E-04"),
    (9.9999, "0.00E+00", "1.00E+01"),
    (123, "0.0E+00", "1.2E+02"),
    (123, "0.0E-00", "1.2E02"),
    (0.0123, "0.0E-00", "1.2E-02"),
    (123456, "##0.0E+0", "123.5E+3"),     # engineering: exponent a multiple of 3
    (1234, "##0.0E+0", "1.2E+3"),
    (0, "0.00E+00", "0.00E+00"),
    # --- fractions
    (0.5, "?/?", "1/2"),
    (2.5, "?/?", "5/2"),                  # no integer part: improper fraction
    (-2.5, "# ?/?", "-2 1/2"),
    (3.14159, "# #/#", "3 1/7"),
    (0.333, "??/??", " 1/3 "),
    (0.25, "# ??/100", " 25/100"),        # fixed denominator
    (3, "# ?/?", "3    "),                # a whole number: the fraction becomes spaces
    (5.25, "# ???/???", "5   1/4  "),
    # --- dates and times
    (D2008, "mm/dd/yy", "01/01/08"),
    (D2008, "m/d/yyyy", "1/1/2008"),
    (D2008, "dddd, mmmm d, yyyy", "Tuesday, January 1, 2008"),
    (D2008, "ddd mmm dd", "Tue Jan 01"),
    (D2008, "mmmmm", "J"),
    (D2008, "yy", "08"),
    (D2008, "d-mmm-yyyy", "1-Jan-2008"),
    (60, "yyyy-mm-dd", "1900-02-29"),     # Excel's fictitious day
    (0, "m/d/yyyy", "1/0/1900"),
    (1, "dddd", "Sunday"),                # Excel counts 1 Jan 1900 as a Sunday
    (0.75, "h:mm AM/PM", "6:00 PM"),
    (0.75, "hh:mm:ss", "18:00:00"),
    (0.5, "h AM/PM", "12 PM"),
    (0, "h AM/PM", "12 AM"),
    (0.5, "h:mm:ss A/P", "12:00:00 P"),
    (0.25, "h:mm a/p", "6:00 a"),
    ((4 * 3600 + 36 * 60 + 3.75) / 86400, "h:mm:ss.00", "4:36:03.75"),
    ((4 * 3600 + 36 * 60 + 3.75) / 86400, "h:mm:ss", "4:36:04"),     # rounded to the second
    (1.5, "[h]:mm", "36:00"),
    (44.5, "[h]:mm:ss", "1068:00:00"),
    ((63 * 60 + 46) / 86400, "[mm]:ss", "63:46"),
    ((63 * 60 + 46) / 86400, "mm:ss", "03:46"),        # m before s is minutes
    ((63 * 60 + 46) / 86400, "[ss]", "3826"),
    (D2008 + 0.75, "m/d/yy h:mm", "1/1/08 18:00"),     # m after h is minutes, else month
    (1.5, 'd "days" h "hours"', "1 days 12 hours"),
    (0.999999999, "h:mm:ss", "0:00:00"),               # rounds up to the next day
]


@pytest.mark.parametrize("value, fmt, expected", CASES)
def test_format_value(value, fmt, expected):
    assert format_value(value, fmt) == expected


def test_dates_outside_excel_range_are_errors():
    assert format_value(-1, "yyyy") == VALUE
    assert format_value(2958466, "d") == VALUE


def test_fixed_text():
    # FIXED help page (fixed-function-ffd5723c-324c-45e9-8b96-e41be2a8274a)
    assert fixed_text(1234.567, 1) == "1,234.6"
    assert fixed_text(1234.567, -1) == "1,230"
    assert fixed_text(-1234.567, -1, commas=False) == "-1230"
    assert fixed_text(44.332, 2) == "44.33"
    assert fixed_text(0.5, 0) == "1"
    assert fixed_text(-0.001, 2) == "0.00"


# General in a standard cell: 11 characters; "scientific notation for large numbers
# (12 or more digits)" (Excel's "Available number formats" page,
# https://support.microsoft.com/en-us/office/available-number-formats-in-excel-0afe8f52-97db-41f1-b972-4b46e9f1e8d2)
@pytest.mark.parametrize("value, expected", [
    (3.141592653589793, "3.141592654"), (-3.141592653589793, "-3.141592654"),
    (1 / 3, "0.333333333"), (12345678901, "12345678901"), (123456789012, "1.23457E+11"),
    (99999999999.5, "1E+11"), (0.0001, "0.0001"), (0.00001, "1E-05"),
    (0.000123456789, "0.000123457"), (1234.5, "1234.5"), (0, "0"), (1e100, "1E+100"),
    (12345.6789, "12345.6789"), (-5, "-5"),
])
def test_general_display(value, expected):
    from sheetsolver.engine.functions.numfmt import general_display
    assert general_display(value) == expected
    assert format_value(value, "General") == expected
