import { useContext, type ComponentProps, type ReactNode } from 'react';
import Layout from '@theme-original/Layout';
import { NeedsMainLandmark } from '../main-landmark-context';

/** The theme's Layout, wrapping the content in `<main>` for pages that lack one (see NeedsMainLandmark). */
export default function LayoutWithMainLandmark(props: ComponentProps<typeof Layout>): ReactNode {
  const needsMain = useContext(NeedsMainLandmark);
  if (!needsMain) return <Layout {...props} />;
  return (
    <Layout {...props}>
      <main>{props.children}</main>
    </Layout>
  );
}
