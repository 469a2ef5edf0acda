/**
 * Directory files: random JSON and the example file mutated at random paths (values replaced by
 * other types, fields dropped, arrays emptied or duplicated, strings garbled). parseDirectory must
 * either return a directory or throw ConfigError — never a TypeError, RangeError or anything else
 * that would crash start-up or a SIGHUP reload with a stack trace instead of a line naming the field.
 * FUZZ_RUNS sets the number of cases per property (default 2,000).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseDirectory } from '../../src/config/directory';
import { ConfigError } from '../../src/config/env';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const example: unknown = JSON.parse(readFileSync('config/directory.example.json', 'utf8'));

/** Every path (array of keys/indices) to a value inside `node`. */
function pathsOf(
  node: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(node)) node.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) pathsOf(v, [...prefix, k], out);
  return out;
}
const PATHS = pathsOf(example).filter((p) => p.length > 0);

type Mutation = { path: (string | number)[]; kind: 'replace' | 'delete' | 'duplicate' | 'empty'; value: unknown };

function mutate(doc: unknown, m: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of m.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1]!;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.kind === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[Number(last)]));
  else if (m.kind === 'empty')
    parent[last] = Array.isArray(parent[last]) ? [] : typeof parent[last] === 'string' ? '' : {};
  else parent[last] = m.value;
  return copy;
}

const anyValue = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constantFrom(
    '25:00',
    '08:00',
    '2026-02-30',
    'mon',
    'video',
    'fax',
    '',
    ' ',
    'a'.repeat(10_000),
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double(),
  fc.constantFrom(null, true, [], {}, Number.NaN, Infinity),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...PATHS),
  kind: fc.constantFrom('replace', 'delete', 'duplicate', 'empty'),
  value: anyValue,
});

function parsesOrConfigError(input: unknown): boolean {
  try {
    parseDirectory(input, 'fuzzed directory');
    return true;
  } catch (e) {
    if (e instanceof ConfigError) {
      expect(e.message).toMatch(/^Invalid fuzzed directory: /);
      return true;
    }
    throw e;
  }
}

/** The ConfigError parseDirectory answers `input` with; accepting it or any other error fails the case. */
function refusalOf(input: unknown): ConfigError {
  try {
    parseDirectory(input, 'fuzzed directory');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`accepted as a directory: ${fc.stringify(input).slice(0, 200)}`);
}

describe('directory file fuzzing', () => {
  it('accepts the example as it is', () => {
    expect(() => parseDirectory(example)).not.toThrow();
  });

  it('answers one to three mutations of the example with a directory or a ConfigError, nothing else', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) =>
        parsesOrConfigError(
          ms.reduce<unknown>((doc, m) => {
            try {
              return mutate(doc, m);
            } catch {
              return doc; // a path an earlier mutation removed
            }
          }, example),
        ),
      ),
      { numRuns: RUNS },
    );
  });

  it('answers arbitrary JSON with a ConfigError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.object()), (input) => {
        expect(refusalOf(input).message).toMatch(/^Invalid fuzzed directory: /);
      }),
      { numRuns: RUNS },
    );
  });
});
