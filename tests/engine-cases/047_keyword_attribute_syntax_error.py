# tier: B
# features: SyntaxError for a keyword used as an attribute name (x.True, x.if, a.b.class), compile()
# A keyword is never a NAME token: after a dot, CPython's parser stops at it with "invalid
# syntax" on the keyword, before any later error in the statement.
sources = [
    "x.True = 1\n",
    "print(x.None)\n",
    "y = a.b.class.c\n",
    "x = y.await\n",
    "del x.if\n",
    "f(a.None, 1 +)\n",
    "x = 1\nif x.else:\n    pass\n",
    "x.match = 1\nprint(x.case)\n",
]
for src in sources:
    try:
        compile(src, "<lesson>", "exec")
        print("compiles:", repr(src))
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
