import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { useBaseUrlUtils } from '@docusaurus/useBaseUrl';
import type { Props as ThemeProps } from '@theme/Mermaid';
import { colourModes, diagramFilePath, diagramHash, diagramName } from '@site/plugins/mermaid-svg/diagram-files';
import { useNearViewport } from '@site/src/components/useNearViewport';
import styles from './styles.module.css';

/** The theme's props, and the diagram's accessible name when its source has no `accTitle:` line. */
export interface Props extends ThemeProps {
  readonly title?: string;
}

// The theme's own Mermaid component, which loads Mermaid and draws in the browser: development only.
// The bundler replaces process.env.NODE_ENV with a constant, so a production build drops this branch
// and the import with it, and no page of the built site can load Mermaid's code.
// eslint-disable-next-line no-restricted-globals -- a constant the bundler writes in, not Node's process
const BrowserDrawnMermaid = process.env.NODE_ENV === 'production' ? undefined : lazy(() => import('@theme-original/Mermaid'));

/** The diagram's Mermaid source, folded under it: readable, copyable, and what the build reads (`data-mermaid-source`). */
function FoldedSource({ source, hash }: { source: string; hash: string }): ReactNode {
  return (
    <details className={styles.source}>
      <summary>Mermaid source</summary>
      {/* Focusable, as the theme's code blocks are: a long line scrolls it sideways, by keyboard too. */}
      <pre data-mermaid-source={hash} tabIndex={0}>
        <code>{source}</code>
      </pre>
    </details>
  );
}

/**
 * A diagram as two images drawn when the site was built (plugins/mermaid-svg), one per colour mode,
 * of which CSS shows the one for `html[data-theme]`, so the colour mode switches without a script.
 * The build writes each image's width and height into the page, so the image keeps its room before
 * it arrives. Lazy images load as they near the viewport; when the figure is near (or the page is
 * printed) both load at once, so switching the colour mode shows the other straight away.
 */
function BuildDrawnDiagram({ value, title }: Props): ReactNode {
  const [ref, near] = useNearViewport<HTMLDivElement>();
  const { withBaseUrl } = useBaseUrlUtils();
  const hash = useMemo(() => diagramHash(value), [value]);
  const name = diagramName(value, title) ?? '';
  return (
    <div ref={ref} data-figure="diagram">
      {colourModes.map((mode) => (
        <img
          key={mode}
          className={`${styles.image} ${styles[mode]}`}
          src={withBaseUrl(`/${diagramFilePath(hash, mode)}`)}
          alt={name}
          data-colour-mode={mode}
          loading={near ? 'eager' : 'lazy'}
          decoding="async"
        />
      ))}
      <FoldedSource source={value} hash={hash} />
    </div>
  );
}

/**
 * A diagram drawn in the browser by the theme's Mermaid (development only), as it nears the
 * viewport or the page is printed. `data-figure`: custom.css keeps room for the diagram until its
 * SVG is in, and the page tests scroll to every figure and wait for it to be drawn (e2e/figures.ts).
 */
function BrowserDrawnDiagram({ value, drawer: Drawer }: Props & { drawer: NonNullable<typeof BrowserDrawnMermaid> }): ReactNode {
  const [ref, near] = useNearViewport<HTMLDivElement>();
  const hash = useMemo(() => diagramHash(value), [value]);
  return (
    <div ref={ref} data-figure="diagram">
      {near && (
        <Suspense fallback={null}>
          <Drawer value={value} />
        </Suspense>
      )}
      <FoldedSource source={value} hash={hash} />
    </div>
  );
}

/**
 * The site's Mermaid diagram. In a production build it is drawn when the site is built
 * (plugins/mermaid-svg draws every diagram of the built pages into SVG files, in Chromium): a page
 * loads two small images and no Mermaid code, where Mermaid drawing in the browser cost a phone
 * seconds of main thread. Its accessible name is `title`, or the `accTitle:` line of its source
 * (toMermaid and systemToMermaid write one); the build refuses a diagram with neither. Its source is
 * folded beneath it.
 *
 * In development (`npm start`, which runs no postBuild and needs no Chromium) it falls back to the
 * theme's Mermaid, drawing in the browser.
 *
 * @example
 * ```mdx
 * <Mermaid value={topologyMermaid('microservices')} title="The microservices' deployment" />
 * ```
 */
export default function Mermaid(props: Props): ReactNode {
  return BrowserDrawnMermaid ? <BrowserDrawnDiagram {...props} drawer={BrowserDrawnMermaid} /> : <BuildDrawnDiagram {...props} />;
}
