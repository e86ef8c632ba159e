/**
 * Metric values as a table shows them: short, aligned, and honest about NaN and infinities
 * (MLflow stores them; a blank cell would hide a diverged run).
 */
const MINUS = '\u2212';

function stripZeros(text: string): string {
  // "0.5000" -> "0.5", "2.000e-7" -> "2e-7"; leaves integers alone.
  return text.replace(/(\.\d*?)0+(?=$|e)/, '$1').replace(/\.(?=$|e)/, '');
}

/** Up to 4 significant decimals; exponent form for very large or very small magnitudes. */
export function formatMetric(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '\u221e';
  if (value === -Infinity) return `${MINUS}\u221e`;
  if (value === 0) return '0';
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 1e9 || abs < 1e-4) text = stripZeros(value.toExponential(3)).replace('e+', 'e');
  else if (Number.isInteger(value)) text = String(value);
  else if (abs >= 1) text = stripZeros(value.toFixed(4));
  else text = stripZeros(value.toPrecision(4));
  return text.replace(/^-/, MINUS);
}

/** The exact value, for a tooltip. */
export function formatMetricExact(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}
