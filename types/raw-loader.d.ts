/** `import source from '!!raw-loader!@site/examples/...'` gives a file's text, shown by <CodeBlock>. */
declare module '!!raw-loader!*' {
  const source: string;
  export default source;
}
