import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

describe('the renderer pages', () => {
  it.each(['index.html', 'web.html', 'graph-fixture.html'])(
    '%s carries exactly the shared policy',
    (page) => {
      const html = readFileSync(new URL(`../../renderer/${page}`, import.meta.url), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
      expect(meta).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('allows no inline or evaluated script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });
});
