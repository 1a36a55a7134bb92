# tier: B
# features: math,float,int,sys.getsizeof
import math, sys
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.exp(1), math.log(100, 10), math.log2(1024), math.log10(0.001), math.log1p(1e-10))
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-7.9), math.fabs(-3), math.copysign(3, -0.0))
print(math.factorial(20), math.comb(10, 3), math.perm(5, 2), math.gcd(12, 18, 27), math.lcm(4, 6, 10), math.isqrt(10 ** 20 + 1))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.prod([1, 2, 3, 4]), math.prod([0.5, 4]), math.dist((0, 0), (3, 4)), math.hypot(5, 12))
print(math.isclose(1.0, 1.0 + 1e-10), math.isnan(math.nan), math.isinf(math.inf), math.isfinite(1e308))
print(math.frexp(48.0), math.ldexp(0.75, 6), math.modf(-3.25), math.fmod(-7, 3), math.remainder(7, 3))
print(math.gamma(5.5), math.lgamma(10), math.erf(0.5), math.erfc(0.5), math.expm1(1e-5), math.cbrt(27.0))
print(math.degrees(math.pi), math.radians(180), math.nextafter(1.0, 2.0), math.ulp(1.0))
print(math.sin(1), math.cos(1), math.tan(-6.2), math.asin(0.3), math.acos(0.07), math.atan(2.5), math.atan2(-1, -3))
print(math.sinh(1), math.cosh(1), math.tanh(0.5), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(sys.getsizeof(math.factorial(30)), sys.getsizeof(math.sqrt(2)), type(math.floor(2.5)).__name__)
for f, a in ((math.sqrt, -1), (math.log, 0), (math.factorial, -1), (math.exp, 1000)):
    try:
        f(a)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
