import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ConfigureWebpackUtils } from '@docusaurus/types';

/** The bundler's compiler, Webpack's or Rspack's (Docusaurus Faster): both have the API used here. */
type Compiler = InstanceType<ConfigureWebpackUtils['currentBundler']['instance']['Compiler']>;

/** A file of the built site: its path under the site's base URL, and its text. */
export interface SiteFile {
  /** Relative to the base URL, e.g. `evidence/nano-chaining.json`. */
  readonly path: string;
  readonly text: string;
}

/**
 * A bundler plugin that adds files to the client build's output, read anew for every compilation
 * from `files()`: `docusaurus build` writes them to `build/`, and `docusaurus start` serves them
 * from memory and compiles again when a file of `folder` changes. When `files()` throws, the
 * compilation fails with its message (in `start`, the browser shows it over the page).
 *
 * @example
 * ```ts
 * configureWebpack: (config, isServer) => (isServer ? {} : { plugins: [new EmitFiles('evidence-files', 'evidence', () => [{ path: 'evidence/a.json', text: '{}' }])] })
 * ```
 */
export class EmitFiles {
  constructor(
    private readonly name: string,
    private readonly folder: string,
    private readonly files: () => readonly SiteFile[],
  ) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(this.name, (compilation) => {
      compilation.hooks.processAssets.tap({ name: this.name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        // Watched whatever happens next, so that fixing a bad file compiles again.
        compilation.contextDependencies.add(this.folder);
        for (const name of existsSync(this.folder) ? readdirSync(this.folder) : []) compilation.fileDependencies.add(path.join(this.folder, name));
        let files: readonly SiteFile[];
        try {
          files = this.files();
        } catch (error) {
          compilation.errors.push(new WebpackError(`${this.name}: ${(error as Error).message}`));
          return;
        }
        for (const file of files) compilation.emitAsset(file.path, new sources.RawSource(file.text));
      });
    });
  }
}
