import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import CodeBlock from '@theme/CodeBlock';
import ClaimTable from '@site/src/components/ClaimTable';

export default function Home(): ReactNode {
  return (
    <Layout title="Nanoservices vs microservices, tested" description="Every claim about service granularity, tested by code you can run.">
      <main className="container margin-vert--lg">
        <h1>How fine should you cut your services?</h1>
        <p style={{ fontSize: '1.2rem', maxWidth: '46rem' }}>
          Granularity Lab takes what people say about nanoservices and microservices and tests it. One checkout, written once as plain
          functions, is deployed as a monolith, as microservices and as nanoservices; the shape is the only thing that changes. Every
          figure on this site comes from a run of that code, stamped with the machine and the source that produced it.
        </p>
        <div className="row margin-vert--lg">
          <div className="col col--4 margin-bottom--md">
            <h2>Read a verdict</h2>
            <p>Each claim gets the article's words, a verdict, the reasoning with sources, the experiment's code and its figures.</p>
            <Link className="button button--primary" to="/docs/nanoservices">
              Every nanoservice claim
            </Link>
          </div>
          <div className="col col--4 margin-bottom--md">
            <h2>Run it yourself</h2>
            <p>The same experiment prints the same kind of table on your machine:</p>
            <CodeBlock language="bash">{'npm ci\nnpm run example -- nano-chaining'}</CodeBlock>
          </div>
          <div className="col col--4 margin-bottom--md">
            <h2>Check the method</h2>
            <p>How a claim becomes a verdict, what the verdicts mean, and the lab library every experiment is built on.</p>
            <Link className="button button--secondary" to="/docs/intro">
              How this site works
            </Link>
          </div>
        </div>
        <h2>What has been tested</h2>
        <ClaimTable />
      </main>
    </Layout>
  );
}
