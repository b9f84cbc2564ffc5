import { expect } from 'vitest';
import { addToken } from '../../services/api/tokens.ts';
import { runCli } from './cli-process.ts';
import { dataDirWithToken, startServerOn, type DataDir, type ServerOnDir } from '../support/server-on-dir.ts';

export interface SampleServer {
  readonly data: DataDir;
  readonly server: ServerOnDir;
  readonly url: string;
  /** Bearer tokens of two editors of REC, "REC editor A" and "REC editor B". */
  readonly editorA: string;
  readonly editorB: string;
}

/** The sample register served on 127.0.0.1, ready, with a secretariat token and two REC editors'. */
export async function serveSampleWithRecEditors(): Promise<SampleServer> {
  const data = dataDirWithToken();
  const tokensFile = data.env['TOKENS_FILE']!;
  const editorA = addToken(tokensFile, { principal: 'REC editor A', role: 'editor', codeBodies: ['REC'] });
  const editorB = addToken(tokensFile, { principal: 'REC editor B', role: 'editor', codeBodies: ['REC'] });
  const loaded = await runCli(['load-sample'], data.env);
  expect(loaded.code, loaded.stderr).toBe(0);
  const server = await startServerOn(data, { HOST: '127.0.0.1' });
  await server.untilReady();
  return { data, server, url: server.server.url, editorA, editorB };
}
