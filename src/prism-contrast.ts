import { darken, getContrast, getLuminance, lighten } from 'polished';
import type { PrismTheme } from 'prism-react-renderer';

/** WCAG AA for normal text. */
const minimumContrast = 4.5;

function readable(color: string, background: string): string {
  const towardsContrast = getLuminance(background) > 0.5 ? darken : lighten;
  let adjusted = color;
  // Small steps keep the hue recognisable; 50 steps of 2 % reach black or white, which always pass.
  for (let step = 0; step < 50 && getContrast(adjusted, background) < minimumContrast; step += 1) adjusted = towardsContrast(0.02, adjusted);
  return adjusted;
}

/**
 * A code theme whose every token colour meets WCAG AA (4.5:1) on the theme's own background: each
 * colour that falls short is darkened (light themes) or lightened (dark themes) just enough, and
 * token opacity, which would undo that, is dropped.
 *
 * @example
 * ```ts
 * prism: { theme: withReadableTokens(themes.github), darkTheme: withReadableTokens(themes.dracula) }
 * ```
 */
export function withReadableTokens(theme: PrismTheme): PrismTheme {
  const background = theme.plain.backgroundColor ?? '#ffffff';
  return {
    plain: { ...theme.plain, color: theme.plain.color ? readable(theme.plain.color, background) : theme.plain.color },
    styles: theme.styles.map(({ types, languages, style }) => {
      const { opacity, ...rest } = style;
      return { types, languages, style: rest.color ? { ...rest, color: readable(rest.color, background) } : rest };
    }),
  };
}
