"""string for the PyMem Lab engine: the character-class constants and capwords().
Template and Formatter are not provided yet (using them names what is missing)."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Each word of s capitalized, the words split on sep (whitespace when None) and
    joined with sep (a space when None)."""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


def __getattr__(name):
    if name in ('Template', 'Formatter'):
        raise ImportError(f"PyMem Lab does not support string.{name} yet")
    raise AttributeError(f"module 'string' has no attribute '{name}'")
