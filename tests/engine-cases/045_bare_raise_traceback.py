# tier: B
# features: bare raise re-raises without a traceback entry for its frame, tb chain, gc.get_count()
# A bare `raise` restores the exception being handled and unwinds (do_raise -> exception_unwind):
# unlike `raise e`, it adds no traceback object for the frame that re-raises.
import gc
import sys


def inner():
    1 / 0


def bare():
    try:
        inner()
    except ZeroDivisionError:
        raise


def named():
    try:
        inner()
    except ZeroDivisionError as e:
        raise e


def chain(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


for fn in (bare, named):
    n0 = gc.get_count()[0]
    try:
        fn()
    except ZeroDivisionError as e:
        print(fn.__name__, chain(e.__traceback__), gc.get_count()[0] - n0)
        del e
    print(gc.get_count()[0] - n0)


def twice():
    try:
        try:
            inner()
        except ZeroDivisionError:
            raise
    except ZeroDivisionError:
        raise


try:
    twice()
except ZeroDivisionError as e:
    print(chain(e.__traceback__), sys.getrefcount(e))
try:
    raise
except RuntimeError as e:
    print(e, chain(e.__traceback__))
try:
    bare()
except ZeroDivisionError:
    raise
