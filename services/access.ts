import { z } from 'zod';
import type { ItemKind } from './core/decider.ts';
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
 * change proposals and milestones of its own code bodies.
 */
export function authorizeCommand(caller: Caller, kind: ItemKind, data: Record<string, unknown>, rules: RegisterRules): void {
  requireWriter(caller);
  if (caller.role === 'secretariat') return;
  const body = codeBodyOf(kind, data, rules);
  if (body === undefined) {
    throw new ForbiddenError(`only the secretariat may change ${kind === 'changeProposal' ? 'change proposals' : `${kind}s`} outside a code body`);
  }
  if (!caller.codeBodies.includes(body)) {
    throw new ForbiddenError(`${caller.principal} may change only ${caller.codeBodies.join(', ') || 'no'} items, not ${body}'s`);
  }
}

function codeBodyOf(kind: ItemKind, data: Record<string, unknown>, rules: RegisterRules): string | undefined {
  if (kind === 'changeProposal') return typeof data['codeBody'] === 'string' ? data['codeBody'] : undefined;
  if (kind === 'milestone') {
    const workstream = rules.workstreams.find((w) => w.id === data['workstream']);
    return workstream?.codeBody ?? undefined;
  }
  return undefined;
}
