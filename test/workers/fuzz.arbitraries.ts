/**
 * fast-check arbitraries for the API fuzz tests: any JSON at all, and "near-valid" bodies built
 * from a contract's zod schema (through its JSON Schema) whose fields get the right type most of
 * the time, filled with the strings and numbers that break code: lone surrogates, RTL and
 * zero-width marks, NUL, emoji ZWJ sequences, huge strings, deep nesting, extreme numbers.
 */
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
};

/** Strings that have broken servers: encodings, direction, invisibles, control characters, size. */
export const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    'x\ud83d',
    '\u202eevil\u202c',
    'שלום עולם',
    'مرحبا',
    '\u200b\u200c\u200d\ufeff',
    '👩‍👩‍👧‍👦',
    '🏳️‍🌈🧑🏽‍💻',
    'e\u0301\u0301\u0301\u0301',
    '\r\n\t\u000b\u000c',
    "'; DROP TABLE statuses; --",
    '<script>alert(1)</script>',
    '%00%ff',
    '@@@@',
    '#'.repeat(300),
    '9'.repeat(40),
    '-1',
    '1e309',
    'null',
    'true',
    '[]',
    '{}',
    '../../etc/passwd',
    'https://example.com/' + 'a'.repeat(3000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(10_000, 100_000).map((n) => 'ä'.repeat(n)),
);

export const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nesting a few hundred levels deep, inside a value or on its own. */
export const deepValue = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
});

/** Any JSON value, weighted towards the nasty leaves. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(nastyString, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A value of the schema's type most of the time, of any other type sometimes. */
function fromSchema(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(anyJson, deepValue);
  return fc.oneof({ weight: 4, arbitrary: typed(schema, depth) }, { weight: 1, arbitrary: wrong });
}

function typed(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return anyJson;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => typed(s, depth + 1)));
  if (schema.allOf?.length) return typed(schema.allOf[0]!, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), nastyString);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return nastyString;
    case 'number':
    case 'integer':
      return nastyNumber;
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', '1', 'on'));
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ?? schema.prefixItems?.[0];
      return fc.array(items ? fromSchema(items, depth + 1) : anyJson, { maxLength: 6 });
    }
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (!props.length) return fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 });
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, depth + 1)])), { requiredKeys: [] });
    }
    default:
      return anyJson;
  }
}

/** Bodies shaped like `body` (a zod schema): its fields, nasty values, sometimes of the wrong type. */
export function nearValid(body: z.ZodType): fc.Arbitrary<unknown> {
  let schema: JsonSchema;
  try {
    schema = z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return anyJson;
  }
  return typed(schema, 0);
}
