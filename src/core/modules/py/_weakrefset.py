"""WeakSet for the PyMem Lab engine: an independent implementation of the interface of
CPython 3.11's _weakrefset, keeping the same observable state (a `data` set of weak
references, `_remove`, `_pending_removals` while iterating)."""

from _weakref import ref

__all__ = ['WeakSet']


class _IterationGuard:
    """Marks a weak container as being iterated; removals wait until the last guard exits."""

    def __init__(self, weakcontainer):
        self.weakcontainer = ref(weakcontainer)

    def __enter__(self):
        owner = self.weakcontainer()
        if owner is not None:
            owner._iterating.add(self)
        return self

    def __exit__(self, e, t, b):
        owner = self.weakcontainer()
        if owner is None:
            return
        guards = owner._iterating
        guards.remove(self)
        if not guards:
            owner._commit_removals()


class WeakSet:
    """A set of weakly referenced members."""

    def __init__(self, data=None):
        self.data = set()
        def _remove(item, selfref=ref(self)):
            owner = selfref()
            if owner is None:
                return
            if owner._iterating:
                owner._pending_removals.append(item)
            else:
                owner.data.discard(item)
        self._remove = _remove
        self._pending_removals = []
        self._iterating = set()
        if data is not None:
            self.update(data)

    def _commit_removals(self):
        queue = self._pending_removals
        while queue:
            self.data.discard(queue.pop())

    def __iter__(self):
        with _IterationGuard(self):
            for wr in self.data:
                member = wr()
                if member is not None:
                    yield member

    def __len__(self):
        return len(self.data) - len(self._pending_removals)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def add(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.discard(ref(item))

    def remove(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.remove(ref(item))

    def clear(self):
        if self._pending_removals:
            self._commit_removals()
        self.data.clear()

    def pop(self):
        if self._pending_removals:
            self._commit_removals()
        while self.data:
            member = self.data.pop()()
            if member is not None:
                return member
        raise KeyError('pop from empty WeakSet')

    def update(self, other):
        if self._pending_removals:
            self._commit_removals()
        for member in other:
            self.add(member)

    def copy(self):
        return self.__class__(self)

    def __ior__(self, other):
        self.update(other)
        return self
