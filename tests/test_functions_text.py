"""Text functions against the examples of Excel's help pages (URL per group, under
https://support.microsoft.com/en-us/office/) and hand computations."""
import pytest

from sheetsolver.values import DIV0, NA, VALUE

MS = "https://support.microsoft.com/en-us/office/"


def check(evaluate, cases, extra=None):
    cells = dict(extra or {})
    cells.update({f"A{k + 1}": f for k, (f, _) in enumerate(cases)})
    value = evaluate(cells)
    for k, (f, want) in enumerate(cases):
        got = value(f"A{k + 1}")
        if isinstance(want, float):
            assert got == pytest.approx(want, rel=1e-9), f
        else:
            assert got == want, f


# char-function-bbd249c8, code-function-c32b692b, unichar-function-ffeb64f5,
# unicode-function-adb74aaa, clean-function-26f3d7c5, exact-function-d3087698,
# proper-function-52a5a283, rept-function-04c4d778, t-function-fb83aeec
def test_characters_and_simple_text(evaluate):
    check(evaluate, [
        ("=CHAR(65)", "A"), ("=CHAR(33)", "!"),
        ("=CHAR(128)", "\u20ac"),            # Windows-1252: 128 is the euro sign
        ("=CHAR(0)", VALUE), ("=CHAR(256)", VALUE),
        ('=CODE("A")', 65.0), ('=CODE("!")', 33.0), ('=CODE("Alphabet")', 65.0),
        ('=CODE("")', VALUE),
        ("=UNICHAR(66)", "B"), ("=UNICHAR(32)", " "), ("=UNICHAR(0)", VALUE),
        ("=UNICHAR(1114112)", VALUE),
        ('=UNICODE(" ")', 32.0), ('=UNICODE("B")', 66.0), ('=UNICODE("")', VALUE),
        ('=CLEAN(CHAR(9)&"Monthly report"&CHAR(10))', "Monthly report"),
        ('=EXACT("word","word")', True), ('=EXACT("Word","word")', False),
        ('=EXACT("w ord","word")', False), ("=EXACT(1,\"1\")", True),
        ('=PROPER("this is a TITLE")', "This Is A Title"),
        ('=PROPER("2-way street")', "2-Way Street"),
        ('=PROPER("76BudGet")', "76Budget"),
        ('=PROPER("don\'t")', "Don'T"),
        ('=REPT("*-",3)', "*-*-*-"), ('=REPT("-",10)', "----------"),
        ('=REPT("a",0)', ""), ('=REPT("a",-1)', VALUE), ('=REPT("ab",20000)', VALUE),
        ('=T("Rainfall")', "Rainfall"), ("=T(19)", ""), ("=T(TRUE)", ""), ("=T(1/0)", DIV0),
        ('=ASC("ＡＢＣ１")', "ABC1"), ('=ASC("abc")', "abc"), ('=DBCS("abc")', "abc"),
    ])


# find-findb-functions-c7912941, search-searchb-functions-9ab04538,
# replace-replaceb-functions-8d799074, substitute-function-6434944e
def test_find_search_replace(evaluate):
    extra = {"B1": "Miriam McGovern", "B2": "Statements", "B3": "Profit Margin",
             "B4": "margin", "B5": 'The "boss" is here.'}
    check(evaluate, [
        ('=FIND("M",B1)', 1.0), ('=FIND("m",B1)', 6.0), ('=FIND("M",B1,3)', 8.0),
        ('=FIND("z",B1)', VALUE), ('=FIND("M",B1,0)', VALUE), ('=FIND("M",B1,99)', VALUE),
        ('=FIND("","abc")', 1.0),
        ('=SEARCH("e",B2,6)', 7.0), ("=SEARCH(B4,B3)", 8.0),
        ('=REPLACE(B3,SEARCH(B4,B3),6,"Amount")', "Profit Amount"),
        ('=MID(B3,SEARCH(" ",B3)+1,4)', "Marg"),
        ('=SEARCH("""",B5)', 5.0),
        ('=SEARCH("p?o",B3)', 1.0), ('=SEARCH("m*n",B3)', 8.0), ('=SEARCH("~?","a?b")', 2.0),
        ('=SEARCH("x",B3)', VALUE),
        ('=REPLACE("abcdefghijk",6,5,"*")', "abcde*k"),
        ('=REPLACE("2009",3,2,"10")', "2010"),
        ('=REPLACE("123456",1,3,"@")', "@456"),
        ('=REPLACE("abc",0,1,"x")', VALUE),
        ('=SUBSTITUTE("Sales Data","Sales","Cost")', "Cost Data"),
        ('=SUBSTITUTE("Quarter 1, 2008","1","2",1)', "Quarter 2, 2008"),
        ('=SUBSTITUTE("Quarter 1, 2011","1","2",3)', "Quarter 1, 2012"),
        ('=SUBSTITUTE("aaaa","aa","b",2)', "aab"),
        ('=SUBSTITUTE("abc","z","y",1)', "abc"),
        ('=SUBSTITUTE("abc","b","y",0)', VALUE),
        ('=FINDB("c","abc")', 3.0), ('=SEARCHB("B","abc")', 2.0),
        ('=REPLACEB("abc",2,1,"X")', "aXc"), ('=LENB("abc")', 3.0),
        ('=LEFTB("abc",2)', "ab"), ('=RIGHTB("abc",2)', "bc"), ('=MIDB("abcd",2,2)', "bc"),
    ], extra)


# concat-function-9b1a9a3f, textjoin-function-357b449a
def test_concat_and_textjoin(evaluate):
    extra = {"B1": "a", "B2": 1, "B4": True, "C1": "b", "C2": 2.5, "C3": "c"}
    check(evaluate, [
        ('=CONCAT("The"," ","sun"," ","will"," ","come"," ","up"," ","tomorrow.")',
         "The sun will come up tomorrow."),
        ("=CONCAT(B1:C4)", "ab12.5cTRUE"),             # row by row, blanks empty
        ("=CONCAT(B1,1/0)", DIV0),
        ('=TEXTJOIN(" ",TRUE,"The","sun","will","come","up","tomorrow.")',
         "The sun will come up tomorrow."),
        ('=TEXTJOIN(",",TRUE,B1:C4)', "a,b,1,2.5,c,TRUE"),
        ('=TEXTJOIN(",",FALSE,B1:B4)', "a,1,,TRUE"),
        ('=TEXTJOIN({",",";"},FALSE,"a","b","","d")', "a,b;,d"),
        ('=TEXTJOIN(",",TRUE,"a",1/0)', DIV0),
    ], extra)


# textbefore-function-d099c28a, textafter-function-c8db2546, textsplit-function-b1ca414e
def test_textbefore_textafter_textsplit(evaluate):
    extra = {"B2": "Little Red Riding Hood's red hood", "B3": "Little red Riding Hood's red hood",
             "C2": "Marcus Aurelius", "C3": "Socrates"}
    check(evaluate, [
        ('=TEXTAFTER(B2,"Red")', " Riding Hood's red hood"),
        ('=TEXTAFTER(B2,"basket")', NA),
        ('=TEXTAFTER(B3,"red",2)', " hood"),
        ('=TEXTAFTER(B3,"red",-2)', " Riding Hood's red hood"),
        ('=TEXTAFTER(B3,"Red",,FALSE)', NA),
        ('=TEXTAFTER(B2,"red",3)', NA),
        ('=TEXTAFTER(C2," ",,,1)', "Aurelius"),
        ('=TEXTAFTER(C3," ",,,0)', NA),
        ('=TEXTAFTER(C3," ",,,1)', ""),
        ('=TEXTAFTER("Red riding hood\'s, red hood","hood")', "'s, red hood"),
        ('=TEXTAFTER("Red riding hood\'s, red hood","")', "Red riding hood's, red hood"),
        ('=TEXTAFTER("Red riding hood\'s, red hood","",-1)', ""),
        ('=TEXTAFTER(B2,"red",0)', VALUE),
        ('=TEXTAFTER(B2,"HOOD",1,1)', "'s red hood"),
        ('=TEXTAFTER(B2,"x",1,0,0,"none")', "none"),
        ('=TEXTBEFORE(B2,"Red")', "Little "),
        ('=TEXTBEFORE(B3,"Red")', NA),
        ('=TEXTBEFORE(B3,"red",2)', "Little red Riding Hood's "),
        ('=TEXTBEFORE(B3,"red",-2)', "Little "),
        ('=TEXTBEFORE(B3,"Red",,FALSE)', NA),
        ('=TEXTBEFORE(B3,"red",3)', NA),
        ('=TEXTBEFORE(C2," ",,,1)', "Marcus"),
        ('=TEXTBEFORE(C3," ",,,0)', NA),
        ('=TEXTBEFORE(C3," ",,,1)', "Socrates"),
        ('=TEXTBEFORE("Red riding hood\'s, red hood","hood")', "Red riding "),
        ('=TEXTBEFORE("Red riding hood\'s, red hood","")', ""),
        ('=TEXTBEFORE("Red riding hood\'s, red hood","",-1)', "Red riding hood's, red hood"),
        ('=TEXTBEFORE("a-b_c",{"_","-"})', "a"),
        ('=TEXTBEFORE("","x")', ""),
        ('=INDEX(TEXTSPLIT("Dakota Lennon Sanchez"," "),1,3)', "Sanchez"),
        ('=COLUMNS(TEXTSPLIT("Dakota Lennon Sanchez"," "))', 3.0),
        ('=INDEX(TEXTSPLIT("1,2,3;4,5,6",",",";"),2,1)', "4"),
        ('=ROWS(TEXTSPLIT("1,2,3;4,5,6",",",";"))', 2.0),
        ('=INDEX(TEXTSPLIT("1,2,3;4,5",",",";"),2,3)', NA),          # padded with #N/A
        ('=INDEX(TEXTSPLIT("1,2,3;4,5",",",";",,,"-"),2,3)', "-"),
        ('=COLUMNS(TEXTSPLIT("a,,b",","))', 3.0),
        ('=COLUMNS(TEXTSPLIT("a,,b",",",,TRUE))', 2.0),
        ('=INDEX(TEXTSPLIT("Do. Or do not. There is no try. -Anonymous",{".","-"}),1,5)',
         "Anonymous"),
        ('=COLUMNS(TEXTSPLIT("aXbxc","x",,,1))', 3.0),
    ], extra)


# valuetotext-function-5fff61a2, arraytotext-function-9cdcad46,
# numbervalue-function-1b05c8cf
def test_values_as_text(evaluate):
    extra = {"B1": True, "B2": "=1/0", "C1": 1234.01234, "C2": "Seattle"}
    check(evaluate, [
        ('=VALUETOTEXT("abc")', "abc"), ('=VALUETOTEXT("abc",1)', '"abc"'),
        ("=VALUETOTEXT(12.5)", "12.5"), ("=VALUETOTEXT(TRUE,1)", "TRUE"),
        ("=VALUETOTEXT(B2)", "#DIV/0!"), ("=VALUETOTEXT(1,2)", VALUE),
        ("=ARRAYTOTEXT(B1:C2)", "TRUE, 1234.01234, #DIV/0!, Seattle"),
        ("=ARRAYTOTEXT(B1:C2,1)", '{TRUE,1234.01234;#DIV/0!,"Seattle"}'),
        ('=ARRAYTOTEXT({1,"a";TRUE,2},1)', '{1,"a";TRUE,2}'),
        ('=NUMBERVALUE("2.500,27",",",".")', 2500.27),
        ('=NUMBERVALUE("3.5%")', 0.035),
        ('=NUMBERVALUE("1 000")', 1000.0),
        ('=NUMBERVALUE("")', 0.0),
        ('=NUMBERVALUE("9%%")', 0.0009),
        ('=NUMBERVALUE("1.2.3")', VALUE),
        ('=NUMBERVALUE("1,5",",")', 1.5),
        ('=NUMBERVALUE("abc")', VALUE),
    ], extra)


# fixed-function-ffd5723c, dollar-function-a6cd05d9, text-function-20d5ac4d
def test_fixed_dollar_text(evaluate):
    check(evaluate, [
        ("=FIXED(1234.567,1)", "1,234.6"),
        ("=FIXED(1234.567,-1)", "1,230"),
        ("=FIXED(-1234.567,-1,TRUE)", "-1230"),
        ("=FIXED(44.332)", "44.33"),
        ("=FIXED(2.675,2)", "2.68"),            # half away from zero on the decimal value
        ("=FIXED(-0.001,2)", "0.00"),
        ('=FIXED("x")', VALUE),
        ("=DOLLAR(1234.567,2)", "$1,234.57"),
        ("=DOLLAR(1234.567,-2)", "$1,200"),
        ("=DOLLAR(-1234.567,-2)", "($1,200)"),
        ("=DOLLAR(-0.123,4)", "($0.1230)"),
        ("=DOLLAR(99.888)", "$99.89"),
        ('=TEXT(1234.567,"$#,##0.00")', "$1,234.57"),
        ('=TEXT(0.285,"0.0%")', "28.5%"),
        ('=TEXT(4.34,"# ?/?")', "4 1/3"),
        ('=TRIM(TEXT(0.34,"# ?/?"))', "1/3"),
        ('=TEXT(12200000,"0.00E+00")', "1.22E+07"),
        ('=TEXT(1234567898,"[<=9999999]###-####;(###) ###-####")', "(123) 456-7898"),
        ('=TEXT(1234,"0000000")', "0001234"),
        ('=TEXT(123456,"##0° 00\' 00\'\'")', "12° 34' 56''"),
        ('=TEXT(DATE(2008,1,1),"mm/dd/yy")', "01/01/08"),
        ('=TEXT(DATE(2008,1,1),"dddd")', "Tuesday"),
        ('=TEXT("12","0.00")', "12.00"),         # numeric text is converted
        ('=TEXT("abc","0.00")', "abc"),          # other text is returned as it is
        ('=TEXT(TRUE,"0.00")', "TRUE"),
        ('=TEXT(1/0,"0")', DIV0),
        ('=TEXT(-1,"yyyy")', VALUE),             # no date before 0 Jan 1900
        ('=TEXT(5,"")', ""),
        ('=TEXT(PI(),"General")', "3.141592654"),      # General: 11 characters
        # files written by Excel prefix newer functions with _xlfn.
        ('=_xlfn.TEXTJOIN(",",TRUE,"a","b")', "a,b"), ('=_xlfn.CONCAT("a","b")', "ab"),
        ('=_xlfn.NUMBERVALUE("1.5")', 1.5), ("=_xlfn.UNICHAR(66)", "B"),
    ])


def test_categories_and_help_pages():
    from sheetsolver.engine.functions import FUNCTIONS
    from sheetsolver.engine.functions.lift import CATEGORIES, HELP
    names = ("CHAR CLEAN CODE CONCAT DOLLAR EXACT FIND FIXED NUMBERVALUE PROPER REPLACE REPT "
             "SEARCH SUBSTITUTE T TEXT TEXTAFTER TEXTBEFORE TEXTJOIN TEXTSPLIT UNICHAR UNICODE "
             "VALUETOTEXT ARRAYTOTEXT LENB LEFTB RIGHTB MIDB FINDB SEARCHB REPLACEB ASC DBCS")
    for n in names.split():
        assert n in FUNCTIONS, n
        assert CATEGORIES[n] == "Text", n
        assert HELP[n].startswith(MS), n
    assert FUNCTIONS["LENB"].name == "LENB" and FUNCTIONS["LEN"].name == "LEN"
