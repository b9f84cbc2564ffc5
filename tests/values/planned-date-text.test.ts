import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPlannedDate,
  formatUkDate,
  formatUkLongDate,
  parseDayDate,
  parsePlannedDate,
  plannedDateSortKey,
  plannedDatesEqual,
} from '../../schema/planned-date-text.ts';
import { plannedDate, type DateOrRange, type DatePoint, type PlannedDate } from '../../schema/values.ts';

const day = (date: string): DatePoint => ({ kind: 'date', date });
const month = (year: number, m: number): DatePoint => ({ kind: 'month', year, month: m });
const quarter = (year: number, q: number): DatePoint => ({ kind: 'quarter', year, quarter: q });
const tbc: DatePoint = { kind: 'tbc' };
const range = (from: DatePoint, to: DatePoint): DateOrRange => ({ kind: 'range', from, to }) as DateOrRange;
const perParty = (...parts: [string[], DateOrRange][]): PlannedDate => ({
  kind: 'perParty',
  parts: parts.map(([parties, date]) => ({ parties, date })),
});

function parsed(text: string): PlannedDate {
  const result = parsePlannedDate(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function rejection(text: string): string {
  const result = parsePlannedDate(text);
  if (result.ok) throw new Error(`expected "${text}" to be rejected, got ${JSON.stringify(result.value)}`);
  return result.message;
}

describe('parsePlannedDate reads what the CCAG #36 pack writes', () => {
  const examples: [string, PlannedDate][] = [
    ['TBC', tbc],
    ['tbc', tbc],
    ['11/12/24', day('2024-12-11')],
    ['11/12/2024', day('2024-12-11')],
    ['Wed 11/12/24', day('2024-12-11')],
    ['11 December 2024', day('2024-12-11')],
    ['06 November 2024', day('2024-11-06')],
    ['6 January 2025', day('2025-01-06')],
    ['December 2024', month(2024, 12)],
    ['Sept 2025', month(2025, 9)],
    ['Q1 2025', quarter(2025, 1)],
    ['2024-12-11', day('2024-12-11')],
    ['24/09/25', day('2025-09-24')],
    ['14/10/24-30/10/24', range(day('2024-10-14'), day('2024-10-30'))],
    ['25 November 2024 – 12 December 2024', range(day('2024-11-25'), day('2024-12-12'))],
    ['25 November 2024 - 12 December 2024', range(day('2024-11-25'), day('2024-12-12'))],
    ['25 November 2024 to 12 December 2024', range(day('2024-11-25'), day('2024-12-12'))],
    ['December 2024 – Q1 2025', range(month(2024, 12), quarter(2025, 1))],
    ['Sun 13/10/24 for BSC; Wed 09/10/24 for REC', perParty([['BSC'], day('2024-10-13')], [['REC'], day('2024-10-09')])],
    [
      '14/10/24-30/10/24 for BSC; 10/10/24-31/10/24 for REC',
      perParty([['BSC'], range(day('2024-10-14'), day('2024-10-30'))], [['REC'], range(day('2024-10-10'), day('2024-10-31'))]),
    ],
    ['Thu 07/11/24 for BSC and REC; Fri 08/11/24 for DCUSA', perParty([['BSC', 'REC'], day('2024-11-07')], [['DCUSA'], day('2024-11-08')])],
    [
      '01/12/24 for BSC, REC and DCUSA; Q1 2025 for DIP Manager',
      perParty([['BSC', 'REC', 'DCUSA'], day('2024-12-01')], [['DIP Manager'], quarter(2025, 1)]),
    ],
    ['TBC for BSC; 09/10/24 for REC', perParty([['BSC'], tbc], [['REC'], day('2024-10-09')])],
    // The ISO style the register exports.
    ['2024-12', month(2024, 12)],
    ['2025-Q1', quarter(2025, 1)],
    ['2024-10-14..2024-10-30', range(day('2024-10-14'), day('2024-10-30'))],
    ['BSC, REC: 2024-11-07; DCUSA: 2024-11-08', perParty([['BSC', 'REC'], day('2024-11-07')], [['DCUSA'], day('2024-11-08')])],
    // Untidy spacing as pasted from slides.
    ['  Wed\u00a011/12/24 ', day('2024-12-11')],
  ];

  it.each(examples)('%j', (text, expected) => {
    const value = parsed(text);
    expect(value).toEqual(expected);
    expect(plannedDate.parse(value)).toEqual(value);
  });

  // Every value in the pack's date columns, verbatim, except the two weekday slips below.
  const packDateCells = [
    '23/10/2024',
    '27/11/24',
    '03/09/2024',
    'December 2024',
    '11 December 2024',
    '02/08/2024',
    '11/12/2024',
    '27/11/2024',
    '11/12/24',
    '24/09/25',
    'Wed 09/10/24',
    'Sun 13/10/24 for BSC; Wed 09/10/24 for REC',
    'Wed 23/10/24',
    '14/10/24-30/10/24 for BSC; 10/10/24-31/10/24 for REC',
    'Thu 24/10/24',
    'Wed 30/10/24 for BSC; Thu 31/10/24 for REC',
    'Thu 07/11/24',
    'Thu 07/11/24 for BSC; Tue 05/11/24 for REC',
    'Fri 08/11/24',
    'Thu 07/11/24 for BSC and REC; Fri 08/11/24 for DCUSA',
    'Wed 11/12/24',
    'Tue 27/02/24',
    'tbc',
    'Tue 12/11/24',
    'Mon 09/06/25',
    '19 November 2024',
    '25 November 2024 – 12 December 2024',
    '30 December 2024',
    '6 January 2025',
    '27 February 2025',
    '08 November 2024',
    'Sept 2025',
    'Q1 2025',
  ];

  it.each(packDateCells)('reads the pack cell %j', (text) => {
    expect(plannedDate.safeParse(parsed(text)).success).toBe(true);
  });

  // The pack prints "Fri 24/09/25" (a Wednesday) and "Tue 27/02/25" (a Thursday).
  it.each([
    ['Fri 24/09/25', '2025-09-24', 'Wednesday', 'Friday'],
    ['Tue 27/02/25', '2025-02-27', 'Thursday', 'Tuesday'],
  ])('rejects the pack slip %j unless asked to keep the date', (text, iso, actual, written) => {
    expect(rejection(text)).toContain(`is a ${actual}, not a ${written}`);
    const lenient = parsePlannedDate(text, { onWeekdayMismatch: 'keepDate' });
    expect(lenient).toEqual({ ok: true, value: day(iso), warnings: [expect.stringContaining(actual)] });
  });

  it('reports no warnings when every weekday agrees', () => {
    expect(parsePlannedDate('Wed 11/12/24', { onWeekdayMismatch: 'keepDate' })).toEqual({
      ok: true,
      value: day('2024-12-11'),
    });
  });
});

describe('parsePlannedDate rejects, saying what is wrong', () => {
  const rejections: [string, string[]][] = [
    ['31/02/24', ['there is no 31 February 2024', 'February 2024 has 29 days']],
    ['29/02/23', ['February 2023 has 28 days']],
    ['2024-13-01', ['there is no month 13']],
    ['Mon 11/12/24', ['11/12/24 is a Wednesday, not a Monday']],
    ['30/10/24-14/10/24', ['the range ends (14/10/24) before it starts (30/10/24)']],
    ['Q1 2025 – December 2024', ['the range ends (December 2024) before it starts (Q1 2025)']],
    ['TBC-11/12/24', ['a range needs a known date at both ends']],
    ['09/10/24 for REC', ['at least two parts', 'write it without "for ..."']],
    ['11/12/24; 12/12/24', ['"11/12/24" does not say which parties it is for']],
    ['Sun 13/10/24 for BSC;; Wed 09/10/24 for REC', ['a per-party part is empty']],
    ['Sun 13/10/24 for BSC; Mon 09/10/24 for REC', ['in "Mon 09/10/24 for REC"', 'is a Wednesday, not a Monday']],
    ['Sun 13/10/24 for BSC and ; 09/10/24 for REC', ['a party name is missing']],
    ['Wed December 2024', ['a weekday (Wed) can only lead a single day']],
    ['Q5 2025', ['quarters run Q1 to Q4']],
    ['December 1999', ['must fall in 2000-2100, not 1999']],
    ['soon', ['expected a day (11/12/24', 'a quarter (Q1 2025', 'TBC', 'for BSC; Wed 09/10/24 for REC']],
    ['11/12', ['expected a day']],
  ];

  it.each(rejections)('%j', (text, fragments) => {
    const message = rejection(text);
    expect(message).toMatch(/^Cannot read ".*" as a planned date: /);
    for (const fragment of fragments) expect(message).toContain(fragment);
  });

  it('asks for a value when given nothing', () => {
    expect(rejection('   ')).toMatch(/^A planned date is required: expected a day/);
  });
});

describe('formatPlannedDate', () => {
  const cases: [PlannedDate, string, string][] = [
    [day('2024-12-11'), '11/12/24', '2024-12-11'],
    [day('1999-12-31'), '31/12/1999', '1999-12-31'],
    [month(2024, 12), 'December 2024', '2024-12'],
    [quarter(2025, 1), 'Q1 2025', '2025-Q1'],
    [tbc, 'TBC', 'TBC'],
    [range(day('2024-10-14'), day('2024-10-30')), '14/10/24-30/10/24', '2024-10-14..2024-10-30'],
    [range(month(2024, 12), quarter(2025, 1)), 'December 2024 – Q1 2025', '2024-12..2025-Q1'],
    [
      perParty([['BSC'], day('2024-10-13')], [['REC'], day('2024-10-09')]),
      'Sun 13/10/24 for BSC; Wed 09/10/24 for REC',
      'BSC: 2024-10-13; REC: 2024-10-09',
    ],
    [
      perParty([['BSC'], range(day('2024-10-14'), day('2024-10-30'))], [['REC'], range(day('2024-10-10'), day('2024-10-31'))]),
      '14/10/24-30/10/24 for BSC; 10/10/24-31/10/24 for REC',
      'BSC: 2024-10-14..2024-10-30; REC: 2024-10-10..2024-10-31',
    ],
    [
      perParty([['BSC', 'REC', 'DCUSA'], day('2024-11-07')], [['DIP Manager'], tbc]),
      'Thu 07/11/24 for BSC, REC and DCUSA; TBC for DIP Manager',
      'BSC, REC, DCUSA: 2024-11-07; DIP Manager: TBC',
    ],
  ];

  it.each(cases)('%j', (value, uk, iso) => {
    expect(formatPlannedDate(value)).toBe(uk);
    expect(formatPlannedDate(value, 'uk')).toBe(uk);
    expect(formatPlannedDate(value, 'iso')).toBe(iso);
  });
});

describe('single days', () => {
  it.each([
    ['2024-11-27', '27/11/24', '27 November 2024'],
    ['2025-01-06', '06/01/25', '6 January 2025'],
    ['2100-03-01', '01/03/2100', '1 March 2100'],
  ])('formats %s as %s and %s', (iso, short, long) => {
    expect(formatUkDate(iso)).toBe(short);
    expect(formatUkLongDate(iso)).toBe(long);
  });

  it('refuses to format something that is not an ISO date', () => {
    expect(() => formatUkDate('27/11/24')).toThrow(/not an ISO date/);
    expect(() => formatUkLongDate('2024-02-30')).toThrow(/not an ISO date/);
  });

  it.each(['27/11/24', '27/11/2024', '2024-11-27', '27 November 2024', 'Wed 27/11/24', '27 Nov 2024'])(
    'parseDayDate(%j) is 2024-11-27',
    (text) => expect(parseDayDate(text)).toBe('2024-11-27'),
  );

  it.each(['Mon 27/11/24', '31/11/24', 'November 2024', 'Q4 2024', 'TBC', '27/11/24-28/11/24', ''])(
    'parseDayDate(%j) is not a day',
    (text) => expect(parseDayDate(text)).toBeUndefined(),
  );
});

describe('plannedDateSortKey', () => {
  it.each<[PlannedDate, string | null]>([
    [day('2024-12-11'), '2024-12-11'],
    [month(2024, 12), '2024-12-01'],
    [quarter(2025, 3), '2025-07-01'],
    [tbc, null],
    [range(month(2024, 11), day('2024-12-12')), '2024-11-01'],
    [perParty([['BSC'], day('2024-10-13')], [['REC'], day('2024-10-09')]), '2024-10-09'],
    [perParty([['BSC'], tbc], [['REC'], quarter(2025, 2)]), '2025-04-01'],
    [perParty([['BSC'], tbc], [['REC'], tbc]), null],
  ])('%j → %s', (value, key) => expect(plannedDateSortKey(value)).toBe(key));
});

describe('plannedDatesEqual', () => {
  it('compares structure, not key order', () => {
    const reordered = { to: day('2024-10-30'), kind: 'range', from: day('2024-10-14') } as PlannedDate;
    expect(plannedDatesEqual(parsed('14/10/24-30/10/24'), reordered)).toBe(true);
  });

  it.each<[PlannedDate, PlannedDate]>([
    [day('2024-12-11'), day('2024-12-12')],
    [month(2024, 12), day('2024-12-01')],
    [month(2024, 1), quarter(2024, 1)],
    [tbc, day('2024-12-11')],
    [perParty([['BSC', 'REC'], tbc], [['DCUSA'], tbc]), perParty([['BSC'], tbc], [['REC', 'DCUSA'], tbc])],
    [perParty([['BSC'], tbc], [['REC'], tbc]), perParty([['REC'], tbc], [['BSC'], tbc])],
  ])('tells %j from %j', (a, b) => {
    expect(plannedDatesEqual(a, b)).toBe(false);
    expect(plannedDatesEqual(b, a)).toBe(false);
  });
});

// ---------------------------------------------------------------- properties

const isoDay = fc
  .oneof(
    {
      arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
      weight: 4,
    },
    {
      arbitrary: fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
      weight: 1,
    },
  )
  .map((d) => d.toISOString().slice(0, 10));
const schemaYear = fc.integer({ min: 2000, max: 2100 });

const boundedPoint: fc.Arbitrary<Exclude<DatePoint, { kind: 'tbc' }>> = fc.oneof(
  isoDay.map((date) => ({ kind: 'date' as const, date })),
  fc.record({ kind: fc.constant('month' as const), year: schemaYear, month: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('quarter' as const), year: schemaYear, quarter: fc.integer({ min: 1, max: 4 }) }),
);

/** Independent of the code under test: the first day each point can mean. */
function firstDay(point: Exclude<DatePoint, { kind: 'tbc' }>): string {
  if (point.kind === 'date') return point.date;
  const m = point.kind === 'month' ? point.month : point.quarter * 3 - 2;
  return `${point.year}-${String(m).padStart(2, '0')}-01`;
}

const dateOrRange: fc.Arbitrary<DateOrRange> = fc.oneof(
  boundedPoint,
  fc.constant({ kind: 'tbc' as const }),
  fc.tuple(boundedPoint, boundedPoint).map(([a, b]): DateOrRange => (firstDay(b) < firstDay(a) ? range(b, a) : range(a, b))),
);

// Names with the separators the text form uses (";", ",", ":", " and ", " for ") cannot round-trip.
const partyWord = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/).filter((w) => !/^(and|for)$/i.test(w));
const party = fc.oneof(
  fc.constantFrom('BSC', 'REC', 'DCUSA', 'DIP Manager', 'NESO codes', 'Ofgem'),
  fc.array(partyWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')),
);

const anyPlannedDate: fc.Arbitrary<PlannedDate> = fc.oneof(
  dateOrRange,
  fc
    .array(fc.record({ parties: fc.array(party, { minLength: 1, maxLength: 3 }), date: dateOrRange }), {
      minLength: 2,
      maxLength: 4,
    })
    .map((parts) => ({ kind: 'perParty' as const, parts })),
);

describe('round trips', () => {
  it('generates only valid planned dates', () => {
    fc.assert(
      fc.property(anyPlannedDate, (value) => {
        expect(plannedDate.safeParse(value).success).toBe(true);
      }),
    );
  });

  it.each(['uk', 'iso'] as const)('parse(format(x, %j)) is x', (style) => {
    fc.assert(
      fc.property(anyPlannedDate, (value) => {
        const text = formatPlannedDate(value, style);
        const result = parsePlannedDate(text);
        expect(result, text).toEqual({ ok: true, value });
        if (result.ok) expect(plannedDatesEqual(result.value, value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the ISO text on equality', () => {
    const small: fc.Arbitrary<PlannedDate> = fc.oneof(
      fc.constantFrom<PlannedDate>(tbc, day('2024-12-11'), month(2024, 12), quarter(2024, 4)),
      fc
        .constantFrom<string[]>(['BSC'], ['REC'], ['BSC', 'REC'])
        .chain((parties) =>
          fc.constantFrom<PlannedDate>(
            perParty([parties, tbc], [['DCUSA'], day('2024-12-11')]),
            perParty([['DCUSA'], day('2024-12-11')], [parties, tbc]),
          ),
        ),
    );
    fc.assert(
      fc.property(small, small, (a, b) => {
        expect(plannedDatesEqual(a, b)).toBe(formatPlannedDate(a, 'iso') === formatPlannedDate(b, 'iso'));
      }),
    );
  });

  it('prints the true weekday in per-party parts', () => {
    fc.assert(
      fc.property(isoDay, (iso) => {
        const weekday = new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
        const text = formatPlannedDate(perParty([['BSC'], day(iso)], [['REC'], tbc]));
        expect(text.startsWith(`${weekday} `)).toBe(true);
      }),
    );
  });

  it('reads back every day in all the UK and ISO spellings', () => {
    fc.assert(
      fc.property(isoDay, (iso) => {
        expect(parseDayDate(formatUkDate(iso))).toBe(iso);
        expect(parseDayDate(formatUkLongDate(iso))).toBe(iso);
        expect(parseDayDate(iso)).toBe(iso);
      }),
    );
  });

  it('sorts a range by its start and a per-party date by its earliest part', () => {
    fc.assert(
      fc.property(anyPlannedDate, (value) => {
        const key = plannedDateSortKey(value);
        if (value.kind === 'range') expect(key).toBe(firstDay(value.from));
        if (value.kind === 'perParty') {
          const keys = value.parts.map((p) => plannedDateSortKey(p.date)).filter((k) => k !== null);
          expect(key).toBe(keys.length ? keys.sort()[0] : null);
        }
      }),
    );
  });
});
