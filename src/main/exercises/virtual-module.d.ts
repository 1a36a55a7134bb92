// The exercise files, bundled by bundle-plugin.ts (validated at build time).
declare module 'virtual:pymem-exercises' {
  const files: { name: string; contents: string }[];
  export default files;
}
