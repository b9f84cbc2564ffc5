/** Options every subcommand accepts (kept apart so command definitions load nothing heavy). */
export interface GlobalOptions {
  readonly dataDir?: string | undefined;
  /** A running register's address (--server); CCAG_SERVER otherwise. Only commands that work over the API take it. */
  readonly server?: string | undefined;
  /** The bearer token sent to --server; CCAG_TOKEN otherwise. */
  readonly token?: string | undefined;
}
