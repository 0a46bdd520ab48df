import { SERVICE_SUITES, serviceAvailable, type ServiceSuite } from './service-suites.ts';

/** Says in one line which service suites did not run (and why), so a green run is read right. */
export default function setup(): () => void {
  return () => {
    const missing = (Object.keys(SERVICE_SUITES) as ServiceSuite[]).filter((suite) => !serviceAvailable(suite));
    const line =
      missing.length === 0
        ? 'Service suites: all ran (embedded, Elasticsearch, BullMQ/Redis, browser).'
        : `Service suites not run: ${missing.map((suite) => SERVICE_SUITES[suite].label).join('; ')}.`;
    console.log(`\n${line}`);
  };
}
