# tier: B
# features: repr of method-wrapper objects (wrapper_repr) and code objects (code_repr)
# A method-wrapper prints the slot's name, the bound object's type and its address; a code
# object its name, address, file and first line.


class A:
    pass


a = A()
n = 12345
for w, obj in ((a.__init__, a), (n.__add__, n), (().__iter__, ()), ("".__len__, "")):
    r = repr(w)
    print(r.split(" at ")[0], r == r.split(" at ")[0] + " at %s>" % hex(id(obj)))


def f():
    pass


lam = lambda: 0
for code in (f.__code__, lam.__code__, compile("x = 1", "<lesson>", "exec")):
    r = repr(code)
    head, tail = r.split(" at ", 1)
    where = tail.split(", ", 1)[1]
    # the file's folder is the machine's: keep its last part
    print(head, where.split('"')[0] + where.split('"')[1].split("/")[-1], where.split('"')[2])
    print(tail.split(",")[0] == hex(id(code)))
