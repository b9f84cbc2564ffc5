import { describe, expect, it } from 'vitest';
import { registerSizes, SIZES_KEPT_MS } from '../../services/api/register-sizes.ts';
import { createRegisterItems } from '../../services/items.ts';
import type { ItemReads } from '../../services/register.ts';

/** A register whose item counts and read model generation the test sets, counting how often it was counted. */
function registerWith(counts: Record<string, number>) {
  const state = { counts, generation: 1, counted: 0 };
  const itemsAt = {
    countsByKind: () => {
      state.counted++;
      return new Map(Object.entries(state.counts));
    },
  } as unknown as ItemReads;
  return { state, register: { itemsAt, items: createRegisterItems(), readModelGeneration: () => state.generation } };
}

describe('the register sizes the complexity limit weighs lists by', () => {
  it('are counted once a second at most while writes go on, and stay the same object while the counts hold', () => {
    const { state, register } = registerWith({ risk: 150, changeProposal: 200 });
    let clock = 0;
    const sizes = registerSizes(register, () => clock);
    const first = sizes();
    expect(first.byList).toMatchObject({ risks: 150, changeProposals: 200 });
    expect(first.items).toBe(350);
    clock += SIZES_KEPT_MS - 1;
    expect(sizes()).toBe(first);
    expect(state.counted).toBe(1);

    clock += 1;
    expect(sizes()).toBe(first);
    expect(state.counted).toBe(2);

    state.counts = { risk: 151, changeProposal: 200 };
    clock += SIZES_KEPT_MS;
    const grown = sizes();
    expect(grown).not.toBe(first);
    expect(grown.byList).toMatchObject({ risks: 151 });
  });

  it('are counted again at once when the read model was rebuilt', () => {
    const { state, register } = registerWith({ risk: 150 });
    const sizes = registerSizes(register, () => 0);
    sizes();
    state.counts = { risk: 20 };
    state.generation = 2;
    expect(sizes().byList).toMatchObject({ risks: 20 });
    expect(state.counted).toBe(2);
  });
});
