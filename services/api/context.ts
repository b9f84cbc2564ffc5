import type { FastifyBaseLogger } from 'fastify';
import type { Caller } from '../access.ts';
import type { Register } from '../register.ts';
import type { RegisterConfig } from '../config.ts';
import type { CurrentItems } from './current-items.ts';
import type { PointCache } from './point-cache.ts';

/** What every resolver receives. `caller()` throws UNAUTHENTICATED for a bad token. */
export interface ApiContext {
  readonly register: Register;
  readonly config: RegisterConfig;
  /** The register now, per kind, shaped for GraphQL and kept until the read model moves. */
  readonly current: CurrentItems;
  /** Answers at fixed points (movement, lists `at` a point), kept while the read model is the same. */
  readonly points: PointCache;
  readonly caller: () => Caller;
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
}
