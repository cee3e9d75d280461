import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { keyFigure } from '../../examples/claims/key-figures.ts';
import { claims } from '../../examples/claims/registry.ts';
import type { Evidence } from '../../examples/lab/files/evidence.ts';

/** A claim's row in the comparison: the figure its verdict rests on, and whether it has evidence. */
export interface ClaimFigure {
  /** Null when the claim has no evidence, could not be tested, or its result lacks the figure. */
  readonly figure: string | null;
  readonly hasEvidence: boolean;
}

/**
 * Every claim's key figure, read from `evidence/<id>.json` (a new evidence file needs no import list).
 *
 * @example
 * ```ts
 * claimFigures('evidence')['nano-chaining']; // { figure: '118 µs [110–126 µs] per HTTP hop, …', hasEvidence: true }
 * ```
 */
export function claimFigures(evidenceDir: string): Readonly<Record<string, ClaimFigure>> {
  const files = existsSync(evidenceDir) ? readdirSync(evidenceDir).filter((file) => file.endsWith('.json')) : [];
  const evidenceById = new Map(files.map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(evidenceDir, file), 'utf8')) as Evidence]));
  return Object.fromEntries(
    claims.map((claim) => {
      const evidence = evidenceById.get(claim.id);
      const figure = !evidence || evidence.verdict.verdict === 'not-testable' ? null : keyFigure(claim.id, evidence.result);
      return [claim.id, { figure, hasEvidence: evidence !== undefined }];
    }),
  );
}

/**
 * Works out the comparison page's key figures when the site is built and hands the page only those
 * (`@generated/claim-figures/default/claim-figures.json`). The page used to bundle every evidence
 * file, about 220 KB of JSON, and work the figures out in the reader's browser as it loaded.
 *
 * @example
 * ```ts
 * plugins: [claimFiguresPlugin]
 * ```
 */
export default function claimFiguresPlugin(context: LoadContext): Plugin {
  const evidenceDir = path.join(context.siteDir, 'evidence');
  return {
    name: 'claim-figures',
    async contentLoaded({ actions }) {
      await actions.createData('claim-figures.json', JSON.stringify(claimFigures(evidenceDir)));
    },
    getPathsToWatch: () => [path.join(evidenceDir, '*.json')],
  };
}
