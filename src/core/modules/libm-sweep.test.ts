/**
 * A large sweep of the correctly rounded functions against the oracle interpreter, run only
 * on request (it needs python3 == CPython 3.11.7 and takes a few seconds):
 *
 *     LIBM_SWEEP=100000 npx vitest run src/core/modules/libm-sweep.test.ts
 *
 * (LIBM_SWEEP is the number of arguments per function; LIBM_SWEEP_LIST=1 also prints every
 * argument where CPython differs.) For each function it counts the arguments where the
 * engine's result equals CPython's bit for bit; every other argument must be one where the
 * BigInt reference proves CPython's (glibc's) result is not correctly rounded and the
 * engine's is. When Python's mpmath is installed, those arguments are also checked with
 * mpmath at 300 bits. It prints, per function, the agreement and the largest error of
 * CPython's result in ulps where they differ.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exact, refInterval } from './libm-reference';
import { FUNCTIONS } from './libm-test-support';

const COUNT = Number(process.env.LIBM_SWEEP ?? 0);

/** The arguments (seeded) and CPython's results, as float.hex() pairs. */
const GENERATOR = String.raw`
import math, random, sys
random.seed(20240611)
N = int(sys.argv[1])
def sign(): return random.choice((1, -1))
def trig():
    xs = [random.uniform(-10, 10) for _ in range(N // 4)]
    xs += [random.uniform(-1, 1) for _ in range(N // 4)]
    xs += [math.ldexp(random.random(), random.randint(-40, 40)) * sign() for _ in range(N // 4)]
    xs += [math.ldexp(random.random(), random.randint(-1074, 1024)) * sign() for _ in range(N - 3 * (N // 4))]
    return [x for x in xs if math.isfinite(x)]
def unit():
    xs = [random.uniform(-1, 1) for _ in range(N // 2)]
    xs += [(1 - math.ldexp(random.random(), random.randint(-53, -1))) * sign() for _ in range(N // 4)]
    xs += [math.ldexp(random.random(), random.randint(-60, 0)) * sign() for _ in range(N - 3 * (N // 4))]
    return xs
out = []
for name in ['sin', 'cos', 'tan', 'atan', 'cbrt']:
    f = getattr(math, name)
    out += [f'{name} {x.hex()} {f(x).hex()}' for x in trig()]
for name in ['asin', 'acos']:
    f = getattr(math, name)
    out += [f'{name} {x.hex()} {f(x).hex()}' for x in unit()]
for _ in range(N):
    if random.random() < 0.1:
        y = math.ldexp(random.random(), random.randint(-1074, 1024)) * sign()
        x = math.ldexp(random.random(), random.randint(-1074, 1024)) * sign()
    else:
        y = math.ldexp(random.random(), random.randint(-30, 30)) * sign()
        x = math.ldexp(random.random(), random.randint(-30, 30)) * sign()
    if y != 0 and x != 0:
        out.append(f'atan2 {y.hex()},{x.hex()} {math.atan2(y, x).hex()}')
print('\n'.join(out))
`;

/** mpmath's correct rounding of each call (lines 'fn hexargs'), or null without mpmath. */
const MPMATH = String.raw`
import sys
try:
    import mpmath
except ImportError:
    print('none'); sys.exit()
mpmath.mp.prec = 300
for line in sys.stdin.read().split('\n'):
    if not line: continue
    fn, args = line.split(' ')
    a = [mpmath.mpf(float.fromhex(t)) for t in args.split(',')]
    v = getattr(mpmath, fn)(*a) if fn != 'cbrt' else mpmath.sign(a[0]) * mpmath.cbrt(abs(a[0]))
    print(float(v).hex())
`;

function fromHex(text: string): number {
  const m = /^(-?)0x([01])\.([0-9a-f]*)p([+-]\d+)$/.exec(text);
  if (!m) throw new Error(`not a float.hex() string: ${text}`);
  const v = Number(BigInt(`0x${m[2]}${m[3]}`)) * 2 ** (Number(m[4]) - 4 * m[3].length);
  return m[1] ? -v : v;
}

function toHex(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  const [s, m, e] = exact(x);
  const mm = m.toString(16).padStart(14, '0');
  return `${s ? '-' : ''}0x${mm.slice(0, mm.length - 13)}.${mm.slice(-13)}p${e + 52 >= 0 ? '+' : ''}${e + 52}`;
}

/** |y − f(args)| in ulps of y, from the reference interval. */
function ulpError(fn: string, args: number[], y: number): number {
  if (fn === 'cbrt') {
    // (y³ − x)/(3y²) in ulps of y = 2^ey: num·2^k / (3·my²·2^(3·ey)), to first order
    const [sy, my, ey] = exact(y);
    const [sx, mx, ex] = exact(args[0]);
    const k = Math.min(3 * ey, ex);
    const num =
      (sy ? -1n : 1n) * my ** 3n * (1n << BigInt(3 * ey - k)) - (sx ? -1n : 1n) * mx * (1n << BigInt(ex - k));
    return (Number(num) / (3 * Number(my) ** 2)) * 2 ** (k - 3 * ey);
  }
  const { v, den } = refInterval(fn, args);
  const [s, m, e] = exact(y);
  const scale = 1n << 1100n;
  // (y − v/den) / ulp(y) with ulp(y) = 2^(e) for normal y
  const yNum = (s ? -m : m) * scale;
  const exactNum = e >= 0 ? (v * scale) / (den << BigInt(e)) : ((v * scale) << BigInt(-e)) / den;
  return Number((yNum - exactNum) / (scale >> 60n)) / 2 ** 60;
}

describe.skipIf(!COUNT)('sweep against CPython 3.11.7 (LIBM_SWEEP)', () => {
  it(`${COUNT} arguments per function`, { timeout: 600_000 }, () => {
    const text = execFileSync('python3', ['-c', GENERATOR, String(COUNT)], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const stats: Record<string, { n: number; agree: number; worstUlp: number }> = {};
    const differ: string[] = [];
    const listed: string[] = [];
    for (const line of text.trim().split('\n')) {
      const [fn, a, r] = line.split(' ');
      const args = a.split(',').map(fromHex);
      const cpython = fromHex(r);
      const [f, ref] = FUNCTIONS[fn];
      const s = (stats[fn] ??= { n: 0, agree: 0, worstUlp: 0 });
      s.n++;
      const ours = f(...args);
      if (Object.is(ours, cpython)) {
        s.agree++;
        continue;
      }
      const want = ref(...args);
      expect(ours, `${fn}(${a}): the engine is not correctly rounded`).toBe(want);
      expect(cpython).not.toBe(want);
      const err = Math.abs(ulpError(fn, args, cpython));
      s.worstUlp = Math.max(s.worstUlp, err);
      differ.push(`${fn} ${a}`);
      listed.push(`${fn}(${a}) CPython ${r} (${err.toFixed(4)} ulp) engine ${toHex(ours)}`);
    }
    // an independent second opinion: mpmath
    const mp = execFileSync('python3', ['-c', MPMATH], {
      input: differ.join('\n'),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    }).trim();
    let mpmath = 'mpmath not installed';
    if (mp !== 'none') {
      const values = mp.split('\n');
      expect(values.length).toBe(differ.length);
      differ.forEach((d, i) => {
        const [fn, a] = d.split(' ');
        expect(toHex(FUNCTIONS[fn][0](...a.split(',').map(fromHex))), `mpmath disagrees on ${d}`).toBe(
          toHex(fromHex(values[i])),
        );
      });
      mpmath = `mpmath confirms all ${differ.length}`;
    }
    const rows = Object.entries(stats).map(
      ([fn, s]) =>
        `${fn.padEnd(6)} ${String(s.agree).padStart(8)} / ${String(s.n).padEnd(8)} ${((100 * s.agree) / s.n).toFixed(3).padStart(7)}%` +
        `  CPython not correctly rounded: ${String(s.n - s.agree).padStart(6)}` +
        (s.n > s.agree ? `, its worst error ${s.worstUlp.toFixed(4)} ulp` : ''),
    );
    console.log([`engine == CPython, bit for bit (${mpmath}):`, ...rows].join('\n'));
    if (process.env.LIBM_SWEEP_LIST) console.log(listed.join('\n'));
  });
});
