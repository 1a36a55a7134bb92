/** How CPython prints an address (`%p` on Linux): `0x` and lowercase hex, no padding. */
export function formatAddress(addr: number): string {
  return '0x' + addr.toString(16);
}
