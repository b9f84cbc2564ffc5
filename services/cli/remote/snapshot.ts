import { z } from 'zod';
import type { ItemKind } from '../../core/decider.ts';
import type { ItemRegistry } from '../../core/registry.ts';
import { registerRulesSchema, type RegisterRules } from '../../../schema/rules.ts';
import type { RegisterSnapshot } from '../register-access.ts';
import { RemoteFailure } from './errors.ts';

/*
 * What the API answers, read back into the shapes the CLI works with. The register at a point
 * comes from `registerExport` as JSON (the document `ccag export --format json` writes), so a
 * workbook is written from, and compared with, what the server itself reads at that point.
 */

const exportDocument = z.object({
  at: z.object({ position: z.string().nullable(), recordedAt: z.string().nullable() }),
  items: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

/** The JSON export as a snapshot: each item's view is the fields its kind's view has (the export adds version, last change, a risk's band). */
export function snapshotOfExport(content: string, items: ItemRegistry, kinds: readonly ItemKind[], origin: string): RegisterSnapshot {
  const document = parseAnswer(exportDocument, JSON.parse(content), `${origin} answered an export`);
  const views = new Map(
    kinds.map((kind) => {
      const { viewSchema, names } = items.presenterOf(kind);
      const fields = Object.keys(viewSchema.shape);
      return [
        kind,
        (document.items[kind] ?? []).map((item) => ({
          view: parseAnswer<Record<string, unknown>>(
            viewSchema,
            Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]])),
            `${origin} answered ${names.plural} that`,
          ),
        })),
      ] as const;
    }),
  );
  return { position: document.at.position, recordedAt: document.at.recordedAt, items: (kind) => views.get(kind) ?? [] };
}

const vocabularyAnswer = z.object({
  codeBodies: z.array(z.unknown()),
  workstreams: z.array(z.unknown()),
  riskBands: z.array(z.unknown()),
  textLimits: z.object({ title: z.number().int().positive(), text: z.number().int().positive(), summary: z.number().int().positive() }),
});

/** The server's rules from its `vocabulary`: checked as the server checks its own rules file. */
export function rulesOfVocabulary(vocabulary: unknown, origin: string): RegisterRules {
  const { textLimits, ...rest } = parseAnswer(vocabularyAnswer, vocabulary, `${origin} answered a vocabulary that`);
  return { ...parseAnswer(registerRulesSchema, rest, `${origin} answered register rules that`), textLimits };
}

function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new RemoteFailure(
    `${what} this ccag cannot read (${issue.path.join('.') || '(top)'}: ${issue.message}); is it the same version?`,
    'UNREADABLE_ANSWER',
  );
}
