"""weakref for the PyMem Lab engine.

An independent implementation of the interface of CPython 3.11's weakref module. The
containers keep the same observable state as CPython's (a `data` dict or set of weak
references, the `_remove` callback, `_pending_removals` while iterating), so the objects
a program creates, their reference counts and what the collector finds are the same.
"""

from _weakref import (getweakrefcount, getweakrefs, ref, proxy,
                      CallableProxyType, ProxyType, ReferenceType,
                      _remove_dead_weakref)
from _weakrefset import WeakSet, _IterationGuard
import sys

ProxyTypes = (ProxyType, CallableProxyType)

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs",
           "WeakKeyDictionary", "ReferenceType", "ProxyType",
           "CallableProxyType", "ProxyTypes", "WeakValueDictionary",
           "WeakSet", "WeakMethod", "finalize"]


class WeakMethod(ref):
    """Weakly references a bound method: dead once its object or function dies."""

    __slots__ = "_func_ref", "_meth_type", "_alive", "__weakref__"

    def __new__(cls, meth, callback=None):
        if not (hasattr(meth, "__self__") and hasattr(meth, "__func__")):
            raise TypeError("argument should be a bound method, not {}".format(type(meth)))
        target, function = meth.__self__, meth.__func__

        def notify(_):
            me = me_ref()
            if me._alive:
                me._alive = False
                if callback is not None:
                    callback(me)

        me = ref.__new__(cls, target, notify)
        me._func_ref = ref(function, notify)
        me._meth_type = type(meth)
        me._alive = True
        me_ref = ref(me)
        return me

    def __call__(self):
        target = super().__call__()
        function = self._func_ref()
        if target is None or function is None:
            return None
        return self._meth_type(function, target)

    __hash__ = ref.__hash__


class KeyedRef(ref):
    """A weak reference that carries the key its container stores it under."""

    __slots__ = "key",

    def __new__(type, ob, callback, key):
        made = ref.__new__(type, ob, callback)
        made.key = key
        return made

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


def _flush_value_removals(container):
    queue = container._pending_removals
    while queue:
        _remove_dead_weakref(container.data, queue.pop())


class WeakValueDictionary:
    """A dict whose values are weakly referenced: an entry leaves with its value."""

    def __init__(self, other=(), /, **kw):
        def remove(wr, selfref=ref(self), _atomic_removal=_remove_dead_weakref):
            owner = selfref()
            if owner is None:
                return
            if owner._iterating:
                owner._pending_removals.append(wr.key)
            else:
                _atomic_removal(owner.data, wr.key)
        self._remove = remove
        self._pending_removals = []
        self._iterating = set()
        self.data = {}
        self.update(other, **kw)

    def _commit_removals(self):
        _flush_value_removals(self)

    def _live(self, key):
        """The value stored under key, or None when it is missing or dead."""
        wr = self.data.get(key)
        return None if wr is None else wr()

    def __getitem__(self, key):
        if self._pending_removals:
            self._commit_removals()
        value = self.data[key]()
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value):
        if self._pending_removals:
            self._commit_removals()
        self.data[key] = KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        if self._pending_removals:
            self._commit_removals()
        del self.data[key]

    def __len__(self):
        if self._pending_removals:
            self._commit_removals()
        return len(self.data)

    def __contains__(self, key):
        if self._pending_removals:
            self._commit_removals()
        return self._live(key) is not None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def get(self, key, default=None):
        if self._pending_removals:
            self._commit_removals()
        value = self._live(key)
        return default if value is None else value

    def setdefault(self, key, default=None):
        value = self._live(key)
        if value is not None:
            return value
        if self._pending_removals:
            self._commit_removals()
        self.data[key] = KeyedRef(default, self._remove, key)
        return default

    def pop(self, key, *args):
        if self._pending_removals:
            self._commit_removals()
        wr = self.data.pop(key, None)
        value = None if wr is None else wr()
        if value is not None:
            return value
        if args:
            return args[0]
        raise KeyError(key)

    def popitem(self):
        if self._pending_removals:
            self._commit_removals()
        while True:
            key, wr = self.data.popitem()
            value = wr()
            if value is not None:
                return key, value

    def update(self, other=None, /, **kwargs):
        if self._pending_removals:
            self._commit_removals()
        data = self.data
        if other is not None:
            pairs = other.items() if hasattr(other, "items") else dict(other).items()
            for key, value in pairs:
                data[key] = KeyedRef(value, self._remove, key)
        for key, value in kwargs.items():
            data[key] = KeyedRef(value, self._remove, key)

    def copy(self):
        if self._pending_removals:
            self._commit_removals()
        twin = WeakValueDictionary()
        with _IterationGuard(self):
            for key, wr in self.data.items():
                value = wr()
                if value is not None:
                    twin[key] = value
        return twin

    __copy__ = copy

    def keys(self):
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            for key, wr in self.data.items():
                if wr() is not None:
                    yield key

    __iter__ = keys

    def values(self):
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            for wr in self.data.values():
                value = wr()
                if value is not None:
                    yield value

    def items(self):
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            for key, wr in self.data.items():
                value = wr()
                if value is not None:
                    yield key, value

    def itervaluerefs(self):
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            yield from self.data.values()

    def valuerefs(self):
        if self._pending_removals:
            self._commit_removals()
        return list(self.data.values())


class WeakKeyDictionary:
    """A dict whose keys are weakly referenced: an entry leaves with its key."""

    def __init__(self, dict=None):
        self.data = {}
        def remove(k, selfref=ref(self)):
            owner = selfref()
            if owner is None:
                return
            if owner._iterating:
                owner._pending_removals.append(k)
            else:
                owner.data.pop(k, None)
        self._remove = remove
        self._pending_removals = []
        self._iterating = set()
        self._dirty_len = False
        if dict is not None:
            self.update(dict)

    def _commit_removals(self):
        queue = self._pending_removals
        while queue:
            self.data.pop(queue.pop(), None)

    def _scrub_removals(self):
        self._pending_removals = [k for k in self._pending_removals if k in self.data]
        self._dirty_len = False

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        self._dirty_len = True
        del self.data[ref(key)]

    def __len__(self):
        if self._dirty_len and self._pending_removals:
            self._scrub_removals()
        return len(self.data) - len(self._pending_removals)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def pop(self, key, *args):
        self._dirty_len = True
        return self.data.pop(ref(key), *args)

    def popitem(self):
        self._dirty_len = True
        while True:
            wr, value = self.data.popitem()
            key = wr()
            if key is not None:
                return key, value

    def update(self, dict=None, /, **kwargs):
        if dict is not None:
            pairs = dict.items() if hasattr(dict, "items") else type({})(dict).items()
            for key, value in pairs:
                self.data[ref(key, self._remove)] = value
        if kwargs:
            self.update(kwargs)

    def copy(self):
        twin = WeakKeyDictionary()
        with _IterationGuard(self):
            for wr, value in self.data.items():
                key = wr()
                if key is not None:
                    twin[key] = value
        return twin

    __copy__ = copy

    def keys(self):
        with _IterationGuard(self):
            for wr in self.data:
                key = wr()
                if key is not None:
                    yield key

    __iter__ = keys

    def values(self):
        with _IterationGuard(self):
            for wr, value in self.data.items():
                if wr() is not None:
                    yield value

    def items(self):
        with _IterationGuard(self):
            for wr, value in self.data.items():
                key = wr()
                if key is not None:
                    yield key, value

    def keyrefs(self):
        return list(self.data)


class finalize:
    """Calls func(*args, **kwargs) at most once: when obj dies, when called, or at exit."""

    __slots__ = ()
    _registry = {}
    _shutdown = False
    _index_iter = None
    _dirty = False
    _registered_with_atexit = False

    class _Info:
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, /, *args, **kwargs):
        if not self._registered_with_atexit:
            import atexit
            atexit.register(self._exitfunc)
            finalize._registered_with_atexit = True
        record = self._Info()
        record.weakref = ref(obj, self)
        record.func = func
        record.args = args
        record.kwargs = kwargs or None
        record.atexit = True
        record.index = finalize._take_index()
        self._registry[self] = record
        finalize._dirty = True

    @classmethod
    def _take_index(cls):
        index = cls._index_iter or 0
        cls._index_iter = index + 1
        return index

    def __call__(self, _=None):
        record = self._registry.pop(self, None)
        if record and not self._shutdown:
            return record.func(*record.args, **(record.kwargs or {}))

    def _alive_record(self):
        record = self._registry.get(self)
        target = record and record.weakref()
        return record, target

    def detach(self):
        record, target = self._alive_record()
        if target is not None and self._registry.pop(self, None):
            return (target, record.func, record.args, record.kwargs or {})

    def peek(self):
        record, target = self._alive_record()
        if target is not None:
            return (target, record.func, record.args, record.kwargs or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        record = self._registry.get(self)
        return bool(record) and record.atexit

    @atexit.setter
    def atexit(self, value):
        record = self._registry.get(self)
        if record:
            record.atexit = bool(value)

    def __repr__(self):
        record, target = self._alive_record()
        if target is None:
            return '<%s object at %#x; dead>' % (type(self).__name__, id(self))
        return '<%s object at %#x; for %r at %#x>' % (
            type(self).__name__, id(self), type(target).__name__, id(target))

    @classmethod
    def _exit_order(cls):
        chosen = sorted((record.index, f) for f, record in cls._registry.items() if record.atexit)
        return [f for _, f in chosen]

    @classmethod
    def _exitfunc(cls):
        import gc
        was_enabled = False
        try:
            if cls._registry:
                was_enabled = gc.isenabled()
                if was_enabled:
                    gc.disable()
                pending = None
                while True:
                    if pending is None or finalize._dirty:
                        pending = cls._exit_order()
                        finalize._dirty = False
                    if not pending:
                        break
                    f = pending.pop()
                    try:
                        f()
                    except Exception:
                        sys.excepthook(*sys.exc_info())
        finally:
            finalize._shutdown = True
            if was_enabled:
                gc.enable()
