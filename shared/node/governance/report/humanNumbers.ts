/**
 * Numbers for human readers of the HTML and Markdown reports. MLflow metrics are doubles and print as
 * 0.2219565818085707; an auditor needs 0.222. Four significant digits (never fewer integer digits) is
 * enough to compare against policy thresholds, which are written with at most a few digits; the canonical
 * JSON keeps full precision and is what the report hash covers, so nothing is lost.
 */

/** A number as a person reads it: integers unchanged, other values to 4 significant digits. */
export function humanNumber(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  let text: string;
  if (abs >= 1000) text = x.toFixed(1);
  else if (abs >= 1e-4) text = x.toPrecision(4);
  else return trimZeros(x.toExponential(3));
  return trimZeros(text);
}

/** 0.2220 → 0.222, 1.500e-5 → 1.5e-5; leaves integers and the exponent alone. */
function trimZeros(text: string): string {
  const [mantissa = text, exponent] = text.split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? m : `${m}e${exponent}`;
}

/**
 * Long decimal literals inside a sentence (the "observed" text of a finding, e.g.
 * "accuracy=0.718, psi=0.1244873514258262"), rewritten with humanNumber. Only literals with 5+ fraction
 * digits standing alone are touched, so versions (2.12.2), times (06:00:00.000Z), ids and hashes stay.
 */
const LONG_DECIMAL = /(?<![\w.])-?\d+\.\d{5,}(?:e[+-]?\d+)?(?![\w.])/g;

export function humanizeNumbersIn(
  text: string,
  wrap: (shown: string, full: string) => string = (shown) => shown,
): string {
  return text.replace(LONG_DECIMAL, (full) => wrap(humanNumber(Number(full)), full));
}

/** A table cell's value for display: numbers humanized, everything else as is. */
export const humanCell = (v: unknown): unknown => (typeof v === 'number' ? humanNumber(v) : v);
