/**
 * Whether a metric is better low or high, guessed from its name (the compare page lets the user change
 * it): losses, errors and error-like scores are minimised, everything else (accuracy, f1, auc, r2…) is
 * maximised. Matched on name parts, so "val_loss", "eval/rmse" and "MAPE" all count.
 */
export type Direction = 'min' | 'max';

const LOWER_IS_BETTER =
  /(^|[^a-z])(loss|error|err|mape|smape|rmse|mse|mae|msle|rmsle|wape|wer|cer|perplexity|ppl|latency|duration|time|regret|nll|logloss|brier)([^a-z]|$)/;

export function guessDirection(metricKey: string): Direction {
  return LOWER_IS_BETTER.test(metricKey.toLowerCase()) ? 'min' : 'max';
}

/** Index of the best of `values` (finite ones only) in `direction`, or -1. */
export function bestIndex(values: readonly (number | undefined)[], direction: Direction): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || !Number.isFinite(v)) continue;
    const b = best === -1 ? undefined : (values[best] as number);
    if (b === undefined || (direction === 'min' ? v < b : v > b)) best = i;
  }
  return best;
}
