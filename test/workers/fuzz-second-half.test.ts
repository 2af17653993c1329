/** The second half of the write contracts fuzzed, and refused creates writing nothing (fuzz.suite.ts). */
import { fuzzSuite } from './fuzz.suite';

fuzzSuite(1);
