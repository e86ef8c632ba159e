/**
 * Command-line parsing on top of node:util parseArgs, with errors that name the bad token in one
 * line (parseArgs' own messages are long and suggest `--`).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export function parse(args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(args, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const token = /'([^']+)'/.exec(message)?.[1]?.replace(/ <value>$/, '');
    const code = (err as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && token)
      throw new UsageError(`unknown option '${token}'`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && token)
      throw new UsageError(`option '${token}' needs a value`);
    throw new UsageError(message.split('\n')[0] ?? message);
  }
}

/** `--max-results -1` is a value, not an option: join it so the range check can name the real problem. */
function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const next = args[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function stringValue(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function stringList(parsed: Parsed, name: string): string[] | undefined {
  const v = parsed.values[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true;
}

export function intValue(
  parsed: Parsed,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = stringValue(parsed, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${text}'`);
  }
  return n;
}

/** Exactly `names.length` positionals, named in the error when one is missing or extra. */
export function positionalsExactly(parsed: Parsed, names: readonly string[]): string[] {
  const { positionals } = parsed;
  if (positionals.length < names.length)
    throw new UsageError(`missing ${names[positionals.length] ?? 'argument'}`);
  if (positionals.length > names.length)
    throw new UsageError(`unexpected argument '${positionals[names.length] ?? ''}'`);
  return positionals;
}

const VIEWS = { active: 'ACTIVE_ONLY', deleted: 'DELETED_ONLY', all: 'ALL' } as const;

export function viewType(parsed: Parsed): 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL' {
  const text = stringValue(parsed, 'view') ?? 'active';
  if (!Object.prototype.hasOwnProperty.call(VIEWS, text)) {
    throw new UsageError(`--view must be active, deleted or all, not '${text}'`);
  }
  return VIEWS[text as keyof typeof VIEWS];
}
