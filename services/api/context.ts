import type { FastifyBaseLogger } from 'fastify';
import type { Caller } from '../access.ts';
import type { Register } from '../register.ts';
import type { RegisterConfig } from '../config.ts';

/** What every resolver receives. `caller()` throws UNAUTHENTICATED for a bad token. */
export interface ApiContext {
  readonly register: Register;
  readonly config: RegisterConfig;
  readonly caller: () => Caller;
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
}
