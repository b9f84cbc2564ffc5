// autocannon 8 ships no types and @types/autocannon is not installed: the part the bench uses.
declare module 'autocannon' {
  interface Histogram {
    readonly average: number;
    readonly total: number;
    readonly p50: number;
    readonly p99: number;
  }
  interface Request {
    readonly method?: string;
    readonly path?: string;
    readonly headers?: Record<string, string>;
    readonly body?: string;
    readonly setupRequest?: (request: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown>;
  }
  interface Options {
    readonly url: string;
    readonly connections?: number;
    readonly duration?: number;
    /** Requests per second across all connections (a fixed rate instead of as fast as answered). */
    readonly overallRate?: number;
    readonly requests?: readonly Request[];
    readonly verifyBody?: (body: string) => boolean;
  }
  export interface Result {
    readonly requests: Histogram;
    readonly latency: Histogram;
    readonly non2xx: number;
    readonly errors: number;
    readonly mismatches: number;
    readonly timeouts: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
