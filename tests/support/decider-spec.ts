import { expect } from 'vitest';
import type { Decider } from '../../services/core/decider.ts';

/**
 * Given/when/then for pure deciders:
 *   spec(decider).given([...events]).when(command).then([...events])
 *   spec(decider).given([...events]).when(command).thenThrows(InvalidTransitionError, /withdrawn/)
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(events: readonly E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: readonly E[]) {
              expect(run()).toEqual(expected);
            },
            thenNothing() {
              expect(run()).toEqual([]);
            },
            thenThrows(errorClass: abstract new (...args: never[]) => Error, message?: RegExp) {
              let thrown: unknown;
              try {
                run();
              } catch (e) {
                thrown = e;
              }
              expect(thrown, 'expected the command to be rejected').toBeInstanceOf(errorClass);
              if (message) expect((thrown as Error).message).toMatch(message);
            },
            /** The state after applying what the command decided. */
            thenState(check: (after: S) => void) {
              check(run().reduce(decider.evolve, state));
            },
          };
        },
      };
    },
  };
}
