/** The checkout this file belongs to. */
export const repositoryDir: string;
/** dist/server.cjs: what `npm start` runs. */
export const serverBundle: string;
/** Why the bundle must be built (again), or undefined when it is up to date. */
export function serverBuildStaleReason(): string | undefined;
/** Builds dist/ (beside, then swapped in whole); resolves to the milliseconds it took. */
export function buildServer(): Promise<number>;
/** Builds the bundle when it is missing or older than its sources; says so through `log` (stderr by default). */
export function ensureServerBuild(log?: (line: string) => void): Promise<void>;
/** schema/register.graphql as the JSON of its parsed document, without locations: what the bundle embeds. */
export function registerSchemaDocumentJson(): string;
