# tier: B
# features: compile() SyntaxError attributes for errors spanning lines, adjacent strings; IndentationError/TabError arguments
# An error that spans lines was found with the tokenizer on its last line: its text is the first
# line without newline and its end_offset is measured against that line. A "forgot a comma"
# after adjacent string literals starts at the first of them. IndentationError and TabError take
# SyntaxError's (msg, (filename, lineno, offset, text)) arguments.
sources = [
    "x = ('abc'\n    d('abc')\n    'x')\n",
    "x = ('abc' 'd'\n    d('abc'))\n",
    "x = (1 +\n 2) = 3\n",
    "x = ('a' 'b' c)\n",
    "x = (1, 2\n",
]
for src in sources:
    try:
        compile(src, "<lesson>", "exec")
        print("compiles:", repr(src))
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
for cls in (SyntaxError, IndentationError, TabError):
    e = cls("oops", ("lesson.py", 2, 3, "   y\n"))
    print(cls.__name__, repr(e.msg), e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, str(e))
