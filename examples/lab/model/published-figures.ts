/**
 * Figures of real systems, as published, that verdict maps and the decision guide mark on their
 * axes, so a reader sees where real systems fall beside the lab's measurements. Each names its source
 * and how it was read (`../shared/workloads.md` in the project's notes): `primary` read in the paper,
 * `secondary` from a summary (check the paper before relying on it), `dataset` computed from the
 * authors' public data. Browser-safe.
 */

/** The parameters a verdict map may run along. */
export type MapQuantity = 'workPerCallUs' | 'faultRatePerUnit' | 'fanOut' | 'depth';

/** One published figure. */
export interface PublishedFigure {
  readonly quantity: MapQuantity;
  readonly value: number;
  /** What it is, short enough to label a rule on a chart. */
  readonly label: string;
  readonly source: string;
  readonly url: string;
  readonly readFrom: 'primary' | 'secondary' | 'dataset';
}

/**
 * The published figures, by quantity.
 *
 * @example
 * ```ts
 * publishedFigures.filter((figure) => figure.quantity === 'workPerCallUs').map((f) => f.label);
 * // ['µSuite: sub-ms medians', 'Alibaba: median call 1 ms', 'Dean & Barroso: typical leaf 10 ms', 'Azure Functions: median execution 0.68 s']
 * ```
 */
export const publishedFigures: readonly PublishedFigure[] = [
  { quantity: 'workPerCallUs', value: 500, label: 'µSuite: sub-ms medians', source: 'Sriraman & Wenisch, µSuite, IISWC 2018', url: 'https://doi.org/10.1109/IISWC.2018.8573515', readFrom: 'primary' },
  { quantity: 'workPerCallUs', value: 1000, label: 'Alibaba: median call 1 ms', source: 'Alibaba microservices trace v2022, per-call response time (third-party analysis)', url: 'https://github.com/alibaba/clusterdata', readFrom: 'secondary' },
  { quantity: 'workPerCallUs', value: 10_000, label: 'Dean & Barroso: typical leaf 10 ms', source: 'Dean & Barroso, The Tail at Scale, CACM 56(2) 2013', url: 'https://doi.org/10.1145/2408776.2408794', readFrom: 'primary' },
  { quantity: 'workPerCallUs', value: 680_000, label: 'Azure Functions: median execution 0.68 s', source: 'Shahrad et al., Serverless in the Wild, USENIX ATC 2020', url: 'https://www.usenix.org/conference/atc20/presentation/shahrad', readFrom: 'primary' },
  { quantity: 'faultRatePerUnit', value: 0.0001, label: 'region-level compute 99.99%', source: 'AWS Reliability Pillar (regional availability)', url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/welcome.html', readFrom: 'secondary' },
  { quantity: 'faultRatePerUnit', value: 0.0005, label: 'AWS Lambda SLA 99.95%', source: 'AWS Lambda Service Level Agreement', url: 'https://aws.amazon.com/lambda/sla/', readFrom: 'primary' },
  { quantity: 'fanOut', value: 4, label: 'Meta: median fan-out 4', source: 'Huye, Shkuro & Sambasivan, USENIX ATC 2023 (service-characteristics.csv)', url: 'https://www.usenix.org/conference/atc23/presentation/huye', readFrom: 'dataset' },
  { quantity: 'fanOut', value: 13, label: 'Meta: p90 fan-out 13', source: 'Huye, Shkuro & Sambasivan, USENIX ATC 2023 (service-characteristics.csv)', url: 'https://www.usenix.org/conference/atc23/presentation/huye', readFrom: 'dataset' },
  { quantity: 'fanOut', value: 100, label: 'Dean & Barroso: fan-out 100', source: 'Dean & Barroso, The Tail at Scale, CACM 56(2) 2013', url: 'https://doi.org/10.1145/2408776.2408794', readFrom: 'primary' },
  { quantity: 'depth', value: 2, label: 'Alibaba: depth 2 (top services, low end)', source: 'Luo et al., TPDS 33(12) 2022', url: 'https://doi.org/10.1109/TPDS.2022.3174883', readFrom: 'secondary' },
  { quantity: 'depth', value: 6, label: 'Alibaba: depth 6 (top services, high end)', source: 'Luo et al., TPDS 33(12) 2022', url: 'https://doi.org/10.1109/TPDS.2022.3174883', readFrom: 'secondary' },
];

/**
 * The published figures of one quantity.
 *
 * @example
 * ```ts
 * publishedFiguresOf('fanOut').map((f) => f.value); // [4, 13, 100]
 * ```
 */
export function publishedFiguresOf(quantity: MapQuantity): PublishedFigure[] {
  return publishedFigures.filter((figure) => figure.quantity === quantity);
}
