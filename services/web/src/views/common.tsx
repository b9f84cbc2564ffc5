import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';

/** Loading and failure states of a query, said in words; children render once the data is there. */
export function Loaded<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.error) {
    return (
      <p role="alert" className="error">
        Could not load {what}: {query.error.message}
      </p>
    );
  }
  if (query.data === undefined) return <p aria-busy="true">Loading {what}…</p>;
  return <>{children(query.data)}</>;
}

export function uniqueSorted(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort((a, b) => a.localeCompare(b));
}

/** A list of the pack's bullet points, in their order. */
export function Bullets({ lines }: { lines: readonly string[] }) {
  return (
    <ul>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
