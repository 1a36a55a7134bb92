# tier: B
# features: sys.getrefcount of small ints and one-character str, parser references, _Py_ID strings
# Small ints and one-character strings are static in 3.11 (counts start at 999,999,999).
# The parser's arena holds a reference for every time it read a number token; a one-letter
# identifier such as 'a' is a static _Py_ID string, not chr(97).
import sys
l = [2, 3, 4]
print(sys.getrefcount(2), sys.getrefcount(l[1]))
def f(n=5):
    return n + 1
print(sys.getrefcount(5), f())
s = 'a'
print(s is chr(97), sys.intern(chr(97)) is s)
print(sys.getrefcount(s), sys.getrefcount(chr(97)))
print(sys.getrefcount('_'), sys.getrefcount('B'), sys.getrefcount('g'))
