import { describe, expect, it } from 'vitest';
import { changeProposalSheet } from '../../services/change-proposal/sheet.ts';
import { dayOfPrefix, typedUpdatePrefix } from '../../services/change-proposal/update-wording.ts';

/* The Updates column of the Horizon Scanning Log tab: updates typed as the pack prints them. */

const updates = changeProposalSheet.columns.find((c) => c.header === 'Updates')!;
const read = (text: string, today = '2024-12-10') => updates.value(text, { today });
const exported = '2024-11-20: Party impact assessment has been published';

describe('the Updates cell', () => {
  it.each([
    ['Update 04/12 – Drafting agreed', '2024-12-04'],
    ['Update 04/12 - Drafting agreed', '2024-12-04'],
    ['Update 04/12 — Drafting agreed', '2024-12-04'],
    ['update 4/12 -Drafting agreed', '2024-12-04'],
    ['04/12 – Drafting agreed', '2024-12-04'],
    ['04/12: Drafting agreed', '2024-12-04'],
    ['Update 04/12/24 – Drafting agreed', '2024-12-04'],
    ['04/12/2024 – Drafting agreed', '2024-12-04'],
    ['Update 20/12/23 – Drafting agreed', '2023-12-20'],
    // No year: the latest such day up to today, so a December update typed in December is this year's and a later day last year's.
    ['Update 20/12 – Drafting agreed', '2023-12-20'],
    ['2024-12-04: Drafting agreed', '2024-12-04'],
    ['2024-12-04: Update 04/12 – Drafting agreed', '2024-12-04'],
  ])('reads "%s" below an update as a new update dated %s, its text without the prefix', (typed, on) => {
    expect(read(`${exported}\n${typed}`)).toEqual([
      { on: '2024-11-20', text: 'Party impact assessment has been published' },
      { on, text: 'Drafting agreed' },
    ]);
  });

  it('reads a line that does not begin with a day as more of the update above', () => {
    expect(read(`${exported}\nand circulated to parties\n3 of 4 replied`)).toEqual([
      { on: '2024-11-20', text: 'Party impact assessment has been published\nand circulated to parties\n3 of 4 replied' },
    ]);
  });

  it('keeps a typed prefix whose day disagrees with the ISO day, for the command to refuse', () => {
    expect(read('2024-12-06: Update 04/12 – typed on the wrong day')).toEqual([
      { on: '2024-12-06', text: 'Update 04/12 – typed on the wrong day' },
    ]);
  });

  it('passes a day no calendar has on as typed, for the command to refuse with its own message', () => {
    expect(read('Update 31/04 – no such day')).toEqual([{ on: '31/04', text: 'no such day' }]);
  });

  it('reads an update typed as the pack prints it as the value export writes back, so a re-run sees no change', () => {
    expect(read(`${exported}\nUpdate 04/12 – Drafting agreed`)).toEqual(read(`${exported}\n2024-12-04: Drafting agreed`));
  });
});

describe('a typed update prefix', () => {
  it('needs the word Update in an update’s own text, where "3/4 - of parties" is text', () => {
    expect(typedUpdatePrefix('3/4 - of parties replied', 'required')).toBeNull();
    expect(typedUpdatePrefix('3/4 - of parties replied', 'optional')).toMatchObject({ day: 3, month: 4, year: undefined });
    expect(typedUpdatePrefix('Update 03/04/25 – x', 'required')).toMatchObject({
      day: 3,
      month: 4,
      year: 2025,
      typed: 'Update 03/04/25 – ',
    });
  });

  it('dates a day without its year as the latest such day up to today, 29 February included', () => {
    const prefix = (text: string) => typedUpdatePrefix(text, 'optional')!;
    expect(dayOfPrefix(prefix('10/12 - x'), '2024-12-10')).toBe('2024-12-10');
    expect(dayOfPrefix(prefix('11/12 - x'), '2024-12-10')).toBe('2023-12-11');
    expect(dayOfPrefix(prefix('29/02 - x'), '2027-03-01')).toBe('2024-02-29');
    expect(dayOfPrefix(prefix('31/04 - x'), '2027-03-01')).toBeUndefined();
  });
});
