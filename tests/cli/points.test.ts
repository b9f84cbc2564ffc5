import { describe, expect, it } from 'vitest';
import { parsePointArgument } from '../../services/cli/points.ts';

describe('the CLI reads a point as the API does', () => {
  it('takes a time only as ISO-8601 with an offset, so "2024" is not read as a date', () => {
    expect(parsePointArgument('time:2024-11-27T10:00:00Z', '--at')).toEqual({ time: '2024-11-27T10:00:00Z' });
    expect(parsePointArgument('time:2024-11-27T10:00:00+01:00', '--at')).toEqual({ time: '2024-11-27T10:00:00+01:00' });
    for (const loose of ['time:2024', 'time:1', 'time:Wed, 27 Nov 2024 10:00:00 GMT', 'time:2024-11-27T10:00:00']) {
      expect(() => parsePointArgument(loose, '--at')).toThrow(/offset/);
    }
  });

  it('reads meetings, positions and now', () => {
    expect(parsePointArgument('meeting:#35', '--from')).toEqual({ meeting: 35 });
    expect(parsePointArgument('position:42', '--at')).toEqual({ position: '42' });
    expect(parsePointArgument('now', '--at')).toBeUndefined();
  });
});
