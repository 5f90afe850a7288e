/**
 * End-to-end tests: the built app in Debian's Chromium, driven the way a person uses it, by
 * accessible names. Run with `npm run test:e2e` (builds first). Writes a full-page screenshot
 * to test-results/notebook.png. Ends with a line "e2e: N tests, N passed, N failed" (CI reads
 * it) and exits non-zero when a test failed or none ran.
 */
import './support.ts';
import './notebook.spec.ts';
import './scenarios.spec.ts';
import './tabs.spec.ts';
import './branches.spec.ts';
import './customers.spec.ts';
import './models.spec.ts';
import './bigRuns.spec.ts';
import './storage.spec.ts';
import './editing.spec.ts';
import './files.spec.ts';
import './dataAndMoney.spec.ts';
import './firstScreen.spec.ts';
import './journeyWorth.spec.ts';
import './parquet.spec.ts';
import './discovery.spec.ts';
import './travel.spec.ts';
