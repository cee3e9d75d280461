import { getContrast } from 'polished';
import { themes } from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { withReadableTokens } from './prism-contrast.ts';

describe('withReadableTokens', () => {
  it.each(['github', 'dracula'] as const)('makes every token of %s readable on its background', (name) => {
    const theme = withReadableTokens(themes[name]);
    const background = theme.plain.backgroundColor as string;
    for (const { style } of [{ style: theme.plain }, ...theme.styles]) {
      if (style.color) expect(getContrast(style.color, background), `${style.color} on ${background}`).toBeGreaterThanOrEqual(4.5);
      expect(style.opacity).toBeUndefined();
    }
  });

  it('fixes the colours the stock themes get wrong, and leaves the good ones alone', () => {
    // github's red and teal and dracula's comment fell below 4.5:1 in axe on this site.
    expect(getContrast('#d73a49', '#f6f8fa')).toBeLessThan(4.5);
    const github = withReadableTokens(themes.github);
    expect(github.styles.some((entry) => entry.style.color === '#d73a49')).toBe(false);
    expect(github.plain.color).toBe(themes.github.plain.color);
  });
});
