import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { mutationDocument } from '../support/api-documents.ts';
import { everyMutationPlan } from '../support/api-plans.ts';

// Input is judged before any store is touched, so this suite runs on the embedded store only.

type Path = (string | number)[];

/** Every string in an input, with its path: titles, dates as typed, references, list entries. */
function stringLeaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function replaced(input: Record<string, unknown>, path: Path, value: string): Record<string, unknown> {
  const copy = structuredClone(input);
  let at: any = copy;
  for (const part of path.slice(0, -1)) at = at[part];
  at[path[path.length - 1]!] = value;
  return copy;
}

const leaf = (input: Record<string, unknown>, path: Path): string => path.reduce<any>((v, p) => v[p], input) as string;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlCharacter = fc.constantFrom(
  ...[...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => ![0x09, 0x0a, 0x0d].includes(c)), 0x7f, 0x85, 0x9b].map((c) =>
    String.fromCharCode(c),
  ),
);
/** A bad character placed inside the text (between code points), so no reader can trim it away. */
const spoiled = (text: string) =>
  fc.tuple(fc.oneof(loneSurrogate, controlCharacter), fc.nat()).map(([bad, at]) => {
    const points = [...text];
    const i = 1 + (at % Math.max(1, points.length - 1));
    return [...points.slice(0, i), bad, ...points.slice(i)].join('');
  });

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
});
afterAll(async () => {
  await api.close();
});

const eventCount = async () => (await api.internals.store.headPosition())?.commit ?? 0n;

describe('text at the edge of every mutation', () => {
  it('a lone surrogate or a control character in any string input is BAD_USER_INPUT naming that field, and nothing is written', async () => {
    let checked = 0;
    for (const { mutation, input } of everyMutationPlan()) {
      const before = await eventCount();
      for (const path of stringLeaves(input)) {
        await fc.assert(
          fc.asyncProperty(spoiled(leaf(input, path)), async (bad) => {
            const reply = await api.gql(mutationDocument(mutation), { input: replaced(input, path, bad) });
            expect(codesOf(reply), `${mutation} ${path.join('.')} ${JSON.stringify(bad)}`).toEqual(['BAD_USER_INPUT']);
            expect(reply.errors![0]!.extensions!['fields']).toContainEqual(expect.objectContaining({ path: ['input', ...path].join('.') }));
          }),
          { numRuns: 2 },
        );
        checked++;
      }
      expect(await eventCount(), mutation).toBe(before);
      // The step itself must still succeed, so the next ones find their item.
      await api.write(mutationDocument(mutation), { input });
    }
    expect(checked).toBeGreaterThan(60);
  }, 120_000);

  it('a bad reason or idempotency key in options is BAD_USER_INPUT naming it, never an internal error', async () => {
    const [raise] = everyMutationPlan();
    await fc.assert(
      fc.asyncProperty(spoiled('because the pack says so'), fc.constantFrom('reason', 'idempotencyKey'), async (bad, option) => {
        const reply = await api.gql(mutationDocument(raise!.mutation), { input: raise!.input, options: { [option]: bad } });
        expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
        expect(reply.errors![0]!.extensions!['fields']).toContainEqual(expect.objectContaining({ path: `options.${option}` }));
      }),
      { numRuns: 20 },
    );
    expect(await eventCount()).toBeGreaterThan(0n);
  });
});

describe('text length and form', () => {
  const raise = () => structuredClone(everyMutationPlan()[0]!.input);

  it('refuses a 1,000,000-character title by its length, and stores what it accepts as NFC', async () => {
    const long = await api.gql(mutationDocument('raiseChangeProposal'), {
      input: { ...raise(), ref: 'DCP445', title: 'x'.repeat(1_000_000) },
    });
    expect(codesOf(long)).toEqual(['BAD_USER_INPUT']);
    expect(long.errors![0]!.extensions!['fields']).toEqual([
      { path: 'input.title', message: `is 1000000 characters long; at most ${api.config.rules.textLimits.title} are allowed` },
    ]);
    const written = await api.mutate('raiseChangeProposal', {
      ...raise(),
      ref: 'DCP446',
      title: '  Cafe\u0301 tariffs\r\n',
      summary: 'Line one\r\nLine\ttwo',
    });
    expect(written.changeProposal).toMatchObject({ title: 'Café tariffs', summary: 'Line one\nLine\ttwo' });
  });

  it('takes its limits from the configuration', async () => {
    const tight = await startApiHarness({ env: { TITLE_MAX_LENGTH: '10', SUMMARY_MAX_LENGTH: '20' } });
    try {
      const reply = await tight.gql(mutationDocument('raiseChangeProposal'), {
        input: { ...raise(), title: 'Eleven char', summary: 'x'.repeat(21), stakeholderPositions: null, keyDates: [] },
      });
      expect(reply.errors![0]!.extensions!['fields']).toEqual([
        { path: 'input.title', message: 'is 11 characters long; at most 10 are allowed' },
        { path: 'input.summary', message: 'is 21 characters long; at most 20 are allowed' },
      ]);
    } finally {
      await tight.close();
    }
  });
});

describe('idempotency keys', () => {
  it('an empty key is BAD_USER_INPUT, so two different commands never share the key ""', async () => {
    const plan = everyMutationPlan();
    const before = await eventCount();
    for (const key of ['', '   ']) {
      const reply = await api.gql(mutationDocument('raiseChangeProposal'), {
        input: { ...plan[0]!.input, ref: 'DCP500' },
        options: { idempotencyKey: key },
      });
      expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
      expect(reply.errors![0]!.extensions!['fields']).toEqual([
        { path: 'options.idempotencyKey', message: 'must not be empty; leave it out for a write without one' },
      ]);
    }
    expect(await eventCount()).toBe(before);
  });
});
