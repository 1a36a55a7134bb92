import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-files';

const ROOT = '/app/out/renderer';

describe('resolveStaticPath', () => {
  it('serves the page at / and files inside the folder', () => {
    expect(resolveStaticPath(ROOT, '/', 'web.html')).toBe('/app/out/renderer/web.html');
    expect(resolveStaticPath(ROOT, '/assets/main.js', 'web.html')).toBe('/app/out/renderer/assets/main.js');
  });

  it.each(['/../main/web.js', '/%2e%2e/main/web.js', '/assets/../../package.json', '/%00', '/%E0%A4%A'])(
    'refuses %s',
    (path) => {
      expect(resolveStaticPath(ROOT, path, 'web.html')).toBeUndefined();
    },
  );

  it('refuses a sibling folder that shares the prefix', () => {
    expect(resolveStaticPath(ROOT, '/../renderer-secrets/x', 'web.html')).toBeUndefined();
  });
});
