import { z } from 'zod';
import { verdicts } from '../lab/experiment/verdict.ts';
import type { Citation, Claim } from './registry.ts';

// The schemas the claims check validates every registry entry with. The site imports the registry's
// plain types instead, so that no page ships a validator.

/** A source a verdict leans on. Cite what the source says, in our own words. */
export const CitationSchema = z.object({
  title: z.string().min(3),
  author: z.string().min(2),
  // From 1900: the people side of the argument cites work older than software services (Conway, 1968).
  year: z.number().int().min(1900).max(2100),
  url: z.url({ protocol: /^https$/, error: 'a citation URL must be a well-formed https:// URL' }),
});

/** One statement of the seed article, and what the site found. */
export const ClaimSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/, 'a claim id is kebab-case words, the first naming the architecture or comparison, e.g. nano-chaining'),
  /** The architecture the claim is about, or the comparison's slug for claims added with the scaffolder. */
  architecture: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'an architecture is kebab-case, e.g. microservices'),
  /** The article's own words, quoted briefly. */
  articleSays: z.string().min(5),
  verdict: z.enum(verdicts),
  /** The doc page with the claim's section, relative to `docs/`, without extension. The section's anchor is the claim id. */
  page: z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'a page is a docs path without extension, e.g. nanoservices/chaining'),
  citations: z.array(CitationSchema),
});
/** One claim of the registry. */
// The registry's plain types and these schemas describe the same entries: this assignment stops the
// type-check when one changes without the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: [Same<z.infer<typeof CitationSchema>, Citation>, Same<z.infer<typeof ClaimSchema>, Omit<Claim, 'citations'> & { citations: Citation[] }>] = [true, true];
void schemasMatchTypes;