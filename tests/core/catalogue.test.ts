import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventCatalogue } from '../../services/core/catalogue.ts';
import { IntegrityError } from '../../services/core/errors.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { positionOf } from '../../services/core/position.ts';

/**
 * A payload that evolved twice: v1 {score}, v2 renamed score -> to and added from,
 * v3 added assessedOn. Stored events keep the version they were written with.
 */
const catalogue = new EventCatalogue([
  {
    type: 'RiskScoreAssessed',
    version: 3,
    schema: z.strictObject({ from: z.number().nullable(), to: z.number(), assessedOn: z.string().nullable() }),
    upcasters: {
      1: (data) => ({ from: null, to: (data as { score: number }).score }),
      2: (data) => ({ ...(data as object), assessedOn: null }),
    },
  },
  { type: 'RiskClosed', version: 2, schema: z.object({ on: z.string() }) },
]);

const metadata = (schemaVersion: number) => ({
  actor: 'secretariat',
  reason: null,
  effectiveAt: '2024-11-20T10:00:00.000Z',
  correlationId: 'c1',
  causationId: null,
  schemaVersion,
  idempotencyKey: null,
  commandHash: null,
  prevHash: null,
  hash: 'a'.repeat(64),
});

const stored = (type: string, data: unknown, schemaVersion: number): StoredEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  stream: 'risk:R920',
  revision: 3,
  position: positionOf(42n),
  type,
  data,
  metadata: metadata(schemaVersion),
  recordedAt: '2024-11-20T10:00:00.000Z',
});

describe('the event catalogue reads stored events of every schema version', () => {
  it('upcasts a version-1 payload through every step to the current version', () => {
    const decoded = catalogue.decode(stored('RiskScoreAssessed', { score: 10 }, 1));
    expect(decoded?.data).toEqual({ from: null, to: 10, assessedOn: null });
  });

  it('upcasts from the middle of the history', () => {
    expect(catalogue.decode(stored('RiskScoreAssessed', { from: 20, to: 10 }, 2))?.data).toEqual({ from: 20, to: 10, assessedOn: null });
  });

  it('reads the current version as stored', () => {
    const data = { from: 20, to: 10, assessedOn: '2024-11-20' };
    expect(catalogue.decode(stored('RiskScoreAssessed', data, 3))?.data).toEqual(data);
  });

  it('skips a type or a version it does not know yet (written by a newer register)', () => {
    expect(catalogue.decode(stored('RiskEscalated', {}, 1))).toBeUndefined();
    expect(catalogue.decode(stored('RiskScoreAssessed', { anything: true }, 4))).toBeUndefined();
  });

  it('refuses a known event that fails its schema, naming where it is', () => {
    expect(() => catalogue.decode(stored('RiskScoreAssessed', { from: 'twenty', to: 10, assessedOn: null }, 3))).toThrow(
      /RiskScoreAssessed at risk:R920@3 \(position 42\) fails its schema/,
    );
  });

  it('refuses an old version with no way to upcast it', () => {
    expect(() => catalogue.decode(stored('RiskClosed', { on: '2024-11-20' }, 1))).toThrow(IntegrityError);
  });

  it('refuses metadata that is not the register’s', () => {
    const event = { ...stored('RiskClosed', { on: '2024-11-20' }, 2), metadata: { actor: '' } };
    expect(() => catalogue.decode(event)).toThrow(/bad metadata/);
  });
});
