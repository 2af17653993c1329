/** The first half of the write contracts fuzzed (fuzz.suite.ts). */
import { fuzzSuite } from './fuzz.suite';

fuzzSuite(0);
