/**
 * Makes (once) and caches the five-year circle of ./oneYearCircle.ts, and prints what it
 * holds: `npx tsx test/bench/makeFiveYear.ts`. The five-year benches call the same
 * function and use the cache when it is there.
 */
import { fiveYearCircle } from './oneYearCircle';

const circle = await fiveYearCircle((line) => console.log(line));
console.log(
  `five-year circle: ${circle.meetings} meetings, ${circle.entries} entries, ` +
    `${circle.words.toLocaleString('en')} words, ${circle.updates.toLocaleString('en')} updates; ` +
    (circle.cached ? 'cached' : `generated in ${(circle.generationMs / 1000).toFixed(0)} s`),
);
