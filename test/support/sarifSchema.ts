/**
 * Test helper: an Ajv validator for the official OASIS SARIF 2.1.0 JSON schema (the copy shipped in the
 * @microsoft/jest-sarif devDependency). That schema is draft-04 while Ajv 8 speaks draft-07+, so three
 * honest adaptations are made: draft-04 `id` becomes `$id` (the only draft-04/07 difference the schema
 * uses — it has no boolean exclusiveMinimum/Maximum), its `$schema` is dropped so Ajv applies draft-07,
 * and regexes compile without the `u` flag because the schema's language-tag pattern
 * (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is invalid in unicode mode. Formats (uri, date-time) are
 * not validated by Ajv here (ajv-formats is not installed); callers check the ones they emit.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const SCHEMA = resolve(
  import.meta.dirname,
  '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
);

export function officialSarifValidator(): ValidateFunction {
  const raw = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft04, id, ...rest } = raw;
  if (typeof id !== 'string') throw new Error(`${SCHEMA}: no draft-04 id`);
  return new Ajv({
    allErrors: true,
    // The official schema lists `required` names inside anyOf branches Ajv's strict mode flags.
    strict: false,
    validateFormats: false,
    unicodeRegExp: false,
  }).compile({ $id: id, ...rest });
}
