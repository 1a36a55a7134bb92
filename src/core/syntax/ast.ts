/**
 * The Python abstract syntax tree, mirroring CPython 3.11's `ast` module
 * (Parser/Python.asdl): the same node names, the same field names and the same
 * optional fields, so a reader can compare any tree with `ast.dump(ast.parse(src),
 * include_attributes=True)`. Every node carries CPython's positions: 1-based
 * `lineno`, 0-based `col_offset` counted in UTF-8 bytes, and the end position.
 */

export interface Located {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

/** A literal's value before any object exists: the compiler turns it into one. */
export type ConstantValue =
  | { kind: 'None' }
  | { kind: 'Ellipsis' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; imag: number }
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: Uint8Array };

export interface Module {
  _type: 'Module';
  body: Stmt[];
}

// ---------------------------------------------------------------- statements

export interface FunctionDef extends Located {
  _type: 'FunctionDef' | 'AsyncFunctionDef';
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
}
export interface ClassDef extends Located {
  _type: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
}
export interface Return extends Located {
  _type: 'Return';
  value: Expr | null;
}
export interface Delete extends Located {
  _type: 'Delete';
  targets: Expr[];
}
export interface Assign extends Located {
  _type: 'Assign';
  targets: Expr[];
  value: Expr;
}
export interface AugAssign extends Located {
  _type: 'AugAssign';
  target: Expr;
  op: Operator;
  value: Expr;
}
export interface AnnAssign extends Located {
  _type: 'AnnAssign';
  target: Expr;
  annotation: Expr;
  value: Expr | null;
  /** 1 when the target is a plain name not in parentheses. */
  simple: number;
}
export interface For extends Located {
  _type: 'For' | 'AsyncFor';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface While extends Located {
  _type: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface If extends Located {
  _type: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface With extends Located {
  _type: 'With' | 'AsyncWith';
  items: WithItem[];
  body: Stmt[];
}
export interface Match extends Located {
  _type: 'Match';
  subject: Expr;
  cases: MatchCase[];
}
export interface Raise extends Located {
  _type: 'Raise';
  exc: Expr | null;
  cause: Expr | null;
}
export interface Try extends Located {
  _type: 'Try' | 'TryStar';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface Assert extends Located {
  _type: 'Assert';
  test: Expr;
  msg: Expr | null;
}
export interface Import extends Located {
  _type: 'Import';
  names: Alias[];
}
export interface ImportFrom extends Located {
  _type: 'ImportFrom';
  module: string | null;
  names: Alias[];
  level: number;
}
export interface Global extends Located {
  _type: 'Global' | 'Nonlocal';
  names: string[];
}
export interface ExprStmt extends Located {
  _type: 'Expr';
  value: Expr;
}
export interface Simple extends Located {
  _type: 'Pass' | 'Break' | 'Continue';
}

export type Stmt =
  | FunctionDef
  | ClassDef
  | Return
  | Delete
  | Assign
  | AugAssign
  | AnnAssign
  | For
  | While
  | If
  | With
  | Match
  | Raise
  | Try
  | Assert
  | Import
  | ImportFrom
  | Global
  | ExprStmt
  | Simple;

// --------------------------------------------------------------- expressions

export type ExprContext = 'Load' | 'Store' | 'Del';
export type BoolOperator = 'And' | 'Or';
export type Operator =
  | 'Add'
  | 'Sub'
  | 'Mult'
  | 'MatMult'
  | 'Div'
  | 'Mod'
  | 'Pow'
  | 'LShift'
  | 'RShift'
  | 'BitOr'
  | 'BitXor'
  | 'BitAnd'
  | 'FloorDiv';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';

export interface BoolOp extends Located {
  _type: 'BoolOp';
  op: BoolOperator;
  values: Expr[];
}
export interface NamedExpr extends Located {
  _type: 'NamedExpr';
  target: Name;
  value: Expr;
}
export interface BinOp extends Located {
  _type: 'BinOp';
  left: Expr;
  op: Operator;
  right: Expr;
}
export interface UnaryOp extends Located {
  _type: 'UnaryOp';
  op: UnaryOperator;
  operand: Expr;
}
export interface Lambda extends Located {
  _type: 'Lambda';
  args: Arguments;
  body: Expr;
}
export interface IfExp extends Located {
  _type: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}
export interface Dict extends Located {
  _type: 'Dict';
  /** null marks a `**mapping` entry, whose mapping is the value at the same index. */
  keys: (Expr | null)[];
  values: Expr[];
}
export interface SetExpr extends Located {
  _type: 'Set';
  elts: Expr[];
}
export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  is_async: number;
}
export interface ListComp extends Located {
  _type: 'ListComp' | 'SetComp' | 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
}
export interface DictComp extends Located {
  _type: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}
export interface Await extends Located {
  _type: 'Await' | 'YieldFrom';
  value: Expr;
}
export interface Yield extends Located {
  _type: 'Yield';
  value: Expr | null;
}
export interface Compare extends Located {
  _type: 'Compare';
  left: Expr;
  ops: CmpOperator[];
  comparators: Expr[];
}
export interface Call extends Located {
  _type: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}
export interface FormattedValue extends Located {
  _type: 'FormattedValue';
  value: Expr;
  /** -1 for none, else the char code of 's', 'r' or 'a'. */
  conversion: number;
  format_spec: JoinedStr | null;
}
export interface JoinedStr extends Located {
  _type: 'JoinedStr';
  values: Expr[];
}
export interface Constant extends Located {
  _type: 'Constant';
  value: ConstantValue;
  /** 'u' for a u'' string prefix, else null. */
  kind: string | null;
}
export interface Attribute extends Located {
  _type: 'Attribute';
  value: Expr;
  attr: string;
  ctx: ExprContext;
}
export interface Subscript extends Located {
  _type: 'Subscript';
  value: Expr;
  slice: Expr;
  ctx: ExprContext;
}
export interface Starred extends Located {
  _type: 'Starred';
  value: Expr;
  ctx: ExprContext;
}
export interface Name extends Located {
  _type: 'Name';
  id: string;
  ctx: ExprContext;
}
export interface ListExpr extends Located {
  _type: 'List' | 'Tuple';
  elts: Expr[];
  ctx: ExprContext;
}
export interface Slice extends Located {
  _type: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}

export type Expr =
  | BoolOp
  | NamedExpr
  | BinOp
  | UnaryOp
  | Lambda
  | IfExp
  | Dict
  | SetExpr
  | ListComp
  | DictComp
  | Await
  | Yield
  | Compare
  | Call
  | FormattedValue
  | JoinedStr
  | Constant
  | Attribute
  | Subscript
  | Starred
  | Name
  | ListExpr
  | Slice;

// ------------------------------------------------------------- other pieces

export interface ExceptHandler extends Located {
  _type: 'ExceptHandler';
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}
export interface Arguments {
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** One per kwonly argument; null where it has no default. */
  kw_defaults: (Expr | null)[];
  kwarg: Arg | null;
  /** Defaults of the last positional arguments. */
  defaults: Expr[];
}
export interface Arg extends Located {
  arg: string;
  annotation: Expr | null;
}
export interface Keyword extends Located {
  /** null for `**mapping`. */
  arg: string | null;
  value: Expr;
}
export interface Alias extends Located {
  name: string;
  asname: string | null;
}
export interface WithItem {
  context_expr: Expr;
  optional_vars: Expr | null;
}
export interface MatchCase {
  pattern: Pattern;
  guard: Expr | null;
  body: Stmt[];
}

export type Pattern =
  | (Located & { _type: 'MatchValue'; value: Expr })
  | (Located & { _type: 'MatchSingleton'; value: ConstantValue })
  | (Located & { _type: 'MatchSequence'; patterns: Pattern[] })
  | (Located & { _type: 'MatchMapping'; keys: Expr[]; patterns: Pattern[]; rest: string | null })
  | (Located & {
      _type: 'MatchClass';
      cls: Expr;
      patterns: Pattern[];
      kwd_attrs: string[];
      kwd_patterns: Pattern[];
    })
  | (Located & { _type: 'MatchStar'; name: string | null })
  | (Located & { _type: 'MatchAs'; pattern: Pattern | null; name: string | null })
  | (Located & { _type: 'MatchOr'; patterns: Pattern[] });
