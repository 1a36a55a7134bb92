"""Heap queues: PyMem Lab's heapq module.

The heap operations are the C functions of _heapq (heapqmodule.ts), as in CPython
3.11; merge, nsmallest and nlargest are written here and make the same calls and
comparisons as CPython's, so they return the same lists in the same order.
"""

__about__ = """Heap queues: lists where heap[k] <= heap[2*k+1] and heap[k] <= heap[2*k+2]."""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


# The pure-Python sift functions CPython's heapq also defines (heapq._siftdown, ...): the C
# functions below replace every caller, but the module keeps them, and so its size and the
# objects its import makes are CPython's.
def _siftdown(heap, startpos, pos):
    item = heap[pos]
    while pos > startpos:
        up = (pos - 1) >> 1
        above = heap[up]
        if item < above:
            heap[pos] = above
            pos = up
            continue
        break
    heap[pos] = item


def _siftup(heap, pos):
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        other = child + 1
        if other < end and not heap[child] < heap[other]:
            child = other
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _siftdown(heap, start, pos)


def _siftdown_max(heap, startpos, pos):
    item = heap[pos]
    while pos > startpos:
        up = (pos - 1) >> 1
        above = heap[up]
        if above < item:
            heap[pos] = above
            pos = up
            continue
        break
    heap[pos] = item


def _siftup_max(heap, pos):
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        other = child + 1
        if other < end and not heap[other] < heap[child]:
            child = other
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _siftdown_max(heap, start, pos)


def merge(*iterables, key=None, reverse=False):
    '''Merge multiple sorted inputs into a single sorted output.'''
    h = []
    push = h.append
    if reverse:
        make_heap = _heapify_max
        pop = _heappop_max
        replace = _heapreplace_max
        direction = -1
    else:
        make_heap = heapify
        pop = heappop
        replace = heapreplace
        direction = 1
    if key is None:
        for order, it in enumerate(map(iter, iterables)):
            try:
                step = it.__next__
                push([step(), order * direction, step])
            except StopIteration:
                pass
        make_heap(h)
        while len(h) > 1:
            try:
                while True:
                    value, order, step = entry = h[0]
                    yield value
                    entry[0] = step()
                    replace(h, entry)
            except StopIteration:
                pop(h)
        if h:
            value, order, step = h[0]
            yield value
            yield from step.__self__
        return
    for order, it in enumerate(map(iter, iterables)):
        try:
            step = it.__next__
            value = step()
            push([key(value), order * direction, value, step])
        except StopIteration:
            pass
    make_heap(h)
    while len(h) > 1:
        try:
            while True:
                key_value, order, value, step = entry = h[0]
                yield value
                value = step()
                entry[0] = key(value)
                entry[2] = value
                replace(h, entry)
        except StopIteration:
            pop(h)
    if h:
        key_value, order, value, step = h[0]
        yield value
        yield from step.__self__


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]
    """
    if n == 1:
        it = iter(iterable)
        missing = object()
        best = min(it, default=missing, key=key)
        return [] if best is missing else [best]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key)[:n]
    it = iter(iterable)
    if key is None:
        result = [(elem, i) for i, elem in zip(range(n), it)]
        if not result:
            return result
        _heapify_max(result)
        top = result[0][0]
        order = n
        for elem in it:
            if elem < top:
                _heapreplace_max(result, (elem, order))
                top, _order = result[0]
                order += 1
        result.sort()
        return [elem for (elem, order) in result]
    result = [(key(elem), i, elem) for i, elem in zip(range(n), it)]
    if not result:
        return result
    _heapify_max(result)
    top = result[0][0]
    order = n
    for elem in it:
        k = key(elem)
        if k < top:
            _heapreplace_max(result, (k, order, elem))
            top, _order, _elem = result[0]
            order += 1
    result.sort()
    return [elem for (k, order, elem) in result]


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]
    """
    if n == 1:
        it = iter(iterable)
        missing = object()
        best = max(it, default=missing, key=key)
        return [] if best is missing else [best]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key, reverse=True)[:n]
    it = iter(iterable)
    if key is None:
        result = [(elem, i) for i, elem in zip(range(0, -n, -1), it)]
        if not result:
            return result
        heapify(result)
        top = result[0][0]
        order = -n
        for elem in it:
            if top < elem:
                heapreplace(result, (elem, order))
                top, _order = result[0]
                order -= 1
        result.sort(reverse=True)
        return [elem for (elem, order) in result]
    result = [(key(elem), i, elem) for i, elem in zip(range(0, -n, -1), it)]
    if not result:
        return result
    heapify(result)
    top = result[0][0]
    order = -n
    for elem in it:
        k = key(elem)
        if top < k:
            heapreplace(result, (k, order, elem))
            top, _order, _elem = result[0]
            order -= 1
    result.sort(reverse=True)
    return [elem for (k, order, elem) in result]


from _heapq import *
from _heapq import _heapreplace_max, _heapify_max, _heappop_max
