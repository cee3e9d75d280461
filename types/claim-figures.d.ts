/** The comparison page's key figures, worked out when the site is built (plugins/claim-figures). */
declare module '@generated/claim-figures/default/claim-figures.json' {
  import type { ClaimFigure } from '@site/plugins/claim-figures';

  const figures: Readonly<Record<string, ClaimFigure>>;
  export default figures;
}
