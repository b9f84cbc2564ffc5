/**
 * Child process for the chained crash test: runs register commands through the command
 * handler against the SQLite store at argv[2] until killed, printing after each acknowledged
 * command: <position> <item id>
 */
import { randomUUID } from 'node:crypto';
import { createCommandHandler } from '../../services/core/command-handler.ts';
import { formatPosition } from '../../services/core/position.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { riskModule, type RiskCommand } from '../../services/risk/index.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: handler-append-loop.ts <database file>');
process.stdout.on('error', () => process.exit(0));

const store = createSqliteEventStore({ path, synchronous: 'FULL' });
const handler = createCommandHandler({
  store,
  catalogue: createRegisterItems().catalogue,
  clock: () => new Date(),
  newId: randomUUID,
});
const risks = Array.from({ length: 5 }, (_, i) => `R${900 + i}`);
const context = { actor: 'crash-test' };

for (const riskId of risks) {
  const raise: RiskCommand = {
    type: 'RaiseRisk',
    data: { riskId, description: `risk ${riskId}`, score: 10, mitigationPlan: [], raisedOn: '2024-10-01', relatedChangeProposals: [] },
  };
  const result = await handler.handle(riskModule, raise, context);
  process.stdout.write(`${formatPosition(result.position!)} ${result.itemId}\n`);
}
for (let n = 0; n < 1_000_000; n++) {
  const riskId = risks[n % risks.length]!;
  const result = await handler.handle(riskModule, { type: 'AssessRiskScore', data: { riskId, score: 11 + (n % 19) } }, context);
  if (result.position) process.stdout.write(`${formatPosition(result.position)} ${result.itemId}\n`);
}
