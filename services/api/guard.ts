import mercurius from 'mercurius';
import { ConcurrencyError, ReadModelRebuildingError, isRegisterError, type RegisterError } from '../core/errors.ts';
import type { ApiContext } from './context.ts';

const { ErrorWithProps } = mercurius;

/**
 * Wraps a resolver so that register errors reach the caller with `extensions.code` and their
 * details, and anything unexpected is logged with the request id and masked.
 */
export function guard<Root, Args, Result>(resolver: (root: Root, args: Args, context: ApiContext) => Promise<Result> | Result) {
  return async (root: Root, args: Args, context: ApiContext): Promise<Result> => {
    try {
      return await resolver(root, args, context);
    } catch (error) {
      throw toGraphQLError(error, context);
    }
  };
}

export function toGraphQLError(error: unknown, context: Pick<ApiContext, 'requestId' | 'log' | 'register'>): Error {
  if (error instanceof ErrorWithProps) return error;
  if (context.register.readModelDamaged(error)) {
    context.log.error({ err: error, requestId: context.requestId }, 'the read model is damaged: rebuilding it from the log');
    error = new ReadModelRebuildingError(error);
  }
  if (isRegisterError(error)) {
    return new ErrorWithProps(error.message, { code: error.code, ...error.details(), ...versionsOf(error) });
  }
  context.log.error({ err: error, requestId: context.requestId }, 'internal error');
  return new ErrorWithProps(`Internal error; quote request id ${context.requestId}`, {
    code: 'INTERNAL_SERVER_ERROR',
    requestId: context.requestId,
  });
}

/** A register error as data (a rehearsed command's refusal): the code, message and extensions its GraphQL error would carry. */
export function refusalOf(error: RegisterError) {
  return { code: error.code, message: error.message, details: { ...error.details(), ...versionsOf(error) } };
}

/** Item versions are Ints in the schema (`version`, `expectedVersion`); a conflict reports them the same way. */
function versionsOf(error: unknown): Record<string, number | string> {
  if (!(error instanceof ConcurrencyError)) return {};
  const asVersion = (text: string) => (/^\d+$/.test(text) ? Number(text) : text);
  return { expectedVersion: asVersion(error.expected), actualVersion: asVersion(error.actual) };
}
