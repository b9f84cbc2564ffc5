import { useState, type FormEvent } from 'react';
import { navigate, withParam } from '../router.ts';
import { pointText, describePoint, type PointInput } from '../point.ts';
import type { Meeting } from '../data.ts';

/** Puts the whole UI at a past point: a held meeting, a date and time, or a log position. */
export function PointControl({ point, meetings }: { point: PointInput | undefined; meetings: readonly Meeting[] }) {
  const [kind, setKind] = useState<'meeting' | 'time' | 'position'>(
    point && 'time' in point ? 'time' : point && 'position' in point ? 'position' : 'meeting',
  );
  const [meeting, setMeeting] = useState(point && 'meeting' in point ? String(point.meeting) : '');
  const [time, setTime] = useState(point && 'time' in point ? point.time.slice(0, 16) : '');
  const [position, setPosition] = useState(point && 'position' in point ? point.position : '');
  const held = meetings.filter((m) => m.heldOn !== null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    let next: PointInput | undefined;
    if (kind === 'meeting' && meeting) next = { meeting: Number(meeting) };
    if (kind === 'time' && time) next = { time: new Date(time).toISOString() };
    if (kind === 'position' && position.trim()) next = { position: position.trim() };
    navigate(withParam('at', next ? pointText(next) : undefined));
  };

  return (
    <form className="point-control" onSubmit={apply} aria-label="Point in the register's history">
      <label>
        Show the register
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="meeting">at a held meeting</option>
          <option value="time">at a date and time</option>
          <option value="position">at a log position</option>
        </select>
      </label>
      {kind === 'meeting' && (
        <label>
          Meeting
          <select value={meeting} onChange={(e) => setMeeting(e.target.value)}>
            <option value="">(now)</option>
            {held.map((m) => (
              <option key={m.number} value={m.number}>
                CCAG #{m.number}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'time' && (
        <label>
          Date and time (your time zone)
          <input type="datetime-local" value={time} onChange={(e) => setTime(e.target.value)} />
        </label>
      )}
      {kind === 'position' && (
        <label>
          Log position
          <input type="text" inputMode="numeric" value={position} onChange={(e) => setPosition(e.target.value)} />
        </label>
      )}
      <button type="submit">Go</button>
      {point && (
        <button type="button" onClick={() => navigate(withParam('at', undefined))}>
          Back to now
        </button>
      )}
      <span className="visually-hidden" aria-live="polite">
        {point ? `Showing the register ${describePoint(point)}` : 'Showing the register now'}
      </span>
    </form>
  );
}
