import { setMaxListeners } from 'node:events';
import type { GraphQLSchema } from 'graphql';
import { TimeoutError } from '../core/errors.ts';
import { toGraphQLError } from './guard.ts';
import type { ApiContext } from './context.ts';

/** Longest stretch a read holds the event loop before it lets other requests run. */
export const SLICE_MS = 20;

interface Deadline {
  readonly at: number;
  readonly controller: AbortController;
}

const deadlines = new WeakMap<object, Deadline>();

function deadlineOf(context: object, timeoutMs: number): Deadline {
  let deadline = deadlines.get(context);
  if (!deadline) {
    deadline = { at: performance.now() + timeoutMs, controller: new AbortController() };
    // Every alias of a kept answer waits on the request's signal: twenty aliases are not a leak.
    setMaxListeners(0, deadline.controller.signal);
    deadlines.set(context, deadline);
  }
  return deadline;
}

const timeoutError = (timeoutMs: number) =>
  new TimeoutError(`The query ran out of time: reads are limited to ${timeoutMs} ms a request (QUERY_TIMEOUT_MS)`);

/** Fires when the request whose context this is runs out of read time (its clock starts at its first read). */
export function readSignal(context: ApiContext): AbortSignal {
  return deadlineOf(context, context.config.limits.queryTimeoutMs).controller.signal;
}

/**
 * A pause for long synchronous work done in steps: it hands the event loop back once the
 * current slice has run SLICE_MS, so other requests answer meanwhile, and throws the signal's
 * reason once it has fired.
 */
export function slicedPause(signal: AbortSignal): () => Promise<void> {
  let sliceStarted = performance.now();
  return async () => {
    signal.throwIfAborted();
    if (performance.now() - sliceStarted < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    sliceStarted = performance.now();
  };
}

/**
 * Gives every Query field of `schema` the request's time budget: a read still running when
 * `timeoutMs` have passed since the request's first read answers TIMEOUT, and its sliced work
 * (movement) stops at its next pause. Mutations keep their own bound (read-your-writes).
 */
export function limitReadTime(schema: GraphQLSchema, timeoutMs: number): void {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = (root, args, context: ApiContext, info) => {
      const deadline = deadlineOf(context, timeoutMs);
      const remaining = deadline.at - performance.now();
      if (remaining <= 0) return Promise.reject(toGraphQLError(expire(deadline, timeoutMs), context));
      const work = Promise.resolve().then(() => resolve(root, args, context, info));
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(toGraphQLError(expire(deadline, timeoutMs), context)), remaining);
      });
      return Promise.race([work, expired]).finally(() => clearTimeout(timer));
    };
  }
}

function expire(deadline: Deadline, timeoutMs: number): TimeoutError {
  const error = timeoutError(timeoutMs);
  if (!deadline.controller.signal.aborted) deadline.controller.abort(error);
  return error;
}
