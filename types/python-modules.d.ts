// The engine's bundled pure-Python modules are imported as their source text.
declare module '*.py' {
  const source: string;
  export default source;
}
