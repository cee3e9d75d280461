import { themes, type PrismTheme } from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { prismTokenCss } from './token-css.ts';

describe('prismTokenCss', () => {
  it('writes one rule per theme entry, scoped, with CSS property names', () => {
    const theme: PrismTheme = {
      plain: { color: '#000', backgroundColor: '#fff' },
      styles: [
        { types: ['comment', 'prolog'], style: { color: '#6a737d', fontStyle: 'italic' } },
        { types: ['keyword'], style: { color: '#005cc5', textDecorationLine: 'underline' } },
      ],
    };
    expect(prismTokenCss(theme, '.dark')).toBe(
      '.dark .token.comment,.dark .token.prolog{color:#6a737d;font-style:italic}.dark .token.keyword{color:#005cc5;text-decoration-line:underline}',
    );
  });

  it('limits an entry with languages to those languages’ blocks, and drops entries with no declarations', () => {
    const theme: PrismTheme = {
      plain: {},
      styles: [
        { types: ['tag'], languages: ['markup', 'jsx'], style: { color: 'red' } },
        { types: ['bold'], style: {} },
      ],
    };
    expect(prismTokenCss(theme, 's')).toBe('s .language-markup .token.tag,s .language-jsx .token.tag{color:red}');
  });

  it('covers every colour of the site’s themes', () => {
    for (const theme of [themes.github, themes.dracula]) {
      const css = prismTokenCss(theme, 's');
      for (const { style } of theme.styles) if (style.color) expect(css).toContain(`color:${style.color}`);
    }
  });
});
