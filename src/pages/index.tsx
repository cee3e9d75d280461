import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import CodeBlock from '@theme/CodeBlock';
import { articleClaims, claims, comparisons } from '@site/examples/claims/registry';
import { findingSentence, verdictCountSentence } from '@site/examples/claims/verdict-summary';
import ClaimTable from '@site/src/components/ClaimTable';

/** The home page: the finding in short, the verdict of every claim, and three ways in. */
export default function Home(): ReactNode {
  return (
    <Layout title="Nanoservices vs microservices, tested" description="Every claim about service granularity, tested by code you can run.">
      <main className="container margin-vert--lg">
        <h1>How fine should you cut your services?</h1>
        <p style={{ fontSize: '1.2rem', maxWidth: '46rem' }}>
          Granularity Lab tests what one article says about nanoservices and microservices. One checkout, written once as plain functions,
          runs as a monolith, as microservices and as nanoservices; every figure on this site comes from a run of that code.
        </p>

        <h2>What the lab found</h2>
        <p>{verdictCountSentence(articleClaims)}</p>
        <p style={{ fontSize: '1.1rem', maxWidth: '46rem' }}>
          <strong>{findingSentence(articleClaims)}</strong>
        </p>
        <ClaimTable articleOnly />
        {comparisons.length > 0 && (
          <p>
            Contributors have added comparisons beyond the article, tested the same way:{' '}
            {comparisons.map((comparison, index) => {
              const own = claims.filter((claim) => claim.architecture === comparison.slug);
              return (
                <span key={comparison.slug}>
                  {index > 0 && ', '}
                  <Link to={`/docs/${comparison.slug}`}>{comparison.title}</Link> ({own.length} claim{own.length === 1 ? '' : 's'})
                </span>
              );
            })}
            .
          </p>
        )}

        <div className="row margin-vert--lg">
          <section className="col col--4 margin-bottom--md">
            <h2>Read the comparison</h2>
            <p>Every claim in one table, with its verdict and the figure the verdict rests on, filterable by verdict and architecture.</p>
            <Link className="button button--primary" to="/docs/comparison">
              Read the comparison
            </Link>
          </section>
          <section className="col col--4 margin-bottom--md">
            <h2>Run an experiment</h2>
            <p>Run the chaining experiment in your browser, or the same experiment on your machine:</p>
            <Link className="button button--primary margin-bottom--sm" to="/docs/nanoservices/chaining#run-it-in-your-browser">
              Run an experiment
            </Link>
            <CodeBlock language="bash">{'npm ci\nnpm run example -- nano-chaining'}</CodeBlock>
          </section>
          <section className="col col--4 margin-bottom--md">
            <h2>Contribute a page</h2>
            <p>How a claim gets its experiment, tests, evidence and page, and what the checks expect of it.</p>
            <Link className="button button--secondary" to="/docs/contribute">
              Contribute a page
            </Link>
          </section>
        </div>
      </main>
    </Layout>
  );
}
