import { requireAuditor, requireReader } from '../access.ts';
import type { ApiContext } from './context.ts';
import { eventSummaryResolvers } from './event-summary.ts';
import { guard } from './guard.ts';

/** The register's signing key as the API and /.well-known/ccag-register.json show it. */
export function signingKeyOf(context: Pick<ApiContext, 'register'>) {
  const { key } = context.register.transparency;
  return { algorithm: 'Ed25519', publicKey: key.publicKey, keyId: key.keyId };
}

/** Signed tree heads, proofs and verification: the log as an auditor checks it. */
export const transparencyQueries = {
  treeHead: guard((_root: unknown, args: { treeSize?: number | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    return context.register.transparency.signedHead(args.treeSize ?? undefined);
  }),
  inclusionProof: guard((_root: unknown, args: { eventId: string; treeSize?: number | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    return context.register.transparency.inclusionProof(args.eventId, args.treeSize ?? undefined);
  }),
  consistencyProof: guard((_root: unknown, args: { fromSize: number; toSize?: number | null }, context: ApiContext) => {
    requireReader(context.caller(), context.config.openReads);
    return context.register.transparency.consistencyProof(args.fromSize, args.toSize ?? undefined);
  }),
  verification: guard(async (_root: unknown, _args: unknown, context: ApiContext) => {
    requireAuditor(context.caller());
    const report = await context.register.verifier.verify();
    return {
      ...report,
      firstBad: report.firstBad ? { ...report.firstBad, eventId: report.firstBad.id } : null,
      badDigests: report.meetings.filter((m) => !m.ok).map((m) => m.number),
      meetings: report.meetings.map((m) => ({ ...m, problem: m.problem ?? null })),
    };
  }),
};

/** Field resolvers of types that carry proofs or keys. */
export const transparencyTypeResolvers = {
  LogEvent: {
    ...eventSummaryResolvers,
    inclusionProof: guard((root: { eventId: string }, args: { treeSize?: number | null }, context: ApiContext) =>
      context.register.transparency.inclusionProof(root.eventId, args.treeSize ?? undefined),
    ),
  },
  Vocabulary: {
    signingKey: guard((_root: unknown, _args: unknown, context: ApiContext) => signingKeyOf(context)),
  },
};
