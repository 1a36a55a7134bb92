# tier: B
# features: SyntaxError of an f-string replacement field: message, position and text of "(expr)"
# CPython 3.11 parses a field's expression as "(" + expression + ")" on its own: the error
# message starts with "f-string: ", the columns (in UTF-8 bytes) and the text are those of that
# string, and the line is the line of the field's brace.
sources = [
    "print(f'{1 +}')\n",
    "x = 1\n  # c\ny = (1,\n   f'{a b}')\n",
    "f'{x:{1 +}}'\n",
    "f'''\n{1 +}'''\n",
    "f'{lambda x: 1}'\n",
    "f'{x.None}'\n",
    "f'{a b} {c d}'\n",
    "f'{ 1 + }'\n",
    "f'{*a}'\n",
    "f'{é b}'\n",
    "f'{ é + }'\n",
    "'abc' f'{)}'\n",
    "f'{x!z}'\n",
    "f'{=}'\n",
]
for src in sources:
    try:
        compile(src, "<lesson>", "exec")
        print("compiles:", repr(src))
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
