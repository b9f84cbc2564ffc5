import type { EventDefinition } from './decider.ts';
import type { StoredEvent } from './event-store.ts';
import { IntegrityError } from './errors.ts';
import { eventMetadataSchema, type EventMetadata } from '../../schema/metadata.ts';
import { formatPosition } from './position.ts';

export interface DecodedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/**
 * The event catalogue: every event type the register knows, with its schema and upcasters.
 * Stored events are validated (and upcast) when read back, so a bad or old payload never
 * reaches a decider or a projection unchecked.
 */
export class EventCatalogue {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const def of definitions) {
      if (this.byType.has(def.type)) throw new Error(`event type ${def.type} is defined twice`);
      this.byType.set(def.type, def);
    }
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  definition(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  isCorrection(type: string): boolean {
    return this.byType.get(type)?.correction === true;
  }

  /** The schema version written now for `type`. */
  currentVersion(type: string): number {
    const def = this.byType.get(type);
    if (!def) throw new Error(`unknown event type ${type}`);
    return def.version;
  }

  /** Validates freshly decided data before it is written. */
  validateNew(type: string, data: unknown): unknown {
    const def = this.byType.get(type);
    if (!def) throw new Error(`unknown event type ${type}`);
    const result = def.schema.safeParse(data);
    if (!result.success) {
      throw new Error(`decided ${type} does not match its schema: ${result.error.message}`);
    }
    return result.data;
  }

  /**
   * Upcasts and validates a stored event. Returns undefined for a type this version of the
   * register does not know (newer writers; callers skip it with a warning); throws
   * IntegrityError naming the event when a known event fails its schema.
   */
  decode(event: StoredEvent): DecodedEvent | undefined {
    const def = this.byType.get(event.type);
    if (!def) return undefined;
    const where = { stream: event.stream, revision: event.revision, position: formatPosition(event.position) };
    const metadata = eventMetadataSchema.safeParse(event.metadata);
    if (!metadata.success) {
      throw new IntegrityError(
        `${event.type} at ${event.stream}@${event.revision} (position ${where.position}) has bad metadata: ${metadata.error.message}`,
        where,
      );
    }
    if (metadata.data.schemaVersion > def.version) return undefined;
    let data = event.data;
    for (let v = metadata.data.schemaVersion; v < def.version; v++) {
      const upcast = def.upcasters?.[v];
      if (!upcast) {
        throw new IntegrityError(`${event.type} has no upcaster from schema version ${v}`, where);
      }
      data = upcast(data);
    }
    const parsed = def.schema.safeParse(data);
    if (!parsed.success) {
      throw new IntegrityError(
        `${event.type} at ${event.stream}@${event.revision} (position ${where.position}) fails its schema: ${parsed.error.message}`,
        where,
      );
    }
    return { type: event.type, data: parsed.data, metadata: metadata.data };
  }
}
