/**
 * The renderer's Content-Security-Policy: our own scripts, styles and socket only. The same
 * policy sits in a <meta> tag of both renderer pages (a test keeps them equal); the web shell
 * also sends it as a header, where `frame-ancestors` (ignored in <meta>) stops framing.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
