// Vite/Vitest plugin: the engine's bundled pure-Python modules (src/core/modules/py/*.py)
// are imported as their source text, as esbuild's `.py: text` loader does for the CLI.
import { readFileSync } from 'node:fs';

export function pythonSourceAsText() {
  return {
    name: 'pymem-python-source-as-text',
    load(id) {
      if (!id.endsWith('.py')) return null;
      return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    },
  };
}
