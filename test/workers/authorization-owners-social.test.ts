/** The owner authorization matrix (issue 7 §5), stories, live, media, notifications and discovery part: see authorization-registry.ts. */
import { socialRegistry } from './authorization-registry.social';
import { matrixSuite } from './authorization-suite';

matrixSuite('stories, live, media, notifications and discovery', socialRegistry);
