/** Governance (GOVERNANCE.md): policy compilation, the rule engine and its report types. Pure. */
export { evaluateGovernance, entityUri } from './engine';
export { compilePolicy, baselinePolicy, PolicyError, DEFAULT_SETTINGS } from './policy';
export { BASELINE_RULE_IDS } from './baselineIds';
export { parsePolicyExpr } from './expression';
export * from './types';
