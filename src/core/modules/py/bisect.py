"""Bisection algorithms: PyMem Lab's bisect module.

As in CPython 3.11, the functions are the C ones of _bisect (bisectmodule.ts);
bisect and insort are other names of bisect_right and insort_right.
"""

from _bisect import *

bisect = bisect_right
insort = insort_right
