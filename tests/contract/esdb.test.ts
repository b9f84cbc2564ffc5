import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { createEsdbEventStore } from '../../services/eventstore/esdb/esdb-event-store.ts';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-server.ts';
import { describeEventStoreContract } from './event-store-contract.ts';

let server: EsdbTestServer | undefined;
afterAll(async () => {
  await server?.stop();
});

// One server for the file; each store writes under its own stream prefix, so a store sees
// only its own events (readAll, headPosition and subscriptions are filtered to the prefix).
describeEventStoreContract('EventStoreDB', async () => {
  server = await startEsdbTestServer();
  const { connectionString, description } = server;
  return {
    description: `EventStoreDB adapter on ${description}, a fresh stream prefix per store`,
    supportsFirstPosition: false,
    recordedAtNeverDecreases: false,
    async create() {
      return createEsdbEventStore({ connectionString, streamPrefix: `t${randomBytes(6).toString('hex')}-` });
    },
  };
});
