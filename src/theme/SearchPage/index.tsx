import type { ReactNode } from 'react';
import SearchPage from '@theme-original/SearchPage';
import { NeedsMainLandmark } from '../main-landmark-context';

/** The plugin's search page, marked as a page whose Layout must supply the main landmark. */
export default function SearchPageWithMainLandmark(): ReactNode {
  return (
    <NeedsMainLandmark.Provider value={true}>
      <SearchPage />
    </NeedsMainLandmark.Provider>
  );
}
