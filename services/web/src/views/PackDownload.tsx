import { useEffect, useState } from 'react';
import { graphql } from '../api/graphql.ts';
import { useSession } from '../session-context.tsx';

export const packQuery = graphql(`
  query Pack($meeting: Int!, $format: PackFormat!) {
    pack(meeting: $meeting, format: $format) {
      fileName
      mediaType
      encoding
      content
      verified
    }
  }
`);

const formats = [
  { value: 'HTML', label: 'HTML' },
  { value: 'PPTX', label: 'Slides (PPTX)' },
  { value: 'PDF', label: 'PDF' },
  { value: 'MD', label: 'Markdown' },
] as const;
type Format = (typeof formats)[number]['value'];

function bytesOf(content: string, encoding: string): BlobPart {
  if (encoding === 'utf8') return content;
  const binary = atob(content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** "Download pack": the meeting's pack, built by the register (the secretariat and auditors). */
export function PackDownload({ meeting }: { meeting: number }) {
  const { request, viewer } = useSession();
  const [format, setFormat] = useState<Format>('HTML');
  const [state, setState] = useState<{ busy: boolean; url?: string; fileName?: string; error?: string }>({ busy: false });
  useEffect(() => () => (state.url ? URL.revokeObjectURL(state.url) : undefined), [state.url]);
  if (viewer?.role !== 'secretariat' && viewer?.role !== 'auditor') return null;
  const build = async () => {
    setState({ busy: true });
    try {
      const { pack } = await request(packQuery, { meeting, format });
      const url = URL.createObjectURL(new Blob([bytesOf(pack.content, pack.encoding)], { type: pack.mediaType }));
      setState({ busy: false, url, fileName: pack.fileName });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  };
  return (
    <span className="pack-download">
      <select aria-label={`Pack format for CCAG #${meeting}`} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
        {formats.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>{' '}
      <button type="button" onClick={() => void build()} disabled={state.busy}>
        {state.busy ? 'Building the pack…' : 'Download pack'}
      </button>{' '}
      {state.url && (
        <a href={state.url} download={state.fileName}>
          Save {state.fileName}
        </a>
      )}
      {state.error && (
        <span role="alert" className="error">
          {state.error}
        </span>
      )}
    </span>
  );
}
