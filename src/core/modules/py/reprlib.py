"""reprlib for the PyMem Lab engine: recursive_repr, the decorator that makes a __repr__
print '...' for an object already being repr'd (Repr and repr() are not provided)."""

__all__ = ["recursive_repr"]

from _thread import get_ident


def recursive_repr(fillvalue='...'):
    """A decorator for __repr__: while an object's repr is being computed, a nested
    repr of the same object returns fillvalue."""

    def decorating_function(user_function):
        repr_running = set()

        def wrapper(self):
            key = id(self), get_ident()
            if key in repr_running:
                return fillvalue
            repr_running.add(key)
            try:
                result = user_function(self)
            finally:
                repr_running.discard(key)
            return result

        # The wrapper takes the wrapped function's metadata (as functools.wraps would).
        wrapper.__module__ = getattr(user_function, '__module__')
        wrapper.__doc__ = getattr(user_function, '__doc__')
        wrapper.__name__ = getattr(user_function, '__name__')
        wrapper.__qualname__ = getattr(user_function, '__qualname__')
        wrapper.__annotations__ = getattr(user_function, '__annotations__', {})
        return wrapper

    return decorating_function


def __getattr__(name):
    if name in ('Repr', 'repr', 'aRepr'):
        raise ImportError(f"PyMem Lab does not support reprlib.{name} yet")
    raise AttributeError(f"module 'reprlib' has no attribute '{name}'")
