import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EXPERIMENT_FILE_CHARS } from '../shared/experiment';
import { readImportFile } from './menu-import';
import { useTempDir } from './store/test-support';

const tempDir = useTempDir();

describe('readImportFile (File ▸ Import… in the app)', () => {
  it('reads the chosen file with its name', async () => {
    const path = join(tempDir(), 'cycle.pymemlab.json');
    writeFileSync(path, '{"format":"pymem-lab-experiment","title":"é"}');
    expect(await readImportFile(path)).toEqual({
      name: 'cycle.pymemlab.json',
      text: '{"format":"pymem-lab-experiment","title":"é"}',
    });
  });

  it('drops a UTF-8 byte order mark, as CPython and the browser do', async () => {
    const path = join(tempDir(), 'notepad.py');
    writeFileSync(path, '\ufeffprint(1)\n');
    expect((await readImportFile(path)).text).toBe('print(1)\n');
  });

  it('refuses a file over the experiment file limit, and a folder', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.json');
    writeFileSync(big, 'x'.repeat(MAX_EXPERIMENT_FILE_CHARS + 1));
    await expect(readImportFile(big)).rejects.toThrow('Cannot import big.json: it is too large.');
    mkdirSync(join(dir, 'folder.json'));
    await expect(readImportFile(join(dir, 'folder.json'))).rejects.toThrow(/not a file|EISDIR/);
  });
});
