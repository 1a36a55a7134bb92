# tier: B
# features: UnboundLocalError location in quickened code (superinstructions), tb_lineno
# Once a code object is quickened (its 8th RESUME or JUMP_BACKWARD), LOAD_FAST pairs with the
# LOAD_FAST, STORE_FAST or LOAD_CONST before it into one superinstruction, and an unbound local
# in the second half is reported at the first half's position.


def pair(warm):
    for i in range(warm):
        pass
    a = 1
    c = 2
    d = 3
    try:
        print(a, b)
    except UnboundLocalError as e:
        print("pair", e.__traceback__.tb_lineno)
    try:
        x = 5
        return b
    except UnboundLocalError as e:
        print("store", e.__traceback__.tb_lineno, x)
    try:
        print(a, c, b)
    except UnboundLocalError as e:
        print("three", e.__traceback__.tb_lineno)
    b = 4


for w in (1, 20):
    pair(w)


def show(warm):
    for i in range(warm):
        pass
    a = 1
    c = 2
    d = 3
    print(a,
          c,
          d,
          b)
    b = 4


show(1) if False else None
try:
    show(1)
except UnboundLocalError as e:
    print("cold", e.__traceback__.tb_next.tb_lineno)


def const(warm):
    for i in range(warm):
        pass
    print(1,
          b)
    b = 4


try:
    const(20)
except UnboundLocalError as e:
    print("const", e.__traceback__.tb_next.tb_lineno)
show(20)
