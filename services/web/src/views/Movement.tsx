import { useState, type FormEvent } from 'react';
import { navigate, useLocation } from '../router.ts';
import { parsePoint, pointText, describePoint, type PointInput } from '../point.ts';
import { previousHeldMeeting, useMovement, useVocabulary, type ItemMovement, type Movement } from '../data.ts';
import { ItemLink } from '../components/ItemLink.tsx';
import { timestamp, valueText } from '../format.ts';
import { Loaded } from './common.tsx';

function FieldChanges({ fields }: { fields: readonly { field: string; from: unknown; to: unknown }[] }) {
  if (fields.length === 0) return null;
  return (
    <details>
      <summary>Field by field</summary>
      <table className="fields">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Was</th>
            <th scope="col">Now</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{f.field}</th>
              <td>{valueText(f.from)}</td>
              <td>{valueText(f.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function MovementList({ title, items }: { title: string; items: readonly ItemMovement[] }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p>No items.</p>
      ) : (
        <ul className="movement">
          {items.map((item) => (
            <li key={item.id} data-item={item.id}>
              <ItemLink id={item.id}>{item.ref}</ItemLink>: <span className="summary">{item.summary.join('; ')}</span>
              <FieldChanges fields={item.fields} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MovementReport({ movement }: { movement: Movement }) {
  return (
    <>
      <MovementList title="Horizon Scanning Log: new" items={movement.horizonScanning.new} />
      <MovementList title="Horizon Scanning Log: existing" items={movement.horizonScanning.existing} />
      <MovementList title="Workstream reports" items={movement.workstreamReports} />
      <MovementList title="Milestones" items={movement.milestones} />
      <MovementList title="Risk themes" items={movement.riskThemes} />
      <MovementList title="Risks" items={movement.risks} />
      <MovementList title="Actions" items={movement.actions} />
      <MovementList title="Meetings" items={movement.meetings} />
      <section aria-label="Corrections">
        <h2>Corrections (data-entry fixes, not movement)</h2>
        {movement.corrections.length === 0 ? (
          <p>No corrections.</p>
        ) : (
          <ul className="corrections">
            {movement.corrections.map((c, i) => (
              <li key={`${c.id}-${i}`} data-item={c.id}>
                <ItemLink id={c.id}>{c.id}</ItemLink>:{' '}
                {c.fields.map((f) => `${f.field} corrected from “${valueText(f.from)}” to “${valueText(f.to)}”`).join('; ')}
                {c.reason && <> (reason: {c.reason})</>} by {c.actor ?? 'unknown'}, {timestamp(c.recordedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PointField({ label, name, value, onChange }: { label: string; name: string; value: string; onChange: (v: string) => void }) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="meeting:35, time:…, position:…"
      />
    </label>
  );
}

/** What moved between two points (default: the last held meeting -> now, or -> the point the UI is at). */
export function MovementView() {
  const { search } = useLocation();
  const vocabulary = useVocabulary();
  const at = parsePoint(search.get('at'));
  const lastHeld = vocabulary.data ? previousHeldMeeting(vocabulary.data.meetings, at) : undefined;
  const from: PointInput | undefined = parsePoint(search.get('from')) ?? (lastHeld ? { meeting: lastHeld.number } : undefined);
  const to: PointInput | undefined = parsePoint(search.get('to')) ?? at;
  const [fromText, setFromText] = useState(from ? pointText(from) : '');
  const [toText, setToText] = useState(to ? pointText(to) : '');
  const movement = useMovement(from, to);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(window.location.search);
    for (const [name, value] of [
      ['from', fromText.trim()],
      ['to', toText.trim()],
    ] as const) {
      if (value) params.set(name, value);
      else params.delete(name);
    }
    navigate(`${window.location.pathname}?${params.toString()}`);
  };

  return (
    <>
      <h1>Movement</h1>
      <form className="inline-form" onSubmit={apply} aria-label="Movement between two points">
        <PointField label="From" name="from" value={fromText} onChange={setFromText} />
        <PointField label="To (empty: now)" name="to" value={toText} onChange={setToText} />
        <button type="submit">Compare</button>
      </form>
      {!from ? (
        <p>No meeting has been held yet: choose a point to compare from.</p>
      ) : (
        <>
          <p>
            From the register {describePoint(from)} to {to ? `the register ${describePoint(to)}` : 'now'}.
          </p>
          <Loaded query={movement} what="the movement">
            {(data) => <MovementReport movement={data} />}
          </Loaded>
        </>
      )}
    </>
  );
}
