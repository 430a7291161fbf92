/**
 * Decimal numbers as text: the number a metric command prints, read strictly, and numbers written
 * back as plain decimals (no exponent), which every reader of the report, Mermaid included, takes.
 */

/**
 * A decimal number as people and tools print one: `0.012`, `-3`, `+2.`, `.5`, `1.5e-4`. Not
 * `Infinity`, `NaN`, hex, binary, octal, digit separators, a unit or an empty line.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

/** The number `text` holds, or undefined when it is not a finite plain decimal. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim()
  if (!DECIMAL.test(trimmed)) return undefined
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : undefined
}

/** Enough for any metric, and few enough that binary rounding noise never shows. */
const SIGNIFICANT_DIGITS = 12

/** Made on first use: the first Intl formatter loads ICU's locale data, 8 ms of every start-up. */
let plain: Intl.NumberFormat | undefined

/**
 * A number as a plain decimal, at most 12 significant digits: `0.018`, not `0.018000000000000002`
 * (the sum of two decimals in binary) nor `1e-7`.
 */
export function formatDecimal(value: number): string {
  plain ??= new Intl.NumberFormat('en-US', {
    useGrouping: false,
    maximumSignificantDigits: SIGNIFICANT_DIGITS
  })
  return plain.format(value).replace(/^-0$/, '0')
}

/** The value at the precision it is shown with, so that what is judged is what is shown. */
export function roundDecimal(value: number): number {
  return Number(value.toPrecision(SIGNIFICANT_DIGITS))
}
