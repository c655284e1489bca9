/**
 * Exact decimal arithmetic on JS numbers.
 *
 * Ruby Liquid turns floats into BigDecimal (from their shortest decimal text) before any
 * math, so `0.1 | plus: 0.2` is `0.3` there while plain JS gives `0.30000000000000004`.
 * Reading each number's shortest text back into a scaled BigInt reproduces that.
 */

/** `units × 10^-scale`. */
interface Decimal {
  units: bigint
  scale: number
}

function toDecimal(n: number): Decimal {
  const [mantissa = '0', exponent = '0'] = String(n).toLowerCase().split('e')
  const negative = mantissa.startsWith('-')
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.')
  const units = BigInt(whole + fraction)
  let scale = fraction.length - Number(exponent)
  let scaled = units
  if (scale < 0) {
    scaled *= 10n ** BigInt(-scale)
    scale = 0
  }
  return { units: negative ? -scaled : scaled, scale }
}

function toNumber(d: Decimal): number {
  return Number(`${d.units}e${-d.scale}`)
}

function withScale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale)
}

/** Runs `exact` on decimals, or `approximate` when either side is NaN or infinite. */
function exactly(
  a: number,
  b: number,
  exact: (x: Decimal, y: Decimal) => Decimal,
  approximate: (x: number, y: number) => number,
): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return approximate(a, b)
  return toNumber(exact(toDecimal(a), toDecimal(b)))
}

export function decimalAdd(a: number, b: number): number {
  return exactly(a, b, (x, y) => {
    const scale = Math.max(x.scale, y.scale)
    return { units: withScale(x, scale) + withScale(y, scale), scale }
  }, (x, y) => x + y)
}

export function decimalSubtract(a: number, b: number): number {
  return decimalAdd(a, -b)
}

export function decimalMultiply(a: number, b: number): number {
  return exactly(a, b, (x, y) => ({ units: x.units * y.units, scale: x.scale + y.scale }), (x, y) => x * y)
}

/** Modulo with the sign of the divisor, like Ruby's `%`; the divisor must not be zero. */
export function decimalModulo(a: number, b: number): number {
  return exactly(a, b, (x, y) => {
    const scale = Math.max(x.scale, y.scale)
    const divisor = withScale(y, scale)
    let rest = withScale(x, scale) % divisor
    if (rest !== 0n && (rest < 0n) !== (divisor < 0n)) rest += divisor
    return { units: rest, scale }
  }, (x, y) => ((x % y) + y) % y)
}

/** Rounds half away from zero to `places` decimals (negative: tens, hundreds…), like BigDecimal#round. */
export function roundHalfUp(n: number, places: number): number {
  if (!Number.isFinite(n)) return n
  const d = toDecimal(n)
  const dropped = d.scale - places
  if (dropped <= 0) return n
  const divisor = 10n ** BigInt(dropped)
  const magnitude = d.units < 0n ? -d.units : d.units
  let kept = magnitude / divisor
  if ((magnitude % divisor) * 2n >= divisor) kept += 1n
  return toNumber({ units: d.units < 0n ? -kept : kept, scale: places })
}

/** The fixed-point text of `n` rounded half up to `places` decimals, e.g. `145.00`. */
export function toFixedHalfUp(n: number, places: number): string {
  const rounded = toDecimal(roundHalfUp(n, places))
  const units = withScale(rounded, places)
  const digits = (units < 0n ? -units : units).toString().padStart(places + 1, '0')
  const sign = units < 0n ? '-' : ''
  if (places === 0) return sign + digits
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`
}
