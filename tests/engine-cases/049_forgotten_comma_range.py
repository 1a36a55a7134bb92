# tier: B
# features: "Perhaps you forgot a comma?" spans the whole expression after the missing comma, compile()
# CPython's invalid_expression rule raises the error over a=disjunction .. b=expression, the
# whole expression that follows (a subscript, call or attribute chain included).
sources = [
    "x = (values[0] values[1])\n",
    "x = [a.b c.d]\n",
    "f(a(1) b(2))\n",
    "x = (a b.c)\n",
    "x = (a b if c else d)\n",
    "x = {1: a b}\n",
    "f(a, b c, d)\n",
    "x = (a -b)\n",
    "x = (a b[1:2].c(3) d)\n",
    "x = [a\n  b.c\n  .d]\n",
]
for src in sources:
    try:
        compile(src, "<lesson>", "exec")
        print("compiles:", repr(src))
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
