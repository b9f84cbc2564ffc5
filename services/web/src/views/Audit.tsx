import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { eventsQuery, verificationQuery } from '../api/operations.ts';
import { useSession } from '../session-context.tsx';
import { useVocabulary } from '../data.ts';
import { timestamp, ukDate } from '../format.ts';
import { Loaded } from './common.tsx';
import { eventWords } from './ItemPage.tsx';

const pageSize = 50;

/** Every event of the log, fetched page by page, as one JSON Lines file the browser saves. */
function ExportLog() {
  const { request } = useSession();
  const [state, setState] = useState<{ busy: boolean; url?: string; count?: number; error?: string }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    try {
      const lines: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = (await request(eventsQuery, { after, first: 1000 })).events;
        for (const event of page.events) lines.push(JSON.stringify(event));
        if (!page.hasMore || !page.endPosition) break;
        after = page.endPosition;
      }
      const url = URL.createObjectURL(new Blob([lines.map((l) => `${l}\n`).join('')], { type: 'application/jsonl' }));
      setState({ busy: false, url, count: lines.length });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  };
  return (
    <p>
      <button type="button" onClick={() => void run()} disabled={state.busy}>
        {state.busy ? 'Preparing the log…' : 'Prepare the log for download'}
      </button>{' '}
      {state.url && (
        <a href={state.url} download="ccag-register-log.jsonl">
          Download the log as JSON Lines ({state.count} events)
        </a>
      )}
      {state.error && (
        <span role="alert" className="error">
          {state.error}
        </span>
      )}
    </p>
  );
}

function LogPages() {
  const { request, token } = useSession();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors.at(-1);
  const page = useQuery({
    queryKey: ['events', token ?? '', after ?? ''],
    queryFn: () => request(eventsQuery, { after, first: pageSize }).then((r) => r.events),
  });
  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">The log</h2>
      <Loaded query={page} what="the log">
        {(data) => (
          <>
            <div className="table-scroll">
              <table>
                <caption>Events {after ? `after position ${after}` : 'from the beginning'}</caption>
                <thead>
                  <tr>
                    <th scope="col">Position</th>
                    <th scope="col">Event</th>
                    <th scope="col">Item</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Recorded</th>
                    <th scope="col">Hash</th>
                  </tr>
                </thead>
                <tbody>
                  {data.events.map((event) => (
                    <tr key={event.eventId} className={event.correction ? 'correction' : undefined}>
                      <td>{event.position}</td>
                      <td>
                        {eventWords(event.type)}
                        {event.correction && ' (correction)'}
                      </td>
                      <td>{event.itemId ?? event.stream}</td>
                      <td>{event.actor ?? ''}</td>
                      <td>{event.reason ?? ''}</td>
                      <td>{timestamp(event.recordedAt)}</td>
                      <td>
                        <code className="hash">{event.hash?.slice(0, 12)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                Previous page
              </button>{' '}
              <button
                type="button"
                disabled={!data.hasMore || !data.endPosition}
                onClick={() => setCursors((c) => [...c, data.endPosition ?? undefined])}
              >
                Next page
              </button>
            </p>
          </>
        )}
      </Loaded>
    </section>
  );
}

/** Verification of every chain and meeting digest, the held meetings' digests, and the log. */
export function AuditView() {
  const { viewer, request, token } = useSession();
  const vocabulary = useVocabulary();
  const allowed = viewer?.canAudit ?? false;
  const verification = useQuery({ queryKey: ['verification', token ?? ''], queryFn: () => request(verificationQuery), enabled: allowed });
  if (!allowed) {
    return (
      <>
        <h1>Audit</h1>
        <p>The log and its verification are for auditors and the secretariat. Sign in with such a token to see them.</p>
      </>
    );
  }
  const held = (vocabulary.data?.meetings ?? []).filter((m) => m.heldOn);
  return (
    <>
      <h1>Audit</h1>
      <section aria-labelledby="verification-heading">
        <h2 id="verification-heading">Verification</h2>
        <Loaded query={verification} what="the verification">
          {(data) => (
            <>
              <p className={data.verification.ok ? 'ok' : 'error'} role="status" data-testid="verification">
                {data.verification.ok
                  ? `Verified: every hash chain (${data.verification.streams} streams, ${data.verification.eventsChecked} events) and every meeting digest.`
                  : `Verification FAILED${data.verification.firstBad ? ` at position ${data.verification.firstBad.position} (${data.verification.firstBad.stream}): ${data.verification.firstBad.problem}` : ''}${data.verification.badDigests.length ? `; bad digests for meetings ${data.verification.badDigests.join(', ')}` : ''}.`}
              </p>
              <p>
                Read model: {data.readModelStatus.caughtUp ? 'caught up' : `${data.readModelStatus.eventsBehind} events behind`} (checkpoint{' '}
                {data.readModelStatus.checkpoint ?? 'none'}, head {data.readModelStatus.head ?? 'none'}).
              </p>
            </>
          )}
        </Loaded>
      </section>
      <section aria-labelledby="digests-heading">
        <h2 id="digests-heading">Held meetings</h2>
        <table>
          <caption>Digests frozen when each meeting was held</caption>
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Held</th>
              <th scope="col">Boundary position</th>
              <th scope="col">Digest</th>
            </tr>
          </thead>
          <tbody>
            {held.map((m) => (
              <tr key={m.id}>
                <td>CCAG #{m.number}</td>
                <td>{ukDate(m.heldOn)}</td>
                <td>{m.boundaryPosition}</td>
                <td>
                  <code className="hash">{m.digest}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ExportLog />
      <LogPages />
    </>
  );
}
