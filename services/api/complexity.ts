import mercurius from 'mercurius';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { complexityIgnoresVariables } from './variable-free-cost.ts';

const { ErrorWithProps } = mercurius;

/** How many items the register holds: what a list `at` a point and movement walk. */
export interface RegisterSizes {
  /** Every item of every kind. */
  readonly items: number;
  /** Items per list query of the schema (`risks`: the number of risks), one per item kind. */
  readonly byList: Readonly<Record<string, number>>;
}

/**
 * The cost of the fields whose work is not one lookup (README, "Query limits"). Every other
 * field costs 1 plus what it selects. The weights are in the same unit as that 1: a field of
 * an item already read.
 */
export const fieldCosts = {
  /** Walks every hash chain of the log (or, cached, its part since the last verification). */
  verification: 50,
  /** Diffs every item changed between the points and lists every other item at the later one. */
  movement: 50,
  /** Verifies the log, reads every item at the meeting's boundary and its movement, and renders the file. */
  pack: 150,
  /** Printing the pack as PDF starts a browser. */
  packPdf: 300,
  /** Items read per unit of cost by a list `at` a point or by movement (one version lookup each). */
  itemsPerUnit: 20,
  /** Events read per unit of cost by `history` and `events`. */
  eventsPerUnit: 10,
  /** `history` without `first` returns every event of the item: counted as the largest page. */
  unpagedHistory: 1000,
  /** `events` without `first`. */
  defaultEventsPage: 100,
  /**
   * An event's `inclusionProof` inside a page of `events`: the page's size is not known where
   * the field is weighed, so it is counted as a full page of proofs (1000 proofs, each a
   * log2(n) walk of the stored tree, 1 per 10).
   */
  inclusionProofsInAPage: 100,
  /** Commands judged per unit of cost by `rehearsal` (each reads its stream once). */
  commandsPerUnit: 10,
} as const;

/** Weights the register's expensive Query fields by the work they do; undefined leaves a field to the default. */
export function workEstimator(sizes: () => RegisterSizes): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name === 'LogEvent' && field.name === 'inclusionProof') return 1 + childComplexity + fieldCosts.inclusionProofsInAPage;
    if (type.name !== 'Query') return undefined;
    const own = (work: number) => 1 + childComplexity + work;
    switch (field.name) {
      case 'verification':
        return own(fieldCosts.verification);
      case 'movement':
      case 'movementReport':
        return own(fieldCosts.movement + Math.ceil(sizes().items / fieldCosts.itemsPerUnit));
      case 'registerExport':
        return own(Math.ceil(sizes().items / fieldCosts.itemsPerUnit));
      case 'rehearsal':
        return own(Math.ceil((Array.isArray(args['commands']) ? args['commands'].length : 0) / fieldCosts.commandsPerUnit));
      case 'pack':
        return own(
          fieldCosts.pack + (args['format'] === 'PDF' ? fieldCosts.packPdf : 0) + Math.ceil(sizes().items / fieldCosts.itemsPerUnit),
        );
      case 'history':
        return own(Math.ceil(pageSize(args['first'], fieldCosts.unpagedHistory) / fieldCosts.eventsPerUnit));
      case 'events':
        return own(Math.ceil(pageSize(args['first'], fieldCosts.defaultEventsPage) / fieldCosts.eventsPerUnit));
      default: {
        // The register now is kept shaped in memory (CurrentItems); only a past point reads versions.
        const items = sizes().byList[field.name];
        if (items === undefined || args['at'] === undefined || args['at'] === null) return undefined;
        return own(Math.ceil(items / fieldCosts.itemsPerUnit));
      }
    }
  };
}

function pageSize(first: unknown, omitted: number): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return omitted;
  return Math.min(Math.max(first, 0), 1000);
}

const fieldCount: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

/**
 * Refuses a query whose estimated cost is above `limit`, before any resolver runs. Each field
 * costs 1 plus what it selects, aliases included; the expensive ones cost their work
 * (`workEstimator`), so twenty aliases of `movement` are refused, not run.
 *
 * Measured before execution, with the request's variables, rather than as a validation
 * rule: a validation rule is built once, without variables, and would reject every
 * operation that declares a required variable.
 */
export function refuseComplexQueries(limit: number, sizes: () => RegisterSizes) {
  // mercurius hands every request with the same query text the same parsed document; without
  // variables, or with variables its cost does not read (a mutation's input), its complexity
  // changes only with the register's size, so it is measured once per size (walking it cost a
  // few % of a list query, and a tenth of a mutation).
  const measured = new WeakMap<DocumentNode, { sizes: RegisterSizes; complexity: number }>();
  const variableFree = new WeakMap<DocumentNode, boolean>();
  const fixedCost = (document: DocumentNode, variables: Record<string, unknown> | undefined) => {
    if (!variables || Object.keys(variables).length === 0) return true;
    let ignores = variableFree.get(document);
    if (ignores === undefined) variableFree.set(document, (ignores = complexityIgnoresVariables(document)));
    return ignores;
  };
  const estimators = [workEstimator(sizes), fieldCount];
  return (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): void => {
    const fixed = fixedCost(document, variables);
    const current = sizes();
    const kept = fixed ? measured.get(document) : undefined;
    let complexity = kept?.sizes === current ? kept.complexity : undefined;
    if (complexity === undefined) {
      complexity = measure(schema, document, variables ?? {}, estimators);
      if (fixed) measured.set(document, { sizes: current, complexity });
    }
    if (complexity > limit) {
      throw new ErrorWithProps(
        `The query is too large: complexity ${Number.isFinite(complexity) ? complexity : 'over 10000 nodes'}, limit ${limit}`,
        { code: 'QUERY_TOO_COMPLEX', limit, ...(Number.isFinite(complexity) ? { complexity } : {}) },
        400,
      );
    }
  };
}

function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  estimators: ComplexityEstimator[],
): number {
  try {
    return getComplexity({ schema, query: document, variables, estimators });
  } catch {
    // Only a document too large to walk (maxQueryNodes) gets here: variables were already checked.
    return Number.POSITIVE_INFINITY;
  }
}
