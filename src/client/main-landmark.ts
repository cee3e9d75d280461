/**
 * Gives a page without a `<main>` element (the search page of the local search plugin) its main
 * landmark: the wrapper Docusaurus puts around every page's content, which the skip link targets.
 * Screen reader users jump between landmarks, and axe requires one main per page.
 */
export function onRouteDidUpdate(): void {
  const wrapper = document.getElementById('__docusaurus_skipToContent_fallback');
  if (!wrapper) return;
  if (document.querySelector('main')) wrapper.removeAttribute('role');
  else wrapper.setAttribute('role', 'main');
}
