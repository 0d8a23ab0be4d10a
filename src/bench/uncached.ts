// Imported first by src/cli/bench.ts, before anything that loads src/db/answers.ts: the cases
// time the work itself, so no answer is kept between runs (ANSWER_CACHE_ENTRIES=0). The value
// the environment gave is kept for the concurrency run's server, which runs as the service does.
export const SERVICE_ANSWER_CACHE_ENTRIES = process.env.ANSWER_CACHE_ENTRIES;
process.env.ANSWER_CACHE_ENTRIES = "0";
