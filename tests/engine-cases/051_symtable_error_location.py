# tier: B
# features: compile() SyntaxError location of symbol-table errors (nonlocal without binding, nonlocal and global)
# The symbol table reports these errors at the global/nonlocal statement that declared the
# name (error_at_directive), not at an unknown line 0.
sources = [
    "def f():\n    nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
    "def outer():\n    def inner():\n        y = 2\n        nonlocal y\n",
    "class C:\n    def m(self):\n        nonlocal __p\n",
    "def f():\n    print(1)\n    nonlocal a, b\n",
]
for src in sources:
    try:
        compile(src, "<lesson>", "exec")
        print("compiles:", repr(src))
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
