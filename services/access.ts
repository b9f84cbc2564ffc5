import { z } from 'zod';
import type { ItemModule } from './core/decider.ts';
import { ForbiddenError, UnauthenticatedError } from './core/errors.ts';
import type { RegisterRules } from '../schema/rules.ts';

export const roleSchema = z.enum(['reader', 'editor', 'secretariat', 'auditor']);
export type Role = z.infer<typeof roleSchema>;

/** Who is calling. `anonymous` exists only where reads are configured open. */
export interface Caller {
  readonly principal: string;
  readonly role: Role | 'anonymous';
  /** For editors: the code bodies whose change proposals and milestones they may change. */
  readonly codeBodies: readonly string[];
}

export const anonymousCaller: Caller = { principal: 'anonymous', role: 'anonymous', codeBodies: [] };

export function requireReader(caller: Caller, openReads: boolean): void {
  if (caller.role === 'anonymous' && !openReads) throw new UnauthenticatedError();
}

/** The log and its verification: auditors and the secretariat. */
export function requireAuditor(caller: Caller): void {
  if (caller.role === 'anonymous') throw new UnauthenticatedError();
  if (caller.role !== 'auditor' && caller.role !== 'secretariat') {
    throw new ForbiddenError(`${caller.principal} (${caller.role}) may not read the audit log`);
  }
}

/**
 * Meeting packs: the secretariat prepares them, auditors check them. Building one runs the
 * whole verification (and, for PDF, a browser), so it is not open to every reader.
 */
export function requirePackBuilder(caller: Caller): void {
  if (caller.role === 'anonymous') throw new UnauthenticatedError('Building a meeting pack needs a bearer token');
  if (caller.role !== 'auditor' && caller.role !== 'secretariat') {
    throw new ForbiddenError(`${caller.principal} (${caller.role}) may not build meeting packs; the secretariat and auditors may`);
  }
}

/**
 * The part of write access that does not depend on the command: checked before the input is
 * read, so a caller who may not write at all learns nothing about what it sent.
 */
export function requireWriter(caller: Caller): void {
  if (caller.role === 'anonymous') throw new UnauthenticatedError('Writes need a bearer token');
  if (caller.role !== 'secretariat' && caller.role !== 'editor') {
    throw new ForbiddenError(`${caller.principal} (${caller.role}) may not change the register`);
  }
}

/**
 * Writes are never open. The secretariat changes everything; an editor changes only the
 * items of its own code bodies (those whose presenter names one: change proposals, and
 * milestones of a code body's workstream). Judged on the input as sent, before it is read.
 */
export function authorizeCommand(caller: Caller, module: ItemModule, input: unknown, rules: RegisterRules): void {
  requireWriter(caller);
  if (caller.role === 'secretariat') return;
  const data = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const body = module.presenter.codeBodyOf?.(data, rules);
  if (body === undefined) {
    throw new ForbiddenError(`only the secretariat may change ${module.presenter.names.plural} outside a code body`);
  }
  if (!caller.codeBodies.includes(body)) {
    throw new ForbiddenError(`${caller.principal} may change only ${caller.codeBodies.join(', ') || 'no'} items, not ${body}'s`);
  }
}
