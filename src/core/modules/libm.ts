/**
 * The C library's double functions for the math module. CPython 3.11.7 calls the C
 * library (glibc 2.36 on x86-64, with the FMA variants its ifuncs pick), so most of these
 * follow the same published algorithms, evaluated in the same order, to print the same
 * last digit:
 * - exp, exp2, log and log2 (and pow, in objects/floatobject.ts) follow ARM's
 *   optimized-routines (https://github.com/ARM-software/optimized-routines, math/),
 *   which glibc also uses; the tables below are that project's data (math/log_data.c,
 *   math/log2_data.c), written as the IEEE bit patterns of the doubles. Its notice:
 *
 *     Copyright (c) 2018-2020, Arm Limited.
 *     SPDX-License-Identifier: MIT (the project is MIT OR Apache-2.0 WITH LLVM-exception)
 *
 *     Permission is hereby granted, free of charge, to any person obtaining a copy of
 *     this software and associated documentation files (the "Software"), to deal in the
 *     Software without restriction, including without limitation the rights to use,
 *     copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the
 *     Software, and to permit persons to whom the Software is furnished to do so,
 *     subject to the following conditions:
 *
 *     The above copyright notice and this permission notice shall be included in all
 *     copies or substantial portions of the Software.
 *
 *     THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 *     IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
 *     FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
 *     COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN
 *     AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
 *     WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 *
 * - expm1, log1p, tanh, atanh, sinh, cosh, asinh, acosh, erf, erfc and log10 follow Sun's
 *   fdlibm 5.3 (s_expm1.c, s_log1p.c, s_tanh.c, e_atanh.c, e_sinh.c, e_cosh.c, s_asinh.c,
 *   e_acosh.c, s_erf.c, e_log10.c), whose notice is:
 *
 *     Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 *     Developed at SunPro, a Sun Microsystems, Inc. business.
 *     Permission to use, copy, modify, and distribute this software is freely granted,
 *     provided that this notice is preserved.
 *
 *   Where GCC contracts `a*b + c` into a fused multiply-add in the x86-64 build, the code
 *   calls fma() (an exact emulation, objects/floatobject.ts). expm1, log1p, erf and erfc
 *   evaluate fdlibm's polynomials split into pairs of terms (r1 + z2·r2 + z4·r3 …), the
 *   order of glibc's versions of those files, which CPython's last digits depend on.
 * - sin, cos, tan, atan, asin, acos, atan2 and cbrt are this project's own correctly
 *   rounded implementations (libm-correct.ts); glibc's differ from the correctly rounded
 *   result for a few arguments in 10^4 (sin, cos, tan, atan, asin, acos, atan2) and for
 *   about half of all arguments (cbrt), and there the engine prints a different last digit
 *   than CPython (see NOTES.md).
 */
import { EXP_SCALE, EXP_TAIL, fma, powExp } from '../objects/floatobject';
import { crAcos, crAsin, crAtan, crAtan2, crCbrt, crCos, crSin, crTan } from './libm-correct';

const view = new DataView(new ArrayBuffer(8));

function hexDoubles(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 16) {
    view.setUint32(0, parseInt(hex.slice(i, i + 8), 16));
    view.setUint32(4, parseInt(hex.slice(i + 8, i + 16), 16));
    out.push(view.getFloat64(0));
  }
  return out;
}

function hiWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(0);
}
function loWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(4);
}
function fromWords(hi: number, lo: number): number {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}
function asU64(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}
function fromU64(b: bigint): number {
  view.setBigUint64(0, BigInt.asUintN(64, b));
  return view.getFloat64(0);
}

const LOG_TAB_HEX =
  '3ff734f0c3e0de9fbfd7cc7f79e690003ff713786a2ce91fbfd76feec20d00003ff6f26008fab5a0bfd713e31351e000' +
  '3ff6d1a61f138c7dbfd6b85b382878003ff6b1490bc5b4d1bfd65d55908078003ff69147332f0cbabfd602d076180000' +
  '3ff6719f18224223bfd5a8ca869090003ff6524f99a51ed9bfd54f43560350003ff63356aa8f24c4bfd4f637c36b4000' +
  '3ff614b36b9ddc14bfd49da7fda850003ff5f66452c65c4cbfd445923989a8003ff5d867b5912c4fbfd3edf439b0b800' +
  '3ff5babccb5b90debfd396ce448f70003ff59d61f2d91a78bfd3401e17bda0003ff5805612465687bfd2e9e2ef468000' +
  '3ff56397cee76bd3bfd2941b3830e0003ff54725e2a77f93bfd23ec58cda88003ff52aff42064583bfd1e9e129279000' +
  '3ff50f22dbb2bddfbfd1956d2b48f8003ff4f38f4734ded7bfd141679ab9f8003ff4d843cfde2840bfd0edd094ef9800' +
  '3ff4bd3ec078a3c8bfd09aa518db10003ff4a27fc3e0258abfd047e65263b8003ff4880524d48434bfcfeb224586f000' +
  '3ff46dce1b192d0bbfcf474a7517b0003ff453d9d3391854bfcea4443d1030003ff43a2744b4845abfce020d44e9b000' +
  '3ff420b54115f8fbbfcd60a22977f0003ff40782da3ef4b1bfccc001049590003ff3ee8f5d57fe8fbfcc202956891000' +
  '3ff3d5d9a00b4ce9bfcb81178d8110003ff3bd60c010c12bbfcae2c9ccd3d0003ff3a5242b75dab8bfca45402e129000' +
  '3ff38d22cd9fd002bfc9a877681df0003ff3755bc5847a1cbfc90c6d694830003ff35dce49ad36e2bfc87120a645c000' +
  '3ff34679984dd440bfc7d68fb41430003ff32f5cceffcb24bfc73cb83c6270003ff3187775a10d49bfc6a39a9b376000' +
  '3ff301c8373e3990bfc60b3154b7a0003ff2eb4ebb95f841bfc5737d762430003ff2d50a0219a9d1bfc4dc7b8fc23000' +
  '3ff2bef9a8b7fd2abfc4462c51d200003ff2a91c7a0c1babbfc3b08abc8300003ff293726014b530bfc31b996b490000' +
  '3ff27dfa5757a1f5bfc2875490a440003ff268b39b1d3bbfbfc1f3b9f879a0003ff2539d838ff5bdbfc160c8252ca000' +
  '3ff23eb7aac9083bbfc0ce7f57f720003ff22a012ba940b6bfc03cdc49fea0003ff2157996cc4132bfbf57bdbc4b8000' +
  '3ff201201dd2fc9bbfbe3708964040003ff1ecf4494d480bbfbd17983ef940003ff1d8f5528f6569bfbbf9674ed8a000' +
  '3ff1c52311577e7cbfbadc79202f60003ff1b17c74cb26e9bfb9c0c3e72880003ff19e010c2c1ab6bfb8a646b372c000' +
  '3ff18ab07bb670bdbfb78d01b3ac00003ff1778a25efbcb6bfb674f1453800003ff1648d354c31dabfb55e0e6d878000' +
  '3ff151b990275fddbfb4485cdea1e0003ff13f0ea432d24cbfb333d94d6aa0003ff12c8b7210f9dabfb22079f8c56000' +
  '3ff11a3028ecb531bfb10e46986220003ff107fbda8434afbfaffa6c6ad200003ff0f5ee0f4e6bb3bfadda8d4a774000' +
  '3ff0e4065d2a9fcebfabbcece48500003ff0d244632ca521bfa9a1894012c0003ff0c0a77ce2981abfa788583302c000' +
  '3ff0af2f83c636d1bfa5715e67d680003ff09ddb98a01339bfa35c8a496580003ff08cabaf52e7dfbfa149e364154000' +
  '3ff07b9f2f4e28fbbf9e72c082eb80003ff06ab58c358f19bf9a55f1525280003ff059eea5ecf92cbf963d62cf818000' +
  '3ff04949cdd12c90bf9228fb8caa00003ff038c6c6f0ada9bf8c317b20f900003ff02865137932a9bf8419355daa0000' +
  '3ff0182427ea7348bf781203c2ec00003ff008040614b195bf600409792400003fefe01ff726fa1a3f6feff384900000' +
  '3fefa11cc261ea743f87dc41353d00003fef6310b081992e3f93cea3c4c280003fef25f63ceeadcd3f9b9fc114890000' +
  '3feee9c8039113e73fa1b0d8ce1100003feeae8078cbb1ab3fa58a5bd001c0003fee741aa29d0c9b3fa95c8340d88000' +
  '3fee3a91830a99b53fad276aef5780003fee01e009609a563fb07598e598c0003fedca01e577bb983fb253f5e30d2000' +
  '3fed92f20b7c91033fb42edd8b3800003fed5cac66fb5cce3fb606598757c0003fed272caa5ede9d3fb7da76356a0000' +
  '3fecf26e3e6b2ccd3fb9ab434e1c60003fecbe6da2a779023fbb78c7bb0d60003fec8b266d37086d3fbd431332e72000' +
  '3fec5894bd5d58043fbf0a3171de60003fec26b533bb9f8c3fc067152b9140003febf583eeece73f3fc147858292b000' +
  '3febc4fd75db96c13fc2266ecdca30003feb951e0c864a283fc303d7a6c550003feb65e2c5ef3e2c3fc3dfc33c331000' +
  '3feb374867c9888b3fc4ba366b7a80003feb094b211d304a3fc5933928d1f0003feadbe885f2ef7e3fc66acd2418f000' +
  '3feaaf1d31603da23fc740f8ec6690003fea82e63fd358a73fc815c0f51af0003fea5740ef09738b3fc8e92954f68000' +
  '3fea2c2a90ab4b273fc9bb3602f840003fea01a01393f2d13fca8bed1c2c00003fe9d79f24db3c1b3fcb5b515c01d000' +
  '3fe9ae2505c7b1903fcc2967ccbcc0003fe9852ef297ce2f3fccf635d54860003fe95cbaeea44b753fcdc1bd3446c000' +
  '3fe934c69de748383fce8c01b8cfe0003fe90d4f2f6752e63fcf5509c01790003fe8e6528effd79d3fd00e6c121fb800' +
  '3fe8bfce9fcc007c3fd071b80e93d0003fe899c0dabec30e3fd0d46b9e8670003fe87427aa2317fb3fd13687334bd000' +
  '3fe84f00acb39a083fd1980d672348003fe82a49e8653e553fd1f8ffe0cc80003fe8060195f402603fd2595fd7636800' +
  '3fe7e22563e0a3293fd2b9300914a8003fe7beb377dcb5ad3fd31872104360003fe79baa679725c23fd377266dec1800' +
  '3fe77907f21706573fd3d54ffbaf30003fe756cadbd6130c3fd432eee32fe000';
const LOG2_TAB_HEX =
  '3ff724286bb1acf8bfe1095feecdb0003ff6e1f766d2cca1bfe08494bd76d0003ff6a13d0e30d48abfe00143aee8f800' +
  '3ff661ec32d06c85bfdefec5360b40003ff623fa951198f8bfddfdd91ab7e0003ff5e75ba4cf026cbfdcffae0cc79000' +
  '3ff5ac055a214fb8bfdc043811fda0003ff571ed0f166e1ebfdb0b67323ae0003ff53909590bf835bfda152f5a2db000' +
  '3ff5014fed61adddbfd9217f5af860003ff4cab88e487bd0bfd8304db07190003ff49539b4334feebfd74189f9a9e000' +
  '3ff460cbdfafd569bfd6552bb51990003ff42d664ee4b953bfd56b23a29b10003ff3fb01111dd8a6bfd483650f5fa000' +
  '3ff3c995b70c5836bfd39de937f6a0003ff3991c4ab6fd4abfd2baa1538d60003ff3698e0ce099b5bfd1d98340ca4000' +
  '3ff33ae48213e7b2bfd0fa853a40e0003ff30d191985bdb1bfd01d9c32e730003ff2e025cab271d7bfce857da2fa6000' +
  '3ff2b404cf13cd82bfccd3c8633d80003ff288b02c7ccb50bfcb26034c14a0003ff25e2263944de5bfc97c1c2f4fe000' +
  '3ff234563d8615b1bfc7d6023f8000003ff20b46e33eaf38bfc633a71a05e0003ff1e2eefdcda3ddbfc494f5e9570000' +
  '3ff1bb4a580b3930bfc2f9e424e0a0003ff19453847f2200bfc162595afdc0003ff16e06c0d5d73cbfbf9c9a75bd8000' +
  '3ff1485f47b7e4c2bfbc7b575bf9c0003ff12358ad0085d1bfb960c60ff480003ff0fef00f532227bfb64ce247b60000' +
  '3ff0db2077d03a8fbfb33f78b20140003ff0b7e6d65980d9bfb0387d1a42c0003ff0953efe7b408dbfaa6f9208b50000' +
  '3ff07325cac53b83bfa47a954f7700003ff05197e40d1b5cbf9d23a8c50c00003ff03091c1208ea2bf916a2629780000' +
  '3ff0101025b37e21bf7720f8d8e800003fefc07ef9caa76b3f86fe53b15000003fef4465d3f6f1843fa11ccce10f8000' +
  '3feecc079f84107f3fac4dfc8c8b80003fee573a99975ae83fb3aa321e5740003fede5d6f0bd3de63fb918a0d08b8000' +
  '3fed77b681ff38b33fbe72e9da0440003fed0cb5724de9433fc1dcd2507f60003feca4b2dc0e75633fc476ab03dea000' +
  '3fec3f8ee8d6cb513fc7074377e220003febdd2b4f020c4c3fc98ede8ba940003feb7d6c006015ca3fcc0db86ad2e000' +
  '3feb20366e2e338f3fce840aafcee0003feac570262950393fd0790ab46780003fea6d01bc2731dd3fd1ac056801c000' +
  '3fea16d3bc3ff18b3fd2db11d4fee0003fe9c2d14967fead3fd406464ec580003fe970e4f47c99023fd52dbe093af000' +
  '3fe920fb3982bcf23fd651902050d0003fe8d30187f759f13fd771d2cdeaf0003fe886e5ebb9f66d3fd88e9c857d9000' +
  '3fe83c97b658b9943fd9a80155e160003fe7f405ffc610223fdabe186ed3d0003fe7ad22181415ca3fdbd0f2aea0e000' +
  '3fe767dcf99eff8c3fdce0a43dbf4000';
const LOG_POLY1 = hexDoubles(
  'bfe00000000000003fd5555555555577bfcffffffffffdcb3fc999999995dd0cbfc55555556745a73fc24924a344de30bfbfffffa4423d653fbc7184282ad6cabfb999eb43b068ff3fb78182f7afd085bfb5521375d145cd',
);
const LOG_POLY = hexDoubles(
  'bfe00000000000013fd555555551305bbfcfffffffeb45903fc999b324f10111bfc55575e506c89f',
);
const LOG2_POLY1 = hexDoubles(
  'bfe71547652b82fe3fdec709dc3a03f7bfd71547652b7c3f3fd2776c50f05be4bfcec709dd768fe53fca61761ec4e736bfc7153fbc64a79b3fc484d154f01b4abfc289e4a72c383c3fc0b32f285aee66',
);
const LOG2_POLY = hexDoubles(
  'bfe71547652b83393fdec709dc3a04bebfd7154764702ffb3fd2776c50034c48bfcec7b328ea92bc3fca6225e117f92e',
);

const LOG_TAB = hexDoubles(LOG_TAB_HEX);
const LOG2_TAB = hexDoubles(LOG2_TAB_HEX);

// ------------------------------------------------------------------ exp, exp2

/** exp: ARM optimized-routines' exp.c (with fused multiply-adds); pow's exp_inline core. */
export function libmExp(x: number): number {
  if (x !== x) return x;
  if (x === -Infinity) return 0;
  if (x === Infinity) return x;
  return powExp(x, 0);
}

const EXP2_SHIFT = 6755399441055744.0 / 128;
const EXP2_C = hexDoubles('3fe62e42fefa39ef3fcebfbdff82c4243fac6b08d70cf4b53f83b2abd24650cc3f55d7e09b4e3a84');

/** exp2: ARM optimized-routines' exp2.c (as glibc's generic build compiles it: no fused operations). */
export function libmExp2(x: number): number {
  let abstop = (hiWord(x) >>> 20) & 0x7ff;
  if ((abstop - 0x3c9) >>> 0 >= 0x408 - 0x3c9) {
    if (((abstop - 0x3c9) | 0) < 0) return 1.0 + x;
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0;
      if (abstop >= 0x7ff) return 1.0 + x;
      if (x > 0) return Infinity;
      if (x <= -1075) return 0;
    }
    if (Math.abs(x) > 928) abstop = 0;
  }
  let kd = x + EXP2_SHIFT;
  const ki = asU64(kd);
  kd -= EXP2_SHIFT;
  const r = x - kd;
  const j = Number(ki & 127n);
  // k as a signed integer from the low bits of kd (kd = 1.5*2^45 + k/128 in units of 2^-7).
  const k = Number(BigInt.asIntN(32, ki));
  const e = (k - j) / 128;
  const tail = EXP_TAIL[j];
  const r2 = r * r;
  const tmp = tail + r * EXP2_C[0] + r2 * (EXP2_C[1] + r * EXP2_C[2]) + r2 * r2 * (EXP2_C[3] + r * EXP2_C[4]);
  const h = EXP_SCALE[j];
  if (abstop !== 0) {
    const scale = h * 2 ** e;
    return scale + scale * tmp;
  }
  if (k > 0) {
    const scale = h * 2 ** (e - 1);
    return 2 * (scale + scale * tmp);
  }
  const scale = h * 2 ** (e + 1022);
  let y = scale + scale * tmp;
  if (y < 1.0) {
    let lo = scale - y + scale * tmp;
    const hi = 1.0 + y;
    lo = 1.0 - hi + y + lo;
    y = hi + lo - 1.0;
    if (y === 0) y = 0;
  }
  return 2 ** -1022 * y;
}

// ------------------------------------------------------------------ log, log2, log10

const LN2HI = 0.6931471805598903;
const LN2LO = 5.497923018708371e-14;
const LOG_LO = asU64(1.0 - 0.0625);
const LOG_HI = asU64(1.0 + 0.064697265625);
const OFF = 0x3fe6000000000000n;

/** Splits a positive finite (or subnormal) x into (ix) normalised bits; null for specials. */
function logBits(x: number): bigint | number {
  let ix = asU64(x);
  const top = Number(ix >> 48n);
  if (top - 0x0010 >= 0x7ff0 - 0x0010 || top < 0x0010) {
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if (top & 0x8000 || (top & 0x7ff0) === 0x7ff0) return NaN;
    ix = asU64(x * 4503599627370496.0) - (52n << 52n);
  }
  return ix;
}

/**
 * The table step of log.c and log2.c: x = 2^k·z with z in a subinterval whose center c
 * has its (1/c, log c) pair at table index i = (bits >> shift) & mask. Returns k, log c
 * and r = z/c − 1 (by fma).
 */
function logReduce(
  ix: bigint,
  shift: bigint,
  mask: bigint,
  tab: ArrayLike<number>,
): [number, number, number] {
  const tmp = ix - OFF;
  const i = Number((tmp >> shift) & mask);
  const k = Number(BigInt.asIntN(64, tmp) >> 52n);
  const iz = ix - (tmp & (0xfffn << 52n));
  const invc = tab[2 * i];
  const logc = tab[2 * i + 1];
  const z = fromU64(iz);
  return [k, logc, fma(z, invc, -1.0)];
}

/** log: ARM optimized-routines' log.c (with fused multiply-adds). */
export function libmLog(x: number): number {
  const ix0 = asU64(x);
  if (ix0 - LOG_LO < LOG_HI - LOG_LO && ix0 >= LOG_LO) {
    if (x === 1.0) return 0;
    const B = LOG_POLY1;
    const r = x - 1.0;
    const r2 = r * r;
    const r3 = r * r2;
    const inner = fma(r3, B[10], fma(r2, B[9], fma(r, B[8], B[7])));
    const mid = fma(r3, inner, fma(r2, B[6], fma(r, B[5], B[4])));
    let y = r3 * fma(r3, mid, fma(r2, B[3], fma(r, B[2], B[1])));
    let w = r * 134217728.0;
    const rhi = r + w - w;
    const rlo = r - rhi;
    const t = rhi * rhi;
    w = t * B[0];
    const hi = fma(t, B[0], r);
    let lo = fma(t, B[0], r - hi);
    lo = fma(B[0] * rlo, rhi + r, lo);
    void w;
    y += lo;
    y += hi;
    return y;
  }
  const bits = logBits(x);
  if (typeof bits === 'number') return bits;
  const [kd, logc, r] = logReduce(bits, 45n, 127n, LOG_TAB);
  const w = fma(kd, LN2HI, logc);
  const hi = w + r;
  const lo = fma(kd, LN2LO, w - hi + r);
  const A = LOG_POLY;
  const r2 = r * r;
  const p = fma(r2, fma(r, A[4], A[3]), fma(r, A[2], A[1]));
  return fma(r * r2, p, fma(r2, A[0], lo)) + hi;
}

const INVLN2HI = 1.4426950407214463;
const INVLN2LO = 1.6751713164886512e-10;
const LOG2_LO = asU64(1.0 - 0.04239702224731445);
const LOG2_HI = asU64(1.0 + 0.044274330139160156);

const TWO54 = 1.8014398509481984e16;
const IVLN10 = 4.34294481903251816668e-1;
const LOG10_2HI = 3.01029995663611771306e-1;
const LOG10_2LO = 3.69423907715893078616e-13;

/** log10: fdlibm's e_log10.c over log. */
export function libmLog10(x: number): number {
  let hx = hiWord(x) | 0;
  const lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x) | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  const i = (k >>> 31) & 1;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  x = fromWords(hx, loWord(x));
  const z = y * LOG10_2LO + IVLN10 * libmLog(x);
  return z + y * LOG10_2HI;
}

// ------------------------------------------------------------------ hyperbolic

/** sinh: fdlibm's e_sinh.c. */
export function libmSinh(x: number): number {
  const jx = hiWord(x) | 0;
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  const h = jx < 0 ? -0.5 : 0.5;
  if (ix < 0x40360000) {
    if (ix < 0x3e300000) return x;
    const t = libmExpm1(Math.abs(x));
    if (ix < 0x3ff00000) return h * (2.0 * t - (t * t) / (t + 1.0));
    return h * (t + t / (t + 1.0));
  }
  if (ix < 0x40862e42) return h * libmExp(Math.abs(x));
  const lx = loWord(x);
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    const w = libmExp(0.5 * Math.abs(x));
    const t = h * w;
    return t * w;
  }
  return x * 1.0e307;
}

/** cosh: fdlibm's e_cosh.c. */
export function libmCosh(x: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x;
  if (ix < 0x3fd62e43) {
    // |x| <= ln2/2: 1 + expm1(|x|)²/(2·exp(|x|))
    const t = libmExpm1(Math.abs(x));
    const w = 1.0 + t;
    if (ix < 0x3c800000) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    const t = libmExp(Math.abs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * libmExp(Math.abs(x));
  const lx = loWord(x);
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    const w = libmExp(0.5 * Math.abs(x));
    const t = 0.5 * w;
    return t * w;
  }
  return Infinity;
}

const LN2 = 6.93147180559945286227e-1;

/** asinh: fdlibm's s_asinh.c. */
export function libmAsinh(x: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix < 0x3e300000) return x;
  let w: number;
  if (ix > 0x41b00000) {
    if (ix >= 0x7ff00000) return x + x;
    w = libmLog(Math.abs(x)) + LN2;
  } else {
    const xa = Math.abs(x);
    if (ix > 0x40000000) w = libmLog(2.0 * xa + 1.0 / (Math.sqrt(xa * xa + 1.0) + xa));
    else {
      const t = xa * xa;
      w = libmLog1p(xa + t / (1.0 + Math.sqrt(1.0 + t)));
    }
  }
  return x < 0 || Object.is(x, -0) ? -w : w;
}

/** acosh: fdlibm's e_acosh.c. */
export function libmAcosh(x: number): number {
  const hx = hiWord(x) | 0;
  const lx = loWord(x);
  if (hx < 0x3ff00000) return NaN;
  if (hx >= 0x41b00000) {
    if (hx >= 0x7ff00000) return x + x;
    return libmLog(x) + LN2;
  }
  if (((hx - 0x3ff00000) | lx) === 0) return 0.0;
  if (hx > 0x40000000) {
    const t = x * x;
    return libmLog(2.0 * x - 1.0 / (x + Math.sqrt(t - 1.0)));
  }
  const t = x - 1.0;
  return libmLog1p(t + Math.sqrt(2.0 * t + t * t));
}

// ------------------------------------------------------------------ cbrt

/** cbrt: correctly rounded (libm-correct.ts). */
export const libmCbrt = crCbrt;

/** frexp for finite non-zero x: (m, e) with 0.5 <= |m| < 1. */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = 0;
  let ax = Math.abs(x);
  if (ax < 2 ** -1022) {
    ax *= 2 ** 64;
    e -= 64;
  }
  const hx = hiWord(ax);
  const be = (hx >>> 20) & 0x7ff;
  e += be - 1022;
  const m = fromWords((hx & 0x800fffff) | (1022 << 20), loWord(ax));
  return [x < 0 ? -m : m, e];
}

/** ldexp(x, n) with one rounding (subnormal results rounded once). */
export function ldexp(x: number, n: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (n > 2100) n = 2100;
  if (n < -2200) n = -2200;
  let y = x;
  while (n > 1000) {
    y *= 2 ** 1000;
    n -= 1000;
    if (!Number.isFinite(y)) return y;
  }
  if (n >= -1000) return y * 2 ** n;
  // Scale down in one rounding: bring y to the edge of the normal range first.
  const [m, e] = frexp(y);
  const target = e + n;
  if (target > -1021) return m * 2 ** target;
  return toDoubleScaled(m, target);
}

/** m * 2**e rounded once (m a double with 0.5 <= |m| < 1, result subnormal or zero). */
function toDoubleScaled(m: number, e: number): number {
  const mant = BigInt(m * 2 ** 53);
  return bigToDouble(mant, e - 53);
}

function bitLength(m: bigint): number {
  if (m < 0n) m = -m;
  return m === 0n ? 0 : m.toString(2).length;
}

/** m * 2**e correctly rounded to a double (ties to even), with subnormals and overflow. */
function bigToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  let a = neg ? -m : m;
  const n = bitLength(a);
  const top = n + e; // the value is in [2^(top-1), 2^top)
  if (top - 1 > 1023) return neg ? -Infinity : Infinity;
  // Position of the last kept bit: 53 bits for normals, 2^-1074 for subnormals.
  let lsb = top - 53;
  if (lsb < -1074) lsb = -1074;
  const drop = lsb - e;
  if (drop > 0) {
    const d = BigInt(drop);
    const kept = a >> d;
    const rest = a - (kept << d);
    const half = 1n << (d - 1n);
    let r = kept;
    if (rest > half || (rest === half && (kept & 1n) === 1n)) r = kept + 1n;
    a = r;
    e = lsb;
  }
  let v = Number(a);
  if (e > 0) {
    while (e > 1000) {
      v *= 2 ** 1000;
      e -= 1000;
    }
    v *= 2 ** e;
  } else if (e < 0) {
    while (e < -1000) {
      v *= 2 ** -1000;
      e += 1000;
      if (e < -1000 || v * 2 ** e < 2 ** -1022) {
        // keep going; the final multiply is exact (the result is representable)
      }
    }
    v *= 2 ** e;
  }
  return neg ? -v : v;
}

// ------------------------------------------------------------------ erf, erfc

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const QQ = [
  0.0, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3,
  1.32494738004321644526e-4, -3.9602282787753681232e-6,
];
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3,
];
const QA = [
  0.0, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2,
  1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1,
  -9.81432934416914548592,
];
const SA = [
  0.0, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2,
  4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2,
];
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2,
];
const SB = [
  0.0, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3,
  2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1,
];

function erfSmall(x: number): number {
  const z = x * x;
  const r1 = PP[0] + z * PP[1];
  const z2 = z * z;
  const r2 = PP[2] + z * PP[3];
  const z4 = z2 * z2;
  const s1 = 1.0 + z * QQ[1];
  const s2 = QQ[2] + z * QQ[3];
  const s3 = QQ[4] + z * QQ[5];
  const r = r1 + z2 * r2 + z4 * PP[4];
  const s = s1 + z2 * s2 + z4 * s3;
  return r / s;
}

function erfMidPQ(x: number): [number, number] {
  const s = Math.abs(x) - 1.0;
  const P1 = PA[0] + s * PA[1];
  const s2 = s * s;
  const Q1 = 1.0 + s * QA[1];
  const s4 = s2 * s2;
  const P2 = PA[2] + s * PA[3];
  const s6 = s4 * s2;
  const Q2 = QA[2] + s * QA[3];
  const P3 = PA[4] + s * PA[5];
  const Q3 = QA[4] + s * QA[5];
  const P = P1 + s2 * P2 + s4 * P3 + s6 * PA[6];
  const Q = Q1 + s2 * Q2 + s4 * Q3 + s6 * QA[6];
  return [P, Q];
}

/** exp(-x*x-0.5625+R/S) / x for the tails (ax = |x|, s = 1/x^2). */
function erfTail(ax: number, small: boolean): number {
  const s = 1.0 / (ax * ax);
  let R: number;
  let S: number;
  if (small) {
    const R1 = RA[0] + s * RA[1];
    const s2 = s * s;
    const S1 = 1.0 + s * SA[1];
    const s4 = s2 * s2;
    const R2 = RA[2] + s * RA[3];
    const s6 = s4 * s2;
    const S2 = SA[2] + s * SA[3];
    const s8 = s4 * s4;
    const R3 = RA[4] + s * RA[5];
    const S3 = SA[4] + s * SA[5];
    const R4 = RA[6] + s * RA[7];
    const S4 = SA[6] + s * SA[7];
    R = R1 + s2 * R2 + s4 * R3 + s6 * R4;
    S = S1 + s2 * S2 + s4 * S3 + s6 * S4 + s8 * SA[8];
  } else {
    const R1 = RB[0] + s * RB[1];
    const s2 = s * s;
    const S1 = 1.0 + s * SB[1];
    const s4 = s2 * s2;
    const R2 = RB[2] + s * RB[3];
    const s6 = s4 * s2;
    const S2 = SB[2] + s * SB[3];
    const R3 = RB[4] + s * RB[5];
    const S3 = SB[4] + s * SB[5];
    const S4 = SB[6] + s * SB[7];
    R = R1 + s2 * R2 + s4 * R3 + s6 * RB[6];
    S = S1 + s2 * S2 + s4 * S3 + s6 * S4;
  }
  const z = fromWords(hiWord(ax), 0);
  return libmExp(-z * z - 0.5625) * libmExp((z - ax) * (z + ax) + R / S);
}

/** erf: fdlibm's s_erf.c. */
export function libmErf(x: number): number {
  const hx = hiWord(x) | 0;
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return (hx < 0 ? -1 : 1) + 1.0 / x;
  if (ix < 0x3feb0000) {
    if (ix < 0x3e300000) {
      if (ix < 0x00800000) return 0.0625 * (16.0 * x + 16.0 * EFX * x);
      return x + EFX * x;
    }
    return x + x * erfSmall(x);
  }
  if (ix < 0x3ff40000) {
    const [P, Q] = erfMidPQ(x);
    return hx >= 0 ? ERX + P / Q : -ERX - P / Q;
  }
  if (ix >= 0x40180000) return hx >= 0 ? 1.0 - 1e-300 : 1e-300 - 1.0;
  const ax = Math.abs(x);
  const r = erfTail(ax, ix < 0x4006db6e);
  return hx >= 0 ? 1.0 - r / ax : r / ax - 1.0;
}

/** erfc: fdlibm's s_erf.c. */
export function libmErfc(x: number): number {
  const hx = hiWord(x) | 0;
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return (hx < 0 ? 2 : 0) + 1.0 / x;
  if (ix < 0x3feb0000) {
    if (ix < 0x3c700000) return 1.0 - x;
    const y = erfSmall(x);
    if (hx < 0x3fd00000) return 1.0 - (x + x * y);
    let r = x * y;
    r += x - 0.5;
    return 0.5 - r;
  }
  if (ix < 0x3ff40000) {
    const [P, Q] = erfMidPQ(x);
    if (hx >= 0) return 1.0 - ERX - P / Q;
    return 1.0 + (ERX + P / Q);
  }
  if (ix < 0x403c0000) {
    if (hx < 0 && ix >= 0x40180000) return 2.0 - 1e-300;
    const ax = Math.abs(x);
    const r = erfTail(ax, ix < 0x4006db6d);
    return hx > 0 ? r / ax : 2.0 - r / ax;
  }
  return hx > 0 ? 0 : 2.0 - 1e-300;
}

// ------------------------------------------------------------------ trigonometry

/** sin, cos, tan, atan, asin, acos and atan2: correctly rounded (libm-correct.ts). */
export const libmSin = crSin;
export const libmCos = crCos;
export const libmTan = crTan;
export const libmAtan = crAtan;
export const libmAsin = crAsin;
export const libmAcos = crAcos;
export const libmAtan2 = crAtan2;

/** π, 2π, π/2 … as doubles (exact roundings), for callers that need them. */
export const PI = Math.PI;
export { fromWords, hiWord, loWord };

/**
 * log2: ARM optimized-routines' log2.c with fused multiply-adds (the variant glibc 2.36
 * selects on FMA CPUs; without them the last bit differs for some inputs).
 */
export function libmLog2(x: number): number {
  const ix0 = asU64(x);
  if (ix0 - LOG2_LO < LOG2_HI - LOG2_LO && ix0 >= LOG2_LO) {
    if (x === 1.0) return 0;
    const B = LOG2_POLY1;
    const r = x - 1.0;
    const hi = r * INVLN2HI;
    let lo = fma(r, INVLN2LO, fma(r, INVLN2HI, -hi));
    const r2 = r * r;
    const r4 = r2 * r2;
    const q = fma(r, B[1], B[0]);
    let y = fma(r2, q, hi);
    lo = lo + fma(r2, q, hi - y);
    const poly = fma(
      r4,
      fma(r2, fma(r, B[9], B[8]), fma(r, B[7], B[6])),
      fma(r2, fma(r, B[5], B[4]), fma(r, B[3], B[2])),
    );
    lo = fma(r4, poly, lo);
    y += lo;
    return y;
  }
  const bits = logBits(x);
  if (typeof bits === 'number') return bits;
  const [k, logc, r] = logReduce(bits, 46n, 63n, LOG2_TAB);
  const t1 = r * INVLN2HI;
  const t2 = fma(r, INVLN2LO, fma(r, INVLN2HI, -t1));
  const t3 = k + logc;
  const hi = t3 + t1;
  const lo = t3 - hi + t1 + t2;
  const A = LOG2_POLY;
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = fma(r4, fma(r, A[5], A[4]), fma(r2, fma(r, A[3], A[2]), fma(r, A[1], A[0])));
  return fma(r2, p, lo) + hi;
}

// ------------------------------------------------------------------ expm1, log1p, tanh, atanh

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INVLN2 = 1.442695040888963387;
const EXPM1_Q = [
  1.0, -3.33333333333331316428e-2, 1.58730158725481460165e-3, -7.93650757867487942473e-5,
  4.00821782732936239552e-6, -2.01099218183624371326e-7,
];

/** expm1: fdlibm's s_expm1.c. */
export function libmExpm1(x: number): number {
  let hx = hiWord(x);
  const xsb = hx & 0x80000000;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x;
        return xsb === 0 ? x : -1.0;
      }
      if (x > 7.09782712893383973096e2) return Infinity;
    }
    if (xsb !== 0) return 1e-300 - 1.0;
  }
  let k: number;
  let c = 0;
  if (hx > 0x3fd62e42) {
    let hi: number;
    let lo = 0;
    let reduced = false;
    if (hx < 0x3ff0a2b2) {
      if (xsb === 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = Math.trunc(fma(INVLN2, x, xsb === 0 ? 0.5 : -0.5));
      const t = k;
      hi = fma(-t, LN2_HI, x);
      x = fma(-t, LN2_LO, hi);
      c = fma(-t, LN2_LO, hi - x);
      reduced = true;
    }
    if (!reduced) {
      x = hi - lo;
      c = hi - x - lo;
    }
  } else if (hx < 0x3c900000) {
    return x;
  } else k = 0;
  const Q = EXPM1_Q;
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const R1 = fma(hxs, Q[1], 1.0);
  const h2 = hxs * hxs;
  const R2 = fma(hxs, Q[3], Q[2]);
  const h4 = h2 * h2;
  const R3 = fma(hxs, Q[5], Q[4]);
  const r1 = fma(h4, R3, fma(h2, R2, R1));
  let t = fma(-r1, hfx, 3.0);
  let e = hxs * ((r1 - t) / fma(-x, t, 6.0));
  if (k === 0) return x - fma(x, e, -hxs);
  e = fma(x, e - c, -c);
  e -= hxs;
  if (k === -1) return fma(0.5, x - e, -0.5);
  if (k === 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return fma(2.0, x - e, 1.0);
  }
  let y: number;
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - x);
    y = fromWords(hiWord(y) + (k << 20), loWord(y));
    return y - 1.0;
  }
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0);
    y = t - (e - x);
    y = fromWords(hiWord(y) + (k << 20), loWord(y));
  } else {
    t = fromWords((0x3ff - k) << 20, 0);
    y = x - (e + t);
    y += 1.0;
    y = fromWords(hiWord(y) + (k << 20), loWord(y));
  }
  return y;
}

const LP = [
  0.0, 6.66666666666673513e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1,
  1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1,
];

/** log1p: fdlibm's s_log1p.c. */
export function libmLog1p(x: number): number {
  const hx = hiWord(x) | 0;
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) {
      if (x === -1.0) return -Infinity;
      return NaN;
    }
    if (ax < 0x3e200000) {
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = hiWord(u) | 0;
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      hu = hiWord(u) | 0;
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = fromWords(hu | 0x3ff00000, loWord(u));
    } else {
      k += 1;
      u = fromWords(hu | 0x3fe00000, loWord(u));
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    if (f === 0) {
      if (k === 0) return 0;
      c = fma(k, LN2_LO, c);
      return fma(k, LN2_HI, c);
    }
    const R = hfsq * fma(-0.6666666666666666, f, 1.0);
    if (k === 0) return f - R;
    return fma(k, LN2_HI, -(R - fma(k, LN2_LO, c) - f));
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const z2 = z * z;
  const R2 = fma(z, LP[3], LP[2]);
  const z4 = z2 * z2;
  const R3 = fma(z, LP[5], LP[4]);
  const z6 = z4 * z2;
  const R4 = fma(z, LP[7], LP[6]);
  const R = fma(z6, R4, fma(z4, R3, fma(z, LP[1], z2 * R2)));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return fma(k, LN2_HI, -(hfsq - (s * (hfsq + R) + fma(k, LN2_LO, c)) - f));
}

/** tanh: fdlibm's s_tanh.c. */
export function libmTanh(x: number): number {
  const jx = hiWord(x) | 0;
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
  let z: number;
  if (ix < 0x40360000) {
    if (ix < 0x3c800000) return x * (1.0 + x);
    if (ix >= 0x3ff00000) {
      const t = libmExpm1(2.0 * Math.abs(x));
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const t = libmExpm1(-2.0 * Math.abs(x));
      z = -t / (t + 2.0);
    }
  } else z = 1.0 - 1e-300;
  return jx >= 0 ? z : -z;
}

/** atanh: fdlibm's e_atanh.c. */
export function libmAtanh(x: number): number {
  const hx = hiWord(x) | 0;
  const lx = loWord(x);
  const ix = hx & 0x7fffffff;
  if ((ix | ((lx | -lx) >>> 31)) >>> 0 > 0x3ff00000) return NaN; // |x| > 1 or NaN
  if (ix === 0x3ff00000) return x / 0.0;
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  const ax = fromWords(ix, lx);
  let t: number;
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    t = ax + ax;
    t = 0.5 * libmLog1p(t + (t * ax) / (1.0 - ax));
  } else {
    t = 0.5 * libmLog1p((ax + ax) / (1.0 - ax));
  }
  return hx >= 0 ? t : -t;
}
