import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../services/access.ts';
import type { EventStore } from '../../services/core/event-store.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { openRegisterForTest, type OpenedRegister } from '../support/opened-register.ts';
import { defaultRegisterRules } from '../../schema/rules.ts';

const secretariat: Caller = { principal: 'secretariat', role: 'secretariat', codeBodies: [] };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A store whose server is replaced under a running API node, as when an EventStoreDB volume is
 * recreated: the same address now holds another, shorter log.
 */
function replaceableStore(): { store: EventStore; replace(): void } {
  const first = createSqliteEventStore({ path: ':memory:', pollIntervalMs: 20 });
  const second = createSqliteEventStore({ path: ':memory:', pollIntervalMs: 20 });
  let current = first;
  const store: EventStore = {
    description: 'a store replaced while the API runs',
    identity: () => current.identity(),
    append: (stream, events, expected) => current.append(stream, events, expected),
    readStream: (stream, options) => current.readStream(stream, options),
    readAll: (options) => current.readAll(options),
    subscribeAll: (options, handler) => current.subscribeAll(options, handler),
    headPosition: () => current.headPosition(),
    async close() {
      await first.close();
      await second.close();
    },
  };
  return { store, replace: () => void (current = second) };
}

async function openOn(
  store: EventStore,
  logger: { info: () => void; warn: (m: string) => void; error: () => void },
): Promise<OpenedRegister> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccag-went-back-'));
  const register = await openRegisterForTest({
    config: {
      dataDir,
      eventStore: { kind: 'sqlite', synchronous: 'FULL' },
      readModel: 'memory',
      rules: defaultRegisterRules,
      readYourWritesTimeoutMs: 5_000,
    },
    logger,
    store,
  });
  cleanups.push(async () => {
    await register.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return register;
}

const raise = (register: OpenedRegister, riskId: string) =>
  register.execute(
    'risk',
    'RaiseRisk',
    { riskId, description: `Risk ${riskId}`, score: 9, mitigationPlan: [], raisedOn: '2024-06-01' },
    secretariat,
  );

describe('a log that goes back while the server runs', () => {
  it('is noticed on the next write acknowledgement: the read model is rebuilt from the log it now follows, and the write is shown', async () => {
    const { store, replace } = replaceableStore();
    const logger = { info: () => {}, warn: vi.fn((_message: string) => {}), error: () => {} };
    const register = await openOn(store, logger);
    for (const id of ['R1', 'R2', 'R3']) await raise(register, id);
    expect(register.queries.items('risk')).toHaveLength(3);

    replace();
    const written = await raise(register, 'R9');

    expect(written.position).toBe('1');
    expect(written.item).toMatchObject({ id: 'risk:R9', version: 1 });
    expect(register.queries.items('risk').map((item) => item.id)).toEqual(['risk:R9']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /rebuilding the read model from the log: the log's head went back: a new write was stored at 1, not after the read model's checkpoint 3/,
      ),
    );
    // And it keeps following the new log.
    await raise(register, 'R10');
    expect(
      register.queries
        .items('risk')
        .map((item) => item.id)
        .sort(),
    ).toEqual(['risk:R10', 'risk:R9']);
  });
});
