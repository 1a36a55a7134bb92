// JSON fixtures recorded from CPython are imported as `unknown`; each test states their shape.
declare module '*.json' {
  const value: unknown;
  export default value;
}
