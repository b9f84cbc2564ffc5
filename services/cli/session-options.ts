/** Options every subcommand accepts (kept apart so command definitions load nothing heavy). */
export interface GlobalOptions {
  readonly dataDir?: string | undefined;
}
