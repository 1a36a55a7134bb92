/**
 * Loads every module that defines a builtin type or installs slots on one, for their
 * side effects (types registered, slots set). Imported once by the engine's entry points.
 */
import './baseobject';
import './typeobject';
import './instanceobject';
import './slotdefs';
import './subtype';
import './descrobject';
import './classmethodobject';
import './propertyobject';
import './mappingproxyobject';
import './methodobject';
import './funcobject';
import './cellobject';
import './codeobject';
import './moduleobject';
import './exceptions';
import './exceptiontype';
import './frameobject';
import './traceback';
import './genobject';
import './superobject';
import './weakrefobject';
import './longobject';
import './boolobject';
import './floatobject';
import './unicodeobject';
import './bytesobject';
import './bytearrayobject';
import './tupleobject';
import './listobject';
import './dictobject';
import './dicttype';
import './dirobject';
import './callableattrs';
import './setobject';
import './rangeobject';
import './iterobject';
import './enumobject';
import './zipmapfilter';
import './sliceobject';
import '../vm/call';
import '../modules/sysmodule';
import '../modules/stdlib';
