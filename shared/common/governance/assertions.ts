/** Evaluation of a policy rule's assertion: does it hold, and what did it read (for the finding)? */
import { clauseValue, clausesOf, evaluateExpr, type ExprContext } from './expression';
import type { Assertion } from './types';
import { ownValue } from '../records';

export interface AssertionOutcome {
  ok: boolean;
  observed: string;
  expected: string;
}

function tagsOf(ctx: ExprContext): Record<string, string> {
  return ctx.version?.tags ?? ctx.model?.tags ?? ctx.run?.data.tags ?? {};
}

export function checkAssertion(a: Assertion, ctx: ExprContext): AssertionOutcome {
  switch (a.kind) {
    case 'expr': {
      const seen = clausesOf(a.expr).map((c) => {
        const v = clauseValue(c, ctx);
        return `${c.label}=${v === null ? 'missing' : JSON.stringify(v)}`;
      });
      return {
        ok: evaluateExpr(a.expr, ctx),
        observed: [...new Set(seen)].join(', '),
        expected: a.source,
      };
    }
    case 'required_tags': {
      const tags = tagsOf(ctx);
      const missing = a.tags.filter((t) => (ownValue(tags, t) ?? '').trim() === '');
      return {
        ok: missing.length === 0,
        observed: missing.length === 0 ? 'all present' : `missing ${missing.join(', ')}`,
        expected: `tags ${a.tags.join(', ')}`,
      };
    }
    case 'all':
    case 'any': {
      const parts = a.items.map((i) => checkAssertion(i, ctx));
      const ok = a.kind === 'all' ? parts.every((p) => p.ok) : parts.some((p) => p.ok);
      return {
        ok,
        observed: parts.map((p) => p.observed).join('; '),
        expected: parts.map((p) => p.expected).join(a.kind === 'all' ? ' AND ' : ' OR '),
      };
    }
  }
}
