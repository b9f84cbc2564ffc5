import { registerProjection } from '../projections/register/projection.ts';
import type { Projection } from '../projections/runner/projection.ts';
import { merkleTreeProjection } from './transparency/projection.ts';

/**
 * The read model's projections, in the order they apply: the register's views, then the Merkle
 * tree over the log. One list for the server's runner and for the worker thread that catches a
 * read model up in bulk, so the two build the same file.
 */
export const registerProjections: readonly Projection[] = [registerProjection, merkleTreeProjection];
