import type { DecodedEvent, EventCatalogue } from '../../services/core/catalogue.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import type { Projection } from './projection.ts';

/**
 * An event with all that can be worked out from it alone, before the batch that applies it:
 * its decoding (schema checked, upcast) and what each projection precomputes. A bulk catch-up
 * prepares events on the thread that reads the log, so the thread that folds and writes them
 * does only that.
 */
export interface PreparedEvent {
  readonly event: StoredEvent;
  /** Undefined for an event type this version of the register does not know. */
  readonly decoded: DecodedEvent | undefined;
  /** `decoded.data` as `JSON.stringify` writes it, when that is already known (see ProjectedEvent). */
  readonly decodedDataJson?: string | undefined;
  /** By projection, in the engine's order: what its `precompute` gave, or undefined. */
  readonly precomputed: readonly (Uint8Array | undefined)[];
}

/** Throws IntegrityError (from the catalogue) for a known event that fails its schema. */
export function prepareEvent(event: StoredEvent, catalogue: EventCatalogue, projections: readonly Projection[]): PreparedEvent {
  const decoded = catalogue.decode(event);
  const precomputed = projections.map((projection) =>
    projection.precompute && handlesType(projection, event.type) ? projection.precompute(event) : undefined,
  );
  return { event, decoded, precomputed };
}

function handlesType(projection: Projection, type: string): boolean {
  return projection.handles === 'all' || projection.handles.includes(type);
}
