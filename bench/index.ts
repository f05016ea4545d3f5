/**
 * `npm run bench`: the console's performance figures, each against a baseline
 * or a goal measured or stated in the same run. Prints times, sizes and
 * ratios; it is not a test. `--only NAME` (repeatable) runs some of them:
 * listing, inventory, admins-filter, initial-script, certificates,
 * certificates-filter, startup.
 */
import { parseArgs } from 'node:util';
import { benchAdminsFilter } from './adminsFilter.bench';
import { benchCertificates } from './certificates.bench';
import { benchCertificatesFilter } from './certificatesFilter.bench';
import { benchInitialScript } from './initialScript.bench';
import { benchInventory, benchListing, type ListBenchOptions } from './list.bench';
import { benchStartup } from './startup.bench';

const benches = ['listing', 'inventory', 'admins-filter', 'initial-script', 'certificates', 'certificates-filter', 'startup'] as const;
type BenchName = (typeof benches)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    certificates: { type: 'string', default: '100000' },
    latency: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '8' },
    'inventory-size': { type: 'string', default: '10000' },
    'baseline-sample': { type: 'string', default: '1000' },
    'filter-repetitions': { type: 'string', default: '21' },
    'startup-runs': { type: 'string', default: '7' },
  },
  strict: true,
});

const only = values.only ?? [...benches];
for (const name of only) if (!(benches as readonly string[]).includes(name)) throw new Error(`no benchmark called ${name}; there are ${benches.join(', ')}`);
const runs = (name: BenchName): boolean => only.includes(name);

const list: ListBenchOptions = {
  certificates: Number(values.certificates),
  latencyMs: Number(values.latency),
  concurrency: Number(values.concurrency),
  inventorySize: Number(values['inventory-size']),
  baselineSample: Number(values['baseline-sample']),
};

if (runs('listing')) await benchListing(list);
if (runs('inventory')) await benchInventory(list);
if (runs('admins-filter')) await benchAdminsFilter({ repetitions: Number(values['filter-repetitions']), small: 100, large: 5000 });
if (runs('initial-script')) await benchInitialScript();
if (runs('certificates')) await benchCertificates({ large: Number(values.certificates), small: 1000, repetitions: 15 });
if (runs('certificates-filter')) await benchCertificatesFilter({ repetitions: 15, small: 1000, large: Number(values.certificates) });
if (runs('startup')) await benchStartup({ runs: Number(values['startup-runs']) });
