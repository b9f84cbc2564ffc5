import type { Projection } from '../runner/projection.ts';

/** The log index: every event with its position, stream, item, type, times and actor. */
export const logIndexProjection: Projection = {
  name: 'log-index',
  handles: 'all',
  prepare(db) {
    const insert = db.prepare(`
      INSERT INTO log (seq, commit_position, prepare_position, event_id, stream, revision, item_id, kind,
        event_type, correction, recorded_at, effective_at, actor, reason, data, metadata)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    return {
      apply({ seq, event, decoded, module, itemId, correction }) {
        const metadata = decoded?.metadata;
        insert.run(
          seq,
          event.position.commit,
          event.position.prepare,
          event.id,
          event.stream,
          event.revision,
          itemId ?? null,
          module?.kind ?? null,
          event.type,
          correction ? 1 : 0,
          event.recordedAt,
          metadata?.effectiveAt ?? null,
          metadata?.actor ?? null,
          metadata?.reason ?? null,
          JSON.stringify(decoded ? decoded.data : event.data),
          JSON.stringify(event.metadata),
        );
      },
    };
  },
};
