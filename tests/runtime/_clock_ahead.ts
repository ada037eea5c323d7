// Preload for a CLI run on a host whose clock runs ahead (45 s unless
// RETORT_TEST_CLOCK_AHEAD_MS says otherwise); see tests/_run_cli_after.ts.
import process from "node:process";

const realNow = Date.now.bind(Date);
const aheadMs = Number(process.env.RETORT_TEST_CLOCK_AHEAD_MS ?? 45_000);
Date.now = () => realNow() + aheadMs;
