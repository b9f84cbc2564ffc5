import { expect } from 'vitest';
import type { z } from 'zod';
import type { CommandsOf, Decider } from '../../services/core/decider.ts';
import { ValidationError } from '../../services/core/errors.ts';
import { parseInput } from '../../services/core/validate.ts';
import { defaultRegisterRules, type RegisterRules } from '../../schema/rules.ts';

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

/**
 * Commands as the API builds them (input parsed by the command's schema), and the paths of
 * the bad fields a rejected input names (`a.b.0`), for one slice's command schemas.
 */
export function commandsOf<Factories extends Record<string, (rules: RegisterRules) => z.ZodType>>(
  factories: Factories,
  rules: RegisterRules = defaultRegisterRules,
) {
  type Command = CommandsOf<Factories>;
  function command<T extends keyof Factories & string>(type: T, input: unknown): Extract<Command, { type: T }> {
    return { type, data: parseInput(factories[type]!(rules), input) } as unknown as Extract<Command, { type: T }>;
  }
  function badPaths(type: keyof Factories & string, input: unknown): string[] {
    try {
      command(type, input);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues.map((i) => i.path.join('.'));
    }
    throw new Error('expected the input to be rejected');
  }
  return { command, badPaths };
}
