import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { mutationDocument } from '../support/api-documents.ts';
import { riskPlan } from '../support/api-plans.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('/ready while the read model is far behind the embedded store', () => {
  it('tells the exact distance from the checkpoint to the head from positions, reading no event', async () => {
    api = await startApiHarness({ store: 'file' });
    await api.write(mutationDocument('raiseRisk'), { input: riskPlan('R920', 'cp:REC:R0209')[0]!.input });
    const caughtUp = (await api.app.inject({ method: 'GET', url: '/ready' })).json<{ checkpoint: string }>();

    // More than the 10,000 events a count by reading would stop at, written while the runner does not follow.
    await api.internals.runner.stop();
    const behind = 10_050;
    for (let written = 0; written < behind; written += 1_005) {
      const events = Array.from({ length: 1_005 }, (_, i) => ({
        id: randomUUID(),
        type: 'LogFiller',
        data: { n: written + i },
        metadata: {},
      }));
      await api.internals.store.append(`filler-${written}`, events, 'no_stream');
    }

    const readAll = vi.spyOn(api.internals.store, 'readAll');
    const reply = await api.app.inject({ method: 'GET', url: '/ready' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json()).toMatchObject({
      caughtUp: false,
      checkpoint: caughtUp.checkpoint,
      head: String(Number(caughtUp.checkpoint) + behind),
      eventsBehind: behind,
    });
    expect(readAll).not.toHaveBeenCalled();
  });
});
