import type { Register } from '../register.ts';
import { IntegrityError } from '../core/errors.ts';
import { buildPackModel, packVerification } from './build.ts';
import type { PackModel } from './model.ts';
import { renderPackHtml } from './render/html.ts';
import { renderPackMarkdown } from './render/markdown.ts';

export const packFormats = ['html', 'pptx', 'md', 'pdf'] as const;
export type PackFormat = (typeof packFormats)[number];

/** A built pack, as the CLI writes it and the API's `pack` field returns it. */
export interface PackFile {
  readonly format: PackFormat;
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: Buffer;
  readonly verified: boolean;
  readonly boundaryPosition: string;
  readonly digest: string;
}

const mediaTypes: Record<PackFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
};

/** Text formats travel as UTF-8, the others as base64. */
export const isTextFormat = (format: PackFormat) => format === 'html' || format === 'md';

async function render(model: PackModel, format: PackFormat): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(renderPackHtml(model), 'utf8');
    case 'md':
      return Buffer.from(renderPackMarkdown(model), 'utf8');
    case 'pptx': {
      const { renderPackPptx } = await import('./render/pptx.ts');
      return renderPackPptx(model);
    }
    case 'pdf': {
      const { printPdf } = await import('./render/pdf.ts');
      return printPdf(renderPackHtml(model));
    }
    default: {
      const _exhaustive: never = format;
      return _exhaustive;
    }
  }
}

export interface BuildPackOptions {
  readonly meeting: number;
  readonly format: PackFormat;
  /** Build even when the log does not verify; every page then says UNVERIFIED. */
  readonly unverified?: boolean;
}

/**
 * Verifies the log, then builds CCAG #N's pack at the meeting's boundary. A log that does not
 * verify builds no pack (IntegrityError naming the first bad event) unless `unverified`.
 */
export async function buildPack(register: Register, options: BuildPackOptions): Promise<PackFile> {
  const report = await register.verify();
  if (!report.ok && !options.unverified) {
    const bad = report.firstBad;
    throw new IntegrityError(
      `the event log does not verify, so no pack is built (--unverified builds one marked UNVERIFIED): ${report.problems[0]}`,
      bad ? { stream: bad.stream, revision: bad.revision, position: bad.position } : undefined,
    );
  }
  const model = buildPackModel(register, options.meeting, packVerification(report, options.meeting));
  return {
    format: options.format,
    fileName: `ccag-${options.meeting}-pack.${options.format}`,
    mediaType: mediaTypes[options.format],
    content: await render(model, options.format),
    verified: report.ok,
    boundaryPosition: model.boundaryPosition,
    digest: model.digest,
  };
}
