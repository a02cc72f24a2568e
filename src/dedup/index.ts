// Deduplication rules of the event store: pure functions over reports, no storage.
export { sameEvent, compareReports, type Codable, type SameEventVerdict, type ReportComparison } from './match.ts';
export { clusterEvents, mergeEvent, type MergedEvent, type MergeableReport } from './cluster.ts';
export { mergeFatalities, isSilentToll, type FatalityReport, type MergedFatalities, type MergeFatalitiesOptions } from './fatalities.ts';
export { compatibilityRules, shippedCompatibility, CompatibilityTableSchema, type TypeRelation } from './compatibility.ts';
