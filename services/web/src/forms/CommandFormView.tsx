import { useId, useMemo, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { freezePreviewQuery } from '../api/operations.ts';
import { ApiRequestError } from '../api/client.ts';
import type { WriteOptions } from '../api/writes.ts';
import { useLatestChangeOf } from '../api/live.ts';
import { useSession } from '../session-context.tsx';
import { statusesOf, useVocabulary } from '../data.ts';
import { valueText } from '../format.ts';
import type { CommandForm, FieldSpec } from './catalogue.ts';
import { checkInput, readingOf } from './validation.ts';
import { buildInput } from './values.ts';
import { rulesFrom } from './rules.ts';

interface Outcome {
  readonly version: number;
  readonly position: string | null;
  readonly changed: boolean;
  readonly replayed: boolean;
  readonly boundaryPosition?: string | null;
  readonly digest?: string | null;
}

/** The fields whose values differ between what the user started from and the item now. */
function differences(before: Record<string, unknown>, after: Record<string, unknown>): { field: string; from: unknown; to: unknown }[] {
  const skip = new Set(['version', 'lastChange', '__typename']);
  return Object.keys(after)
    .filter((key) => !skip.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => ({ field: key, from: before[key], to: after[key] }));
}

const newKey = () => crypto.randomUUID();
const noProblems: ReadonlyMap<string, string> = new Map();

interface Props {
  readonly form: CommandForm;
  /** The item as it stood when the form opened (undefined: a raise form). */
  readonly item?: Record<string, unknown> & { id: string; version: number };
  /** Fetches the item as it is now (after a conflict). */
  readonly reload?: () => Promise<(Record<string, unknown> & { id: string; version: number }) | null>;
  readonly onDone?: () => void;
}

/**
 * One command's form: checked as you type with the server's own schema, sent with the
 * version the user saw and an idempotency key; a conflict shows the other change and lets the
 * user re-apply or drop theirs.
 */
export function CommandFormView({ form, item, reload, onDone }: Props) {
  const id = useId();
  const { request, viewer } = useSession();
  const vocabulary = useVocabulary();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(item);
  const [values, setValues] = useState<Record<string, string>>(() => (item && form.initial ? form.initial(item) : {}));
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  // The server's field problems belong to the input it refused: any edit since clears them.
  const [refused, setRefused] = useState<{ problems: Map<string, string>; of: string } | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [conflict, setConflict] = useState<
    { latest: Record<string, unknown> & { id: string; version: number }; changes: ReturnType<typeof differences> } | undefined
  >();
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const latestLive = useLatestChangeOf(base?.id);
  const rules = useMemo(() => (vocabulary.data ? rulesFrom(vocabulary.data.vocabulary) : undefined), [vocabulary.data]);

  const input = useMemo(() => buildInput(form, base, values, reason), [form, base, values, reason]);
  // One key per distinct submission: a double click or a retry of the same input writes once.
  const inputText = JSON.stringify(input);
  const baseVersion = base?.version;
  const idempotencyKey = useMemo(() => {
    // A new key for each distinct input and base version, and only then.
    void [inputText, baseVersion];
    return newKey();
  }, [inputText, baseVersion]);
  const problems = useMemo(
    () => (rules ? checkInput(form.kind, form.commandType, input, rules) : new Map<string, string>()),
    [form, input, rules],
  );
  const reasonPath = form.reason ? 'reason' : 'options.reason';
  const reasonRequired = form.reason === 'input-required';

  const editedText = JSON.stringify([values, reason]);
  const serverProblems = refused?.of === editedText ? refused.problems : noProblems;

  const problemOf = (path: string): string | undefined => {
    // The server names list elements ("add.1"): the message belongs to the list's field.
    const server = serverProblems.get(path) ?? [...serverProblems].find(([p]) => p.startsWith(`${path}.`))?.[1];
    if (server) return server;
    if (!attempted && !touched.has(path)) return undefined;
    const local = problems.get(path) ?? [...problems].find(([p]) => p.startsWith(`${path}.`))?.[1];
    if (!local) return undefined;
    return (values[path] ?? '').trim() === '' && path !== reasonPath ? 'Required' : local;
  };

  const send = async (expectedVersion: number) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const options: WriteOptions = { expectedVersion, idempotencyKey };
      if (!form.reason && reason.trim() !== '') options.reason = reason.trim();
      // The documents (and the schema they are built from) load with the first write, not with the app.
      const { writeDocumentOf } = await import('../api/writes.ts');
      // Each form's input is checked by its command's schema above.
      const reply = await request(writeDocumentOf(form.mutation, form.previewsFreeze), { input, options });
      const result = reply[form.mutation]!;
      setOutcome({ ...result, boundaryPosition: result.meeting?.boundaryPosition ?? null, digest: result.meeting?.digest ?? null });
      setConflict(undefined);
      setAttempted(false);
      setTouched(new Set());
      setConfirming(false);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'viewer' });
      if (reload) {
        const latest = await reload();
        if (latest) setBase(latest);
      }
      if (!item) setValues({});
      onDone?.();
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'BAD_USER_INPUT') {
        const fields = error.errors[0]?.extensions?.fields ?? [];
        setRefused({ problems: new Map(fields.map((f) => [f.path.replace(/^input\./, ''), f.message])), of: editedText });
        setFailure('The register refused the input: see the fields marked below.');
      } else if (error instanceof ApiRequestError && error.code === 'CONFLICT' && reload && base) {
        const latest = await reload();
        if (latest) setConflict({ latest, changes: differences(base, latest) });
        setFailure('Someone else changed this item since you opened the form.');
      } else {
        setFailure((error as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setOutcome(undefined);
    if (problems.size > 0 || (reasonRequired && reason.trim() === '')) {
      setFailure('Please correct the fields marked below.');
      return;
    }
    if (form.confirm && !confirming) {
      setConfirming(true);
      return;
    }
    void send(base?.version ?? 0);
  };

  const reapply = () => {
    if (!conflict) return;
    setBase(conflict.latest);
    setConflict(undefined);
    void send(conflict.latest.version);
  };
  const drop = () => {
    if (!conflict) return;
    setBase(conflict.latest);
    setValues(form.initial ? form.initial(conflict.latest) : {});
    setConflict(undefined);
    setFailure(undefined);
  };

  const liveNotice =
    latestLive && base && latestLive.version > base.version && !conflict
      ? `${latestLive.actor ?? 'Someone'} changed this item (${latestLive.eventType}, now version ${latestLive.version}) while you have this form open. Sending will report a conflict and show their change.`
      : undefined;

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-form={form.mutation}>
      <h3 id={`${id}-title`}>{form.label}</h3>
      {liveNotice && (
        <p className="notice" role="status">
          {liveNotice}
        </p>
      )}
      {form.fields.map((field) => (
        <Field
          key={field.name}
          id={`${id}-${field.name}`}
          field={field}
          value={values[field.name] ?? ''}
          problem={problemOf(field.name)}
          onChange={(value) => {
            // Checked as you type: a field's problem shows from its first change, not on leaving
            // it (which would move the form under the pointer on its way to the submit button).
            setValues((v) => ({ ...v, [field.name]: value }));
            setTouched((t) => (t.has(field.name) ? t : new Set(t).add(field.name)));
          }}
          vocabulary={vocabulary.data?.vocabulary}
          statuses={statusesOf(vocabulary.data, form.kind)}
          editorBodies={viewer?.role === 'editor' ? viewer.codeBodies : undefined}
        />
      ))}
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          {reasonRequired ? 'Reason (recorded with the change)' : 'Reason (optional, recorded with the change)'}
        </label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={(attempted && reasonRequired && reason.trim() === '') || serverProblems.has(reasonPath) ? true : undefined}
          aria-describedby={`${id}-reason-error`}
        />
        <span id={`${id}-reason-error`} className="field-error">
          {serverProblems.get(reasonPath) ?? (attempted && reasonRequired && reason.trim() === '' ? 'A reason is required' : '')}
        </span>
      </div>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {conflict && (
        <div className="conflict" role="alert" data-testid="conflict">
          <p>
            <strong>Conflict:</strong> the item is now at version {conflict.latest.version}; you started from version {base?.version}. What
            changed:
          </p>
          <ul>
            {conflict.changes.length === 0 ? <li>(no field you can see changed)</li> : null}
            {conflict.changes.map((c) => (
              <li key={c.field}>
                {c.field}: {valueText(c.from)} → {valueText(c.to)}
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="primary" onClick={reapply} disabled={busy}>
              Re-apply my edit
            </button>
            <button type="button" onClick={drop}>
              Drop my edit
            </button>
          </div>
        </div>
      )}
      {confirming && form.confirm && (
        <div className="notice" role="alertdialog" aria-label="Confirm">
          <p>{form.confirm}</p>
          {form.previewsFreeze && <FreezePreview />}
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void send(base?.version ?? 0)} disabled={busy}>
              Confirm: {form.label.toLowerCase()}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {outcome && (
        <p role="status" className="ok">
          {outcome.replayed ? 'Already saved (this exact change was sent before)' : outcome.changed ? 'Saved' : 'Nothing to change'}:
          version {outcome.version}
          {outcome.position ? `, log position ${outcome.position}` : ''}.
          {outcome.boundaryPosition && ` Frozen at boundary position ${outcome.boundaryPosition}, digest ${outcome.digest}.`}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy || confirming}>
          {busy ? 'Sending…' : form.label}
        </button>
      </div>
    </form>
  );
}

function Field({
  id,
  field,
  value,
  problem,
  onChange,
  vocabulary,
  statuses,
  editorBodies,
}: {
  id: string;
  field: FieldSpec;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
  vocabulary:
    | {
        codeBodies: readonly { code: string; name: string }[];
        workstreams: readonly { id: string; name: string; codeBody: string | null }[];
      }
    | undefined;
  statuses: readonly string[];
  editorBodies: readonly string[] | undefined;
}) {
  const describedBy = [
    `${id}-error`,
    field.help ? `${id}-help` : '',
    field.type === 'plannedDate' || field.type === 'day' ? `${id}-reading` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: field.name,
    value,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required ? true : undefined,
  } as const;
  const reading = field.type === 'plannedDate' || field.type === 'day' ? readingOf(field.type, value) : undefined;
  let control;
  if (field.type === 'textarea' || field.type === 'lines' || field.type === 'related' || field.type === 'keyDates') {
    control = <textarea {...common} onChange={(e) => onChange(e.target.value)} />;
  } else if (field.type === 'select' || field.type === 'status' || field.type === 'codeBody' || field.type === 'workstream') {
    const options =
      field.type === 'codeBody'
        ? (vocabulary?.codeBodies ?? [])
            .filter((b) => !editorBodies || editorBodies.includes(b.code))
            .map((b) => ({ value: b.code, label: `${b.code} – ${b.name}` }))
        : field.type === 'workstream'
          ? (vocabulary?.workstreams ?? [])
              .filter((w) => !editorBodies || (w.codeBody !== null && editorBodies.includes(w.codeBody)))
              .map((w) => ({ value: w.id, label: w.name }))
          : (field.type === 'status' ? statuses : (field.options ?? [])).map((o) => ({ value: o, label: o }));
    control = (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        <option value="">{field.required ? 'Choose…' : '(leave as is)'}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type="text"
        inputMode={field.type === 'score' || field.type === 'number' ? 'numeric' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? ' (required)' : ''}
      </label>
      {field.help && (
        <span id={`${id}-help`} className="help">
          {field.help}
        </span>
      )}
      {control}
      {(field.type === 'plannedDate' || field.type === 'day') && (
        <span id={`${id}-reading`} className="reading" aria-live="polite">
          {reading?.text ?? (field.type === 'plannedDate' ? 'e.g. 11/12/24, December 2024, Q1 2025, TBC' : 'e.g. 11/12/24 or 2024-12-11')}
        </span>
      )}
      <span id={`${id}-error`} className="field-error" data-error-for={field.name}>
        {problem ?? ''}
      </span>
    </div>
  );
}

/** What the write would freeze if confirmed now; a write by anyone before the confirmation moves it. */
function FreezePreview() {
  const { request } = useSession();
  const preview = useQuery({ queryKey: ['freeze-preview'], queryFn: () => request(freezePreviewQuery), staleTime: 0, gcTime: 0 });
  if (!preview.data)
    return <p>{preview.error ? `Could not read what it would freeze: ${preview.error.message}` : 'Reading what it would freeze…'}</p>;
  const { treeHead, readModelStatus } = preview.data;
  return (
    <p data-testid="freeze-preview">
      It will freeze boundary position {readModelStatus.head} ({treeHead.treeSize} events), digest {treeHead.rootHash}, unless someone
      writes before you confirm.
    </p>
  );
}
