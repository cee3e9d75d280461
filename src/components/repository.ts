import useDocusaurusContext from '@docusaurus/useDocusaurusContext';

/**
 * The repository's GitHub URL, from `siteConfig.customFields.repository` (set once in
 * docusaurus.config.ts).
 *
 * @example
 * ```tsx
 * const repository = useRepositoryUrl();
 * <a href={`${repository}/blob/main/evidence/nano-chaining.json`}>evidence</a>
 * ```
 */
export function useRepositoryUrl(): string {
  const { siteConfig } = useDocusaurusContext();
  const configured = siteConfig.customFields?.repository;
  if (typeof configured !== 'string') throw new Error('docusaurus.config.ts must set customFields.repository to the GitHub URL of the repository');
  return configured;
}
