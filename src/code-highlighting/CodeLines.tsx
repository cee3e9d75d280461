import type { ReactNode } from 'react';
import clsx from 'clsx';
import type { LineInputProps, LineOutputProps, Token, TokenInputProps, TokenOutputProps } from 'prism-react-renderer';
import Line from '@theme/CodeBlock/Line';

export interface CodeLinesProps {
  /** One array of tokens per line, as Prism's `normalizeTokens` returns them. */
  readonly lines: Token[][];
  readonly lineClassNames: Record<number, string[]>;
  readonly showLineNumbers: boolean;
}

// Classes only, no inline colours: the theme's colours come from the stylesheet that
// plugins/code-highlighting writes for each colour mode.
const getLineProps = ({ className, line: _line, ...rest }: LineInputProps): LineOutputProps => ({ ...rest, className: clsx('token-line', className) });
const getTokenProps = ({ token, className, ...rest }: TokenInputProps): TokenOutputProps => ({ ...rest, className: clsx('token', ...token.types, className), children: token.content });

/**
 * The lines of a code block, tokenised or not, rendered by the theme's `CodeBlock/Line`.
 *
 * @example
 * ```tsx
 * <CodeLines lines={plainLines('a\nb')} lineClassNames={{}} showLineNumbers={false} />
 * ```
 */
export default function CodeLines({ lines, lineClassNames, showLineNumbers }: CodeLinesProps): ReactNode {
  return lines.map((line, index) => <Line key={index} line={line} classNames={lineClassNames[index]} showLineNumbers={showLineNumbers} getLineProps={getLineProps} getTokenProps={getTokenProps} />);
}

/**
 * Code as untokenised lines: what a block shows while the highlighter loads.
 *
 * @example
 * ```ts
 * plainLines('a\n\nb'); // [[{ types: ['plain'], content: 'a' }], [{ …, content: '\n', empty: true }], …]
 * ```
 */
export function plainLines(code: string): Token[][] {
  return code.split(/\r\n|\r|\n/).map((content) => [content === '' ? { types: ['plain'], content: '\n', empty: true } : { types: ['plain'], content }]);
}
