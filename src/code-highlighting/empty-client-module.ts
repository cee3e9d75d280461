// Stands in for the theme's `prism-include-languages` client module in the browser bundle: see plugins/code-highlighting.
export {};
