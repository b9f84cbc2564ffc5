import { useQuery } from '@tanstack/react-query';
import type {
  actionQuery,
  changeProposalQuery,
  meetingQuery,
  milestoneQuery,
  riskQuery,
  riskThemeQuery,
  workstreamReportQuery,
} from '../api/operations.ts';
import { historyQuery, pointQuery } from '../api/operations.ts';
import { positionBefore } from '../data.ts';
import { itemFetcher } from '../forms/fetch-item.ts';
import type { ResultOf } from '../api/graphql.ts';
import { ItemLink } from '../components/ItemLink.tsx';
import { timestamp, valueText } from '../format.ts';
import { usePoint, pointText, type PointInput } from '../point.ts';
import { useLocation } from '../router.ts';
import { useSession } from '../session-context.tsx';
import { ItemForms } from '../forms/ItemForms.tsx';
import { Loaded } from './common.tsx';

export type ItemOfPage = NonNullable<
  | ResultOf<typeof changeProposalQuery>['item']
  | ResultOf<typeof workstreamReportQuery>['item']
  | ResultOf<typeof milestoneQuery>['item']
  | ResultOf<typeof riskThemeQuery>['item']
  | ResultOf<typeof riskQuery>['item']
  | ResultOf<typeof actionQuery>['item']
  | ResultOf<typeof meetingQuery>['item']
>;

export function useItem(id: string, at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({
    queryKey: ['item', token ?? '', id, at ? pointText(at) : 'now'],
    queryFn: () => itemFetcher(request)(id, at) as Promise<ItemOfPage | null>,
  });
}

const hiddenFields = new Set(['__typename', 'id', 'lastChange', 'relatedChangeProposals']);

const fieldLabel = (name: string) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** Words for an event type: RiskScoreAssessed -> Risk score assessed. */
export const eventWords = (type: string) =>
  type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

function FieldValue({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <>(none)</>;
    return (
      <ul>
        {value.map((v, i) => (
          <li key={i}>
            {typeof v === 'object' && v !== null
              ? Object.values(v as object)
                  .map(valueText)
                  .join(': ')
              : valueText(v)}
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object' && value !== null && !('text' in value)) {
    return (
      <>
        {Object.entries(value)
          .map(([k, v]) => `${k}: ${valueText(v)}`)
          .join('; ')}
      </>
    );
  }
  return <>{valueText(value)}</>;
}

function History({ id, at }: { id: string; at: PointInput | undefined }) {
  const { request, token } = useSession();
  const history = useQuery({ queryKey: ['history', token ?? '', id], queryFn: () => request(historyQuery, { id }).then((r) => r.history) });
  // At a past point the timeline stops where the point does.
  const point = useQuery({
    queryKey: ['point', token ?? '', at ? pointText(at) : 'now'],
    queryFn: () => request(pointQuery, { at }).then((r) => r.point),
    enabled: at !== undefined,
  });
  const until = at ? point.data?.position : undefined;
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <Loaded query={history} what="the history">
        {(all) => {
          const events = at ? all.filter((e) => until !== undefined && until !== null && positionBefore(e.position, until)) : all;
          const later = all.length - events.length;
          return (
            <>
              {later > 0 && (
                <p>
                  {later} later event{later === 1 ? '' : 's'} not shown: they happened after this point.
                </p>
              )}
              <ol className="timeline">
                {events.map((event) => (
                  <li key={event.eventId} className={event.correction ? 'correction' : undefined}>
                    <p className="summary">
                      <strong>{event.summary.length > 0 ? event.summary.join('; ') : eventWords(event.type)}</strong>
                      {event.correction && <span className="tag">Correction (data-entry fix, not movement)</span>}
                    </p>
                    <p className="event-type">{eventWords(event.type)}</p>
                    <dl className="event-meta">
                      <dt>Actor</dt>
                      <dd className="actor">{event.actor ?? 'unknown'}</dd>
                      {event.reason && (
                        <>
                          <dt>Reason</dt>
                          <dd className="reason">{event.reason}</dd>
                        </>
                      )}
                      <dt>Recorded</dt>
                      <dd>{timestamp(event.recordedAt)}</dd>
                      {event.effectiveAt && (
                        <>
                          <dt>Effective</dt>
                          <dd>{timestamp(event.effectiveAt)}</dd>
                        </>
                      )}
                      <dt>Position</dt>
                      <dd>{event.position}</dd>
                    </dl>
                    <details>
                      <summary>Hash and data as recorded</summary>
                      {event.hash && (
                        <p>
                          Hash: <code className="hash">{event.hash}</code>
                        </p>
                      )}
                      {event.prevHash && (
                        <p>
                          Previous: <code className="hash">{event.prevHash}</code>
                        </p>
                      )}
                      <p className="event-data">
                        {Object.entries((event.data ?? {}) as Record<string, unknown>)
                          .map(([k, v]) => `${fieldLabel(k)}: ${valueText(v)}`)
                          .join('; ')}
                      </p>
                    </details>
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

/** One item: every field, related change proposals as links, its history, and (now, if allowed) its forms. */
export function ItemPage({ id }: { id: string }) {
  const at = usePoint();
  const item = useItem(id, at);
  const editing = useLocation().search.get('edit') === '1';
  return (
    <Loaded query={item} what={id}>
      {(found) =>
        found === null ? (
          <>
            <h1>{id}</h1>
            <p>No such item{at ? ' at this point' : ''}.</p>
          </>
        ) : (
          <>
            <h1>
              {'ref' in found && found.ref ? found.ref : 'number' in found ? `CCAG #${found.number}` : found.id}
              {'title' in found && `: ${found.title}`}
              {'description' in found && `: ${found.description}`}
              {'theme' in found && `: ${found.theme}`}
            </h1>
            <dl className="fields-list">
              {Object.entries(found as Record<string, unknown>)
                .filter(([name]) => !hiddenFields.has(name))
                .map(([name, value]) => (
                  <div key={name}>
                    <dt>{fieldLabel(name)}</dt>
                    <dd data-field={name}>
                      <FieldValue value={value} />
                    </dd>
                  </div>
                ))}
              {'relatedChangeProposals' in found && (
                <div>
                  <dt>Related change proposals</dt>
                  <dd>
                    {found.relatedChangeProposals.length === 0
                      ? '(none)'
                      : found.relatedChangeProposals.map((cp, i) => (
                          <span key={cp.id}>
                            {i > 0 && ' / '}
                            <ItemLink id={cp.id}>{cp.ref}</ItemLink>
                          </span>
                        ))}
                  </dd>
                </div>
              )}
              <div>
                <dt>Last change</dt>
                <dd>
                  {eventWords(found.lastChange.eventType)} by {found.lastChange.actor ?? 'unknown'},{' '}
                  {timestamp(found.lastChange.recordedAt)} (position {found.lastChange.position})
                </dd>
              </div>
            </dl>
            {!at && <ItemForms item={found} open={editing} />}
            <History id={id} at={at} />
          </>
        )
      }
    </Loaded>
  );
}
