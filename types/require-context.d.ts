/**
 * `require.context` (the webpack module API, which Rspack implements): every module of a folder that
 * matches a pattern, found when the site is bundled. The comparison page reads `evidence/*.json`
 * with it, so a new evidence file needs no import list.
 */
declare namespace NodeJS {
  interface RequireContext {
    /** The matching modules, as paths relative to the folder: `./nano-chaining.json`. */
    keys(): string[];
    /** The module at one of those paths. */
    (key: string): unknown;
  }
  interface Require {
    context(directory: string, useSubdirectories: boolean, pattern: RegExp): RequireContext;
  }
}
