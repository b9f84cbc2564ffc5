import type { EventStore, StoreIdentity } from '../../services/core/event-store.ts';
import { comparePositions, formatPosition } from '../../services/core/position.ts';
import type { Checkpoint } from './engine.ts';

const describeStore = (store: StoreIdentity) => `${store.kind} store ${store.id}`;

export const sameStore = (a: StoreIdentity, b: StoreIdentity): boolean => a.kind === b.kind && a.id === b.id;

/**
 * Why a read model's checkpoint does not belong to this log, or undefined when it does. A read
 * model follows its log by position; one built from another log (a new file, a restored older
 * backup, a recreated server volume) would skip or misplace new events without a word.
 */
export async function bindingProblem(store: EventStore, checkpoint: Checkpoint, identity: StoreIdentity): Promise<string | undefined> {
  const { position, binding } = checkpoint;
  if (position === undefined || binding === undefined) return undefined;
  if (!sameStore(binding.store, identity)) {
    return `the read model was built from ${describeStore(binding.store)}, but the log is ${describeStore(identity)}`;
  }
  const head = await store.headPosition();
  if (head === undefined || comparePositions(position, head) > 0) {
    return `the read model's checkpoint ${formatPosition(position)} is beyond the log's head ${head ? formatPosition(head) : '(empty log)'}`;
  }
  const [there] = await store.readAll({ after: binding.previous, maxCount: 1 });
  if (!there || there.id !== binding.eventId || comparePositions(there.position, position) !== 0) {
    const found = there ? `${there.id} at ${formatPosition(there.position)}` : 'nothing';
    return `the log no longer holds the event the read model last applied (${binding.eventId} at ${formatPosition(position)}; found ${found})`;
  }
  return undefined;
}
