import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoredTree } from './stored-tree.ts';

/**
 * Compares the Merkle tree of a read model file (the server's memory of the log) with the tree
 * just rebuilt from the store. An edit after the last meeting leaves no signed head to catch it,
 * but the tree the server built when the event arrived still holds its leaf. Returns the problem
 * in words, or undefined when they agree (or the file has no tree to compare).
 */
export function compareWithPersistedTree(path: string, current: StoredTree): string | undefined {
  if (!existsSync(path)) return undefined;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return undefined;
  }
  try {
    const hasTree = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'merkle_nodes'`).get();
    if (!hasTree) return undefined;
    const persisted = new StoredTree(db);
    const recorded = persisted.size();
    const now = current.size();
    const common = Math.min(recorded, now);
    const page = db.prepare(`SELECT idx, hash FROM merkle_nodes WHERE level = 0 AND idx >= ? ORDER BY idx LIMIT 5000`);
    for (let from = 0; from < common; from += 5000) {
      for (const row of page.all(from) as { idx: number; hash: Buffer }[]) {
        if (row.idx >= common) break;
        if (!current.leaf(row.idx).equals(row.hash)) {
          return `event ${row.idx + 1} of the log differs from the one the read model at ${path} recorded: it was changed (content, recorded time or position) after it was written`;
        }
      }
    }
    if (recorded > now) {
      return `the read model at ${path} recorded ${recorded} events but the log now has ${now}: the last ${recorded - now} were removed from the log`;
    }
    return undefined;
  } catch (error) {
    return `the read model at ${path} could not be compared: ${(error as Error).message}`;
  } finally {
    db.close();
  }
}
