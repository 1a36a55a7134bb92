"""copy for the PyMem Lab engine: shallow and deep copies, an independent implementation
of the behaviour of CPython 3.11's copy module for the objects the lab supports.
Instances are copied through their __dict__ (which, as in CPython, materialises it)."""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass

error = Error

_ATOMIC = (type(None), int, float, bool, complex if False else int, str, bytes,
           type, range, type(len), type(Ellipsis), type(NotImplemented),
           type(lambda: 0), property)


def _is_atomic(cls):
    for t in _ATOMIC:
        if cls is t:
            return True
    return False


def copy(x):
    """A shallow copy of x."""
    cls = type(x)
    if _is_atomic(cls) or cls is tuple or cls is frozenset:
        return x
    if cls is list or cls is dict or cls is set:
        return x.copy()
    if hasattr(cls, "__copy__"):
        return cls.__copy__(x)
    return _rebuild(x, cls, None, None)


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x; memo maps id() of originals to their copies."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(cls):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is tuple:
        parts = [deepcopy(item, memo) for item in x]
        try:
            return memo[d]
        except KeyError:
            pass
        same = True
        for i in range(len(x)):
            if parts[i] is not x[i]:
                same = False
                break
        y = x if same else tuple(parts)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set or cls is frozenset:
        y = cls(deepcopy(item, memo) for item in x)
    elif hasattr(cls, "__deepcopy__"):
        y = x.__deepcopy__(memo)
    else:
        y = _rebuild(x, cls, memo, d)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    """Holds the originals in the memo so their ids stay valid while copying."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _rebuild(x, cls, memo, key):
    """A new instance of cls with x's state (deep-copied when memo is given)."""
    y = cls.__new__(cls)
    if memo is not None:
        memo[key] = y
    if hasattr(x, "__dict__"):
        state = x.__dict__
        if memo is not None:
            state = deepcopy(state, memo)
        if state:
            y.__dict__.update(state)
    slots = []
    for klass in cls.__mro__:
        names = klass.__dict__.get("__slots__", ())
        if isinstance(names, str):
            names = (names,)
        for name in names:
            if name not in ("__dict__", "__weakref__"):
                slots.append(name)
    for name in slots:
        if hasattr(x, name):
            value = getattr(x, name)
            if memo is not None:
                value = deepcopy(value, memo)
            setattr(y, name, value)
    return y
