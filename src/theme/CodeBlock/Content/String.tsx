/**
 * @upstream @docusaurus/theme-classic@3.10.2 src/theme/CodeBlock/Content/String.tsx
 * @reason The theme calls its own `useCodeWordWrap` inside this component, and that hook calls
 * `localeCompare` during hydration; a wrapper cannot swap a hook the component calls. The copy is the
 * theme's line for line but for that hook. Docusaurus does not list it among safe swizzles.
 * @internalApi @docusaurus/theme-common@3.10.2 CodeBlockContextProvider, createCodeBlockMetadata: the
 * context every `CodeBlock/*` component of the theme reads; 3.10.2 exports it only from `/internal`.
 */
import type { ReactNode } from 'react';
import { useThemeConfig } from '@docusaurus/theme-common';
import { CodeBlockContextProvider, createCodeBlockMetadata } from '@docusaurus/theme-common/internal';
import type { Props } from '@theme/CodeBlock/Content/String';
import CodeBlockLayout from '@theme/CodeBlock/Layout';
import { useCodeWordWrap } from '@site/src/code-highlighting/useCodeWordWrap';

/** The theme's string code block, with a word-wrap hook that does nothing costly at load (see `useCodeWordWrap`). */
export default function CodeBlockString(props: Props): ReactNode {
  const { prism } = useThemeConfig();
  const metadata = createCodeBlockMetadata({
    code: props.children,
    className: props.className,
    metastring: props.metastring,
    magicComments: prism.magicComments,
    defaultLanguage: prism.defaultLanguage,
    language: props.language,
    title: props.title,
    showLineNumbers: props.showLineNumbers,
  });
  const wordWrap = useCodeWordWrap();
  return (
    <CodeBlockContextProvider metadata={metadata} wordWrap={wordWrap}>
      <CodeBlockLayout />
    </CodeBlockContextProvider>
  );
}
