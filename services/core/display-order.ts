import { z } from 'zod';

/*
 * Where an item stands in the pack's table when the pack's order is not a sort (milestones
 * within a workstream, change proposals within their part of the Horizon Scanning Log).
 * Any positive whole number: gaps are allowed, so one item can move without renumbering the rest.
 */

export const displayOrder = z.number().int().positive();

export const displayOrderInput = z
  .number({ error: 'must be a whole number from 1' })
  .int('must be a whole number from 1')
  .positive('must be a whole number from 1');

export const displayOrderSetData = z.strictObject({ from: displayOrder.nullable(), to: displayOrder });

/** The event data for placing an item at `to`, or null when it stands there already. */
export function displayOrderChange(from: number | null, to: number): z.infer<typeof displayOrderSetData> | null {
  return from === to ? null : { from, to };
}

/** The movement line: "Display order set to 3", "Display order moved from 5 to 3". */
export function displayOrderLine(from: number | null, to: number | null): string {
  if (to === null) return 'Display order cleared';
  return from === null ? `Display order set to ${to}` : `Display order moved from ${from} to ${to}`;
}

/** Placed items first, lowest order first; `then` orders the rest and ties. */
export function placedFirst<T>(orderOf: (item: T) => number | null, then: (a: T, b: T) => number) {
  return (a: T, b: T): number => {
    const [x, y] = [orderOf(a), orderOf(b)];
    if (x !== y) return x === null ? 1 : y === null ? -1 : x - y;
    return then(a, b);
  };
}
