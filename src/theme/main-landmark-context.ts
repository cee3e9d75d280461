import { createContext } from 'react';

/**
 * True inside a page whose theme component does not put its content in a `<main>` element (the
 * search page of the local search plugin). The Layout wrapper reads it and supplies the landmark,
 * in the server-rendered HTML, so that screen reader users can jump to the content and axe finds
 * exactly one main landmark before any script has run.
 */
export const NeedsMainLandmark = createContext(false);
