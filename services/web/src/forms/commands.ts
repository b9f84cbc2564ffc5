export type { ItemKind } from '../../../core/decider.ts';
