// Upstream's snapshot-test data generator, as the published package ships it.
export { generateTestData } from '@segment/action-destinations/dist/lib/test-data'
