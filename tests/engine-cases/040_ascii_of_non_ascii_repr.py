# tier: B
# features: ascii() and !a of non-ASCII reprs, sys.getsizeof of the result, tracemalloc peak of the escaped bytes
# PyObject_ASCII escapes the repr's non-ASCII characters (backslashreplace into a bytes object,
# decoded into the result); the repr is not quoted a second time.
import sys
import tracemalloc


class C:
    def __repr__(self):
        return "Ç\u1234\U0001f600"


x = ["é", 1]
for v in (ascii(x), ascii("é"), ascii(1), ascii("a'b\"c"), ascii("😀\n"), ascii(C())):
    print(v, len(v), sys.getsizeof(v))
print(f"{x!a} {'é'!a} {C()!a}")
print("%a %a" % (x, "é"), "{!a}".format(C()))
s = "é" * 200
tracemalloc.start()
r = ascii(s)
size, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(len(r), sys.getsizeof(r), size, peak)
