# tier: B
# features: BaseException.add_note: __notes__ in the exception's __dict__, sizes, notes printed after the message
# add_note looks __notes__ up as an attribute, makes the list and sets it (creating the
# exception's __dict__) on the first note; an uncaught exception prints each note's str()
# on its own line after the message.
import gc
import sys

e = ValueError("x")
print(gc.is_tracked(e), hasattr(e, "__notes__"))
e.add_note("first")
print(e.__notes__, sys.getsizeof(e.__notes__), e.__dict__, sys.getsizeof(e.__dict__))
notes = e.__notes__
e.add_note("second")
print(notes is e.__notes__, notes, sys.getsizeof(notes), sys.getrefcount(notes))
e.__notes__ = ["replaced"]
e.add_note("after")
print(e.__notes__, notes)
e.__notes__ = ("tuple",)
try:
    e.add_note("bad")
except TypeError as err:
    print(err)
try:
    e.add_note(5)
except TypeError as err:
    print(err)


class Noted(Exception):
    pass


def fail():
    err = Noted("failed")
    err.add_note("while doing a thing")
    err.add_note("line one\nline two")
    raise err


try:
    fail()
except Noted as caught:
    print(repr(caught), caught.__notes__)
    held = caught
print(sys.getrefcount(held), sys.getrefcount(held.__notes__))
try:
    try:
        fail()
    except Noted as inner:
        inner.add_note("seen by the handler")
        raise KeyError("outer")
except KeyError as outer:
    outer.add_note("outer note")
    raise
