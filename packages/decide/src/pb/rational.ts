// Exact rational numbers over BigInt, for money amounts, budgets and the values on which the rules
// decide. Always normalised: den > 0 and gcd(num, den) = 1.

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('A rational number cannot have a zero denominator.');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export const ZERO: Rational = { num: 0n, den: 1n };

export function add(a: Rational, b: Rational): Rational {
  return a.den === b.den ? rational(a.num + b.num, a.den) : rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Rational, b: Rational): Rational {
  return a.den === b.den ? rational(a.num - b.num, a.den) : rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function div(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den, a.den * b.num);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(16).length * 4;
}

/** The nearest double (within a few units in the last place) of num/den, also for huge num and den. */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const negative = num < 0n !== den < 0n;
  let n = num < 0n ? -num : num;
  let d = den < 0n ? -den : den;
  if (n < 1n << 53n && d < 1n << 53n) {
    const q = Number(n) / Number(d);
    return negative ? -q : q;
  }
  // Scale so that the integer quotient has about 64 significant bits.
  const shift = bitLength(n) - bitLength(d) - 64;
  if (shift > 0) d <<= BigInt(shift);
  else n <<= BigInt(-shift);
  const q = Number(n / d) * 2 ** shift;
  return negative ? -q : q;
}

export function toNumber(a: Rational): number {
  return ratioToNumber(a.num, a.den);
}

const NUMBER = /^([+-]?)(\d*)(?:[.,](\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION = /^([+-]?\d+)\/(\d+)$/;

/**
 * Reads a number as written in a .pb file: an integer, a decimal with "." or "," ("1794579.57",
 * "400000.0", "0,5"), optionally with an exponent, or a fraction "a/b". Returns null if the text is
 * not a number.
 */
export function parseRational(text: string): Rational | null {
  const s = text.trim();
  const f = FRACTION.exec(s);
  if (f) {
    const den = BigInt(f[2] as string);
    return den === 0n ? null : rational(BigInt(f[1] as string), den);
  }
  const m = NUMBER.exec(s);
  if (!m) return null;
  const [, sign, whole = '', fraction = '', exponent] = m;
  if (whole === '' && fraction === '') return null;
  let num = BigInt((whole || '0') + fraction);
  let den = 10n ** BigInt(fraction.length);
  if (exponent !== undefined) {
    const e = Number(exponent);
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) return null;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  return rational(sign === '-' ? -num : num, den);
}

/**
 * Writes a rational exactly: as a decimal when it has a finite one ("1794579.57"), otherwise as
 * "num/den".
 */
export function formatRational(a: Rational): string {
  let d = a.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return `${a.num}/${a.den}`;
  const digits = Math.max(twos, fives);
  if (digits === 0) return a.num.toString();
  const scaled = (a.num * 10n ** BigInt(digits)) / a.den;
  const negative = scaled < 0n;
  const text = (negative ? -scaled : scaled).toString().padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A rounded decimal for people to read (not for decisions): at most `decimals` places. */
export function formatApprox(a: Rational, decimals = 2): string {
  const scale = 10n ** BigInt(decimals);
  const negative = a.num < 0n;
  const n = negative ? -a.num : a.num;
  const rounded = (2n * n * scale + a.den) / (2n * a.den);
  const whole = rounded / scale;
  const frac = (rounded % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${negative && rounded !== 0n ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
